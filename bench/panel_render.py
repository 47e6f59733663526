"""Commit-to-render latency of the Agent Progress panel in a real browser, with 200 runs on one
lecture, beside a bare graphql-ws client in the same page; and the bytes the panel reads per
change.

Parties (one machine, one clock):

- **PostgreSQL**: an embedded throwaway server;
- the **server**: `python -m src.cli serve` in its own process, exactly as a person starts it
  (the bundled panel, the local runner, offline providers);
- **Chromium** (Debian's /usr/bin/chromium, headless) showing the lecture's page: 200
  "Generating Image" blocks, each waiting for "Review Image";
- this process, the **writer**: commits one transition at a time (`MessageAdded` on a probed
  run's step, through `RunStore.apply`, as a flow does) and stamps `time.time()` right after the
  commit returns.

Two things are stamped in the page, on the browser's wall clock (`performance.timeOrigin +
performance.now()`):

- `raw`: a bare graphql-transport-ws socket opened by the page itself (a dozen lines, no
  library) receives a `runChanges` message naming the run — the floor: the server's fan-out;
- `dom`: a MutationObserver sees the probe's text inside the changed run block — the panel's
  whole path: its subscription, its re-read of the changed run, React's commit; `frame` is the
  next animation frame after that (the paint that shows it).

Probes go round `--probed` runs spread over the list (their blocks are expanded first: collapsed
blocks render no steps), one at a time with a quiet pause between them, so each change's bytes
are counted alone: the HTTP bodies the panel sent and received (`request.sizes()`) and the
websocket frames its own socket received, from the commit to the next probe.

    uv run python bench/panel_render.py                 # 200 runs, 100 probes
    uv run python bench/panel_render.py --runs 50 --probes 40
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page, Request, WebSocket, async_playwright
from strawberry import relay

import src.steps  # noqa: F401  (registers the workflow kinds' payload types)
from src.db import open_database
from src.db.embedded import start_embedded
from src.state.events import MessageAdded
from src.state.store import RunStore

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
STEP = "generate_image"
CREATE_LECTURE = 'mutation { createLecture(input: {title: "Benchmark"}) { lecture { id } } }'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
START_IMAGE = """
mutation($l: ID!, $p: String!) { startRun(input: {lectureId: $l, workflow: {image: {prompt: $p}}})
  { run { id } userErrors { message } } }"""
STATUSES = """
query($id: ID!, $after: String) { lecture(id: $id) { runs(first: 100, after: $after) {
  nodes { status } pageInfo { hasNextPage endCursor } } } }"""

PAGE_INSTRUMENTS = """
([lectureId]) => new Promise((ready, failed) => {
  const now = () => performance.timeOrigin + performance.now();
  window.__probe = null;
  const section = document.querySelector('section[aria-label="Agent Progress"]');
  new MutationObserver(() => {
    const probe = window.__probe;
    if (!probe || probe.dom) return;
    const block = document.querySelector(`[data-testid="run-block"][data-run-id="${probe.runId}"]`);
    if (block && block.textContent.includes(probe.text)) {
      probe.dom = now();
      requestAnimationFrame(() => { probe.frame = now(); });
    }
  }).observe(section, {subtree: true, childList: true, characterData: true});

  // The panel's re-read: when its request to /graphql started and when the answer was in.
  new PerformanceObserver((entries) => {
    const probe = window.__probe;
    if (!probe || probe.fetchEnd) return;
    for (const entry of entries.getEntries()) {
      const started = performance.timeOrigin + entry.startTime;
      if (entry.name.endsWith('/graphql') && started >= probe.set) {
        probe.fetchStart = started;
        probe.fetchEnd = performance.timeOrigin + entry.responseEnd;
      }
    }
  }).observe({type: 'resource'});

  // The baseline: a bare graphql-transport-ws client, no library.
  const socket = new WebSocket(`ws://${location.host}/graphql?bench=raw`, 'graphql-transport-ws');
  socket.onopen = () => socket.send(JSON.stringify({type: 'connection_init', payload: {}}));
  socket.onerror = () => failed(new Error('the raw socket failed'));
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({id: 'raw', type: 'subscribe', payload: {
        query: 'subscription($l: ID) { runChanges(lectureId: $l) { runIds cursor } }',
        variables: {l: lectureId}}}));
      setTimeout(() => ready(true), 500);
    } else if (message.type === 'next') {
      const probe = window.__probe;
      const ids = message.payload?.data?.runChanges?.runIds ?? [];
      if (probe && !probe.raw && ids.includes(probe.runId)) probe.raw = now();
    }
  };
})
"""


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass
class Traffic:
    """What the panel's page sent and received, stamped on arrival in this process."""

    http: list[tuple[float, int, int]] = field(default_factory=list)
    """(time, request body bytes, response body bytes) per finished HTTP request."""
    frames: list[tuple[float, int]] = field(default_factory=list)
    """(time, bytes) per websocket frame the panel's own socket received."""
    pending: set[asyncio.Task[None]] = field(default_factory=set)

    def watch(self, page: Page) -> None:
        page.on("requestfinished", self._finished)
        page.on("websocket", self._socket)

    def _finished(self, request: Request) -> None:
        async def sizes() -> None:
            measured = await request.sizes()
            self.http.append(
                (time.time(), measured["requestBodySize"], measured["responseBodySize"])
            )

        task = asyncio.ensure_future(sizes())
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    def _socket(self, socket: WebSocket) -> None:
        if "bench=raw" in socket.url:
            return
        socket.on("framereceived", lambda payload: self.frames.append((time.time(), len(payload))))

    async def between(self, start: float, end: float) -> tuple[int, int, int, int]:
        """(requests, bytes sent, bytes received over HTTP, websocket bytes received)."""
        if self.pending:
            await asyncio.wait(self.pending)
        calls = [(sent, got) for at, sent, got in self.http if start <= at < end]
        frames = sum(size for at, size in self.frames if start <= at < end)
        return len(calls), sum(s for s, _ in calls), sum(g for _, g in calls), frames


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(database_url: str, data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """`agent-progress serve` in its own process, logging to `data_dir/server.log`."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AGENT_PROGRESS_DATA_DIR": str(data_dir),
        "AGENT_PROGRESS_PORT": str(port),
        # Runs wait for review through the whole benchmark: no re-check in between.
        "AGENT_PROGRESS_REVIEW_WINDOW_SECONDS": "3600",
    }
    with (data_dir / "server.log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "src.cli", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log
        )


async def wait_all_waiting(client: httpx.AsyncClient, lecture_id: str, runs: int) -> None:
    """Polls (this is setup, not a measurement) until every run waits for its review."""
    while True:
        statuses: list[str] = []
        after = None
        while True:
            variables = {"id": lecture_id, "after": after}
            answer = await client.post("/graphql", json={"query": STATUSES, "variables": variables})
            runs_page = answer.json()["data"]["lecture"]["runs"]
            statuses += [node["status"] for node in runs_page["nodes"]]
            if not runs_page["pageInfo"]["hasNextPage"]:
                break
            after = runs_page["pageInfo"]["endCursor"]
        if statuses.count("WAITING_FOR_INPUT") == runs:
            return
        if any(s in ("FAILED", "CANCELLED", "COMPLETED") for s in statuses):
            raise RuntimeError(f"a setup run ended early: {statuses}")
        await asyncio.sleep(0.5)


async def measure(
    args: argparse.Namespace, database_url: str, port: int, server: subprocess.Popen[bytes]
) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    database = await open_database(database_url)
    store = RunStore(database)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while True:  # setup: the server starts (migrations, feed) in its own time
                if server.poll() is not None:
                    raise RuntimeError("the server exited; see its log above")
                try:
                    if (await client.get("/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
            lecture_id = (await client.post("/graphql", json={"query": CREATE_LECTURE})).json()[
                "data"
            ]["createLecture"]["lecture"]["id"]
            run_ids: list[str] = []
            for number in range(args.runs):
                body = (
                    await client.post(
                        "/graphql",
                        json={
                            "query": START_IMAGE,
                            "variables": {"l": lecture_id, "p": f"picture {number}"},
                        },
                    )
                ).json()
                run_ids.append(body["data"]["startRun"]["run"]["id"])
            await wait_all_waiting(client, lecture_id, args.runs)
        print(f"{args.runs} runs waiting for review on one lecture", file=sys.stderr)

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            traffic = Traffic()
            traffic.watch(page)
            opened = time.time()
            await page.goto(f"{base}/lectures/{lecture_id}")
            await page.get_by_test_id("connection-state").get_by_text("Live").wait_for()
            blocks = page.get_by_test_id("run-block")
            await blocks.first.wait_for()
            loaded = time.time()
            initial = await traffic.between(opened, loaded + 1)
            initial_blocks = await blocks.count()
            # The panel shows the newest runs and pages back on demand: show all of them.
            earlier = page.get_by_role("button", name="Show earlier runs")
            while await blocks.count() < args.runs:
                shown = await blocks.count()
                await earlier.click()
                await blocks.nth(shown).wait_for()

            step = max(1, args.runs // args.probed)
            probed = run_ids[::step][: args.probed]
            for run_id in probed:
                run_block = page.locator(f'[data-testid="run-block"][data-run-id="{run_id}"]')
                toggle = run_block.locator(":scope > header button[aria-expanded]")
                if await toggle.get_attribute("aria-expanded") != "true":
                    await toggle.click()
            await page.wait_for_timeout(500)
            await page.evaluate(PAGE_INSTRUMENTS, [lecture_id])

            samples: list[dict[str, float]] = []
            for number in range(args.warmup + args.probes):
                run_id = probed[number % len(probed)]
                text = f"Benchmark probe {number}"
                await page.evaluate(
                    "([runId, text]) => { window.__probe = {runId, text,"
                    " set: performance.timeOrigin + performance.now()}; }",
                    [run_id, text],
                )
                event = MessageAdded(
                    step=STEP, key=f"bench-{number}", text=text, at=datetime.now(UTC)
                )
                await store.apply(uuid.UUID(str(relay.GlobalID.from_id(run_id).node_id)), [event])
                committed = time.time()
                await page.wait_for_function(
                    "window.__probe.raw && window.__probe.frame && window.__probe.fetchEnd",
                    timeout=30_000,
                )
                probe = await page.evaluate("window.__probe")
                await asyncio.sleep(args.pause)
                if number < args.warmup:
                    continue
                calls, sent, received, frames = await traffic.between(
                    committed - 0.001, time.time()
                )
                samples.append(
                    {
                        "raw": probe["raw"] - committed * 1000,
                        "dom": probe["dom"] - committed * 1000,
                        "frame": probe["frame"] - committed * 1000,
                        "fetch_start": probe["fetchStart"] - committed * 1000,
                        "fetch_end": probe["fetchEnd"] - committed * 1000,
                        "requests": calls,
                        "sent": sent,
                        "received": received,
                        "frames": frames,
                    }
                )
            await browser.close()
    finally:
        await database.close()
    return {
        "samples": samples,
        "initial": {
            "blocks": initial_blocks,
            "seconds": loaded - opened,
            "requests": initial[0],
            "received": initial[2],
            "frames": initial[3],
        },
    }


def report(args: argparse.Namespace, result: dict[str, Any]) -> None:
    samples: list[dict[str, float]] = result["samples"]

    def column(name: str) -> list[float]:
        return [s[name] for s in samples]

    overhead = [s["dom"] - s["raw"] for s in samples]
    reacted = [s["fetch_start"] - s["raw"] for s in samples]
    fetched = [s["fetch_end"] - s["fetch_start"] for s in samples]
    rendered = [s["dom"] - s["fetch_end"] for s in samples]
    print(f"\n{args.runs} runs on one lecture, {len(samples)} changes, one at a time")
    print(f"load: {os.getloadavg()[0]:.2f} (1 min average), {os.cpu_count()} CPUs\n")
    print("| commit → …                                     | median ms | p95 ms | max ms |")
    print("|------------------------------------------------|-----------|--------|--------|")
    rows = [
        ("run ID at a bare graphql-ws client (baseline)", column("raw")),
        ("changed block in the panel's DOM", column("dom")),
        ("next frame after it (painted)", column("frame")),
        ("panel's own share (DOM minus baseline)", overhead),
        ("  of which: baseline → re-read sent", reacted),
        ("  of which: re-read (HTTP round trip)", fetched),
        ("  of which: answer → DOM (parse, React)", rendered),
    ]
    for label, values in rows:
        print(
            f"| {label:<46} | {statistics.median(values):9.1f} | {percentile(values, 95):6.1f}"
            f" | {max(values):6.1f} |"
        )
    print("\nper change, read by the panel (median / max):")
    for label, name in (
        ("HTTP requests", "requests"),
        ("HTTP bytes sent", "sent"),
        ("HTTP body bytes received", "received"),
        ("websocket bytes received", "frames"),
    ):
        values = column(name)
        print(f"  {label:<26} {statistics.median(values):>8.0f} / {max(values):>8.0f}")
    initial = result["initial"]
    print(
        f"\ninitial load of the lecture page: {initial['seconds']:.2f} s to Live and the first"
        f" {initial['blocks']} blocks; {initial['requests']} HTTP requests,"
        f" {initial['received']:,} bytes received over HTTP, {initial['frames']:,} over the"
        f' websocket (then all {args.runs} blocks were shown with "Show earlier runs")'
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--probed", type=int, default=20, help="distinct runs probed")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pause", type=float, default=0.3, help="quiet seconds between probes")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="panel-render-") as tmp:
        database_url = start_embedded(Path(tmp) / "pgdata", throwaway=True)
        port = free_port()
        server = start_server(database_url, Path(tmp), port)
        try:
            result = asyncio.run(measure(args, database_url, port, server))
        except BaseException:
            print((Path(tmp) / "server.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(args, result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
