"""A picture of the Grafana dashboard (docs/grafana-dashboard.json) filled by a real run.

    apt-get install prometheus                    # once; Grafana is not packaged here
    uv run python scripts/dashboard_picture.py    # docs/screenshots/operations-dashboard.png

What it does, all on 127.0.0.1:

1. starts a throwaway embedded PostgreSQL and the app (local runner) on a free port, with the
   offline models behind a twin that gives the image model a realistic latency, a few
   retriable failures and one outage long enough to open its circuit breaker;
2. starts a real Prometheus scraping the app's `/metrics` every 2 s;
3. runs a scripted workload for `--minutes`: image runs started through GraphQL, reviews
   accepted or rejected after a few seconds, a few cancels, twenty websocket subscribers, and
   the retention job deleting finished runs older than two minutes;
4. asks Prometheus (`/api/v1/query_range`) for every query of every panel of the dashboard,
   exactly as written there, and draws the panels with matplotlib in the dashboard's layout
   (titles, grid positions, legend formats).

Grafana draws the real thing; this is the same data through the same queries, drawn by
matplotlib. Windows such as `[5m]` and `[1h]` are longer than part of the run, so rates ramp up
at the start, as they would on a fresh deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import websockets

from src.db.embedded import start_embedded
from src.errors import ProviderError
from src.providers import offline_providers
from src.providers.offline import OfflineImageModel
from src.providers.ports import GeneratedImage, ImageRequest
from src.resources import Resources
from src.settings import Settings
from tests.servers import free_port, serving

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "docs" / "grafana-dashboard.json"
OUT = ROOT / "docs" / "screenshots" / "operations-dashboard.png"

START = """
mutation StartRun($lectureId: ID!, $prompt: String!) {
  startRun(input: {lectureId: $lectureId, workflow: {image: {prompt: $prompt}}}) {
    run { id } userErrors { message }
  }
}"""
DECIDE = """
mutation ResolveReview($runId: ID!, $decision: Decision!) {
  resolveHumanRequest(input: {runId: $runId, requestId: "review-image", decision: $decision}) {
    userErrors { message }
  }
}"""
CANCEL = """
mutation CancelRun($runId: ID!) { cancelRun(input: {runId: $runId}) { userErrors { message } } }
"""
RUN = "query RunStatus($id: ID!) { run(id: $id) { status } }"
LECTURE = """
mutation CreateLecture($t: String!) { createLecture(input: {title: $t}) { lecture { id } } }
"""
SUBSCRIPTION = "subscription RunChanges { runChanges { runIds cursor } }"


@dataclass
class UnevenImages:
    """Offline pictures after 0.3-2 s, with 10 % retriable failures and, from `outage_at` for
    `outage_seconds`, nothing but failures (the breaker opens, waits, probes, closes)."""

    outage_at: float
    outage_seconds: float
    rng: random.Random

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        await asyncio.sleep(self.rng.uniform(0.3, 2.0))
        now = time.monotonic()
        if self.outage_at <= now < self.outage_at + self.outage_seconds:
            raise ProviderError("the image service is down", retriable=True)
        if self.rng.random() < 0.1:
            raise ProviderError("the image service is busy", retriable=True)
        return await OfflineImageModel().generate(request)


@asynccontextmanager
async def prometheus(target: str, workdir: Path) -> AsyncIterator[str]:
    """A real Prometheus scraping `target` (host:port) every 2 s; yields its base URL."""
    binary = shutil.which("prometheus")
    if binary is None:
        raise SystemExit("prometheus is not installed: apt-get install prometheus")
    config = workdir / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 2s, evaluation_interval: 2s}\n"
        "scrape_configs:\n"
        "  - job_name: agent-progress\n"
        f"    static_configs: [{{targets: ['{target}']}}]\n"
    )
    port = free_port()
    log = (workdir / "prometheus.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        binary, f"--config.file={config}", f"--storage.tsdb.path={workdir / 'tsdb'}",
        f"--web.listen-address=127.0.0.1:{port}", stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            for _ in range(300):
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/-/ready")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("prometheus did not become ready")
        yield url
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 20)
        log.close()


async def gql(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    data: dict[str, Any] = body["data"]
    return data


async def subscriber(base: str, stop: asyncio.Event) -> None:
    url = base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        await ws.recv()
        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
        await ws.send(json.dumps(subscribe))
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                raw = await asyncio.wait_for(ws.recv(), 1.0)
                if json.loads(raw)["type"] == "ping":
                    await ws.send(json.dumps({"type": "pong"}))


async def workload(base: str, seconds: float, rng: random.Random) -> int:
    """Image runs at about one every 1.5 s for `seconds`; each review is decided 1-6 s after
    it opens (80 % accept), one run in fifteen is cancelled. Returns how many runs started."""
    stop = asyncio.Event()
    watchers = [asyncio.create_task(subscriber(base, stop)) for _ in range(20)]
    started = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        lectures = [
            (await gql(http, LECTURE, t=f"Lecture {i}"))["createLecture"]["lecture"]["id"]
            for i in range(8)
        ]

        async def one_run(n: int) -> None:
            lecture = lectures[n % len(lectures)]
            payload = (await gql(http, START, lectureId=lecture, prompt=f"picture {n}"))["startRun"]
            if payload["userErrors"]:
                return
            run_id = payload["run"]["id"]
            if rng.random() < 1 / 15:
                await asyncio.sleep(rng.uniform(0.5, 3))
                await gql(http, CANCEL, runId=run_id)
                return
            for _ in range(600):
                run = (await gql(http, RUN, id=run_id))["run"]
                if run is None:
                    return  # finished long enough ago for the retention job to delete it
                status = run["status"]
                if status == "WAITING_FOR_INPUT":
                    await asyncio.sleep(rng.uniform(1, 6))
                    decision = "ACCEPT" if rng.random() < 0.8 else "REJECT"
                    await gql(http, DECIDE, runId=run_id, decision=decision)
                    return
                if status in {"COMPLETED", "FAILED", "CANCELLED"}:
                    return
                await asyncio.sleep(0.5)

        runs = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            runs.append(asyncio.create_task(one_run(started)))
            started += 1
            await asyncio.sleep(rng.uniform(0.5, 2.5))
        await asyncio.gather(*runs, return_exceptions=True)
    stop.set()
    await asyncio.gather(*watchers, return_exceptions=True)
    return started


async def query_panels(prom: str, start: float, end: float) -> list[dict[str, Any]]:
    """Each panel of the dashboard with, per target, the series Prometheus computed."""
    dashboard = json.loads(DASHBOARD.read_text())
    panels = []
    async with httpx.AsyncClient(base_url=prom, timeout=30) as http:
        for panel in dashboard["panels"]:
            series = []
            for target in panel["targets"]:
                answer = await http.get(
                    "/api/v1/query_range",
                    params={"query": target["expr"], "start": start, "end": end, "step": 5},
                )
                body = answer.json()
                if body.get("status") != "success":
                    raise RuntimeError(f"{target['expr']}: {body}")
                for result in body["data"]["result"]:
                    label = legend(target.get("legendFormat", ""), result["metric"])
                    points = [(float(t) - start, float(v)) for t, v in result["values"]]
                    series.append((label, points))
            panels.append({**panel, "series": series})
    return panels


def legend(template: str, labels: dict[str, str]) -> str:
    if not template:
        return ", ".join(f"{k}={v}" for k, v in sorted(labels.items())) or "value"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)


def draw(panels: list[dict[str, Any]], out: Path, subtitle: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import math

    import matplotlib.pyplot as plt

    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    unit = 0.42  # inches per grid row; the grid is 24 columns wide
    fig = plt.figure(figsize=(18, rows * unit + 1.0), facecolor="#111217")
    grid = fig.add_gridspec(rows, 24, left=0.04, right=0.99, top=1 - 1.0 / (rows * unit + 1.0),
                            bottom=0.01, hspace=4.0, wspace=4.0)  # fmt: skip
    fig.suptitle(f"agent-progress operations dashboard — {subtitle}", color="#d8d9da", fontsize=13)
    for panel in panels:
        pos = panel["gridPos"]
        ax = fig.add_subplot(
            grid[pos["y"] : pos["y"] + pos["h"] - 1, pos["x"] : pos["x"] + pos["w"]]
        )
        ax.set_facecolor("#181b1f")
        ax.set_title(panel["title"], color="#d8d9da", fontsize=10, loc="left")
        ax.tick_params(colors="#8e8e8e", labelsize=7)
        for spine in ax.spines.values():
            spine.set_color("#2c3235")
        ax.grid(color="#2c3235", linewidth=0.5)
        drawn = 0
        for label, points in panel["series"][:12]:
            finite = [(t / 60, v) for t, v in points if math.isfinite(v)]
            if finite:
                xs, ys = zip(*finite, strict=True)
                ax.plot(xs, ys, linewidth=1.2, label=label)
                drawn += 1
        if drawn:
            ax.legend(fontsize=6, loc="upper left", facecolor="#181b1f", labelcolor="#d8d9da",
                      edgecolor="#2c3235", ncol=2 if drawn > 4 else 1)  # fmt: skip
        else:
            ax.text(0.5, 0.5, "No data", color="#8e8e8e", ha="center", va="center",
                    transform=ax.transAxes)  # fmt: skip
        ax.set_xlabel("minutes into the run", color="#8e8e8e", fontsize=7)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80, facecolor=fig.get_facecolor())
    print(f"wrote {out}")


async def main(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    seconds = args.minutes * 60
    with tempfile.TemporaryDirectory(prefix="agent-progress-dashboard-") as tmp:
        workdir = Path(tmp)
        url = start_embedded(workdir / "pgdata", throwaway=True)
        images = UnevenImages(
            outage_at=time.monotonic() + seconds * 0.45, outage_seconds=25, rng=rng
        )
        settings = Settings(
            database_url=url,
            data_dir=workdir / "data",
            breaker_failures=5,
            breaker_open_seconds=10,
            review_window_seconds=5,
            # The retention job, on a scale of minutes instead of days: finished runs older
            # than two minutes go, checked every 20 s (its panel would stay empty otherwise).
            retention_days=2 / 1440,
            retention_interval_seconds=20,
        )
        resources = await Resources.open(
            settings, providers=replace(offline_providers(), image=images)
        )
        try:
            async with serving(resources) as base:
                target = base.removeprefix("http://")
                async with prometheus(target, workdir) as prom:
                    begin = time.time()
                    runs = await workload(base, seconds, rng)
                    await asyncio.sleep(6)  # the last scrapes
                    end = time.time()
                    panels = await query_panels(prom, begin, end)
        finally:
            await resources.close()
    subtitle = (
        f"{runs} image runs over {args.minutes:g} minutes, scraped every 2 s by Prometheus "
        f"({time.strftime('%Y-%m-%d', time.gmtime(begin))})"
    )
    draw(panels, args.out, subtitle)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    asyncio.run(main(parser.parse_args()))
    sys.exit(0)
