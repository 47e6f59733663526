"""Step throughput under sustained load: 100+ concurrent runs on the local runner.

One server process (uvicorn + `create_app`, as deployed, its collector tuned as `serve` tunes
it; local runner; offline providers with a simulated latency of `--latency` ms per model call,
a sleep, not CPU), driven over HTTP by this process:

- `--runs` slots each keep one run in flight: start it (`startRun`), answer its review as soon
  as the batch poll sees it (`resolveHumanRequest`, ACCEPT), start the next when it finishes.
  One slot in `--video-every` runs full videos (one configuration review, ~16 units of work),
  the others image runs (one image, one review).
- A batch poll (`nodes(ids:)`, every 0.5 s) finds pending reviews and finished runs.
- A sampler times `run(id:)` — a status query with steps and messages, as the panel asks —
  on a random run in flight, every 50 ms. It is a process of its own (the driver keeps it told
  which runs are in flight), so the driver's work never delays a timed query; its CPU and the
  driver's are printed beside the server's.
- Inside the server: every unit of work that completes (`LocalRuntime.unit`: a model call or
  a database step, what Inngest would run as one `step.run`) is timestamped — the step
  executions — and an event-loop probe sleeps 10 ms over and over and records how late it
  woke (the lag). Both are written to a file when the server stops.

The baseline is measured in the same run: the same server idle (one run waiting for review)
for `--idle` seconds before the load, sampled the same way. With `--baseline-checkout PATH`
the whole load is repeated against another checkout of the code (e.g. the main branch), on a
fresh database of the same PostgreSQL, so before and after print side by side.

    uv run python bench/throughput.py                      # 120 runs, 60 s, 200-2000 ms
    uv run python bench/throughput.py --runs 120 --seconds 60 --latency 200-2000 \\
        --baseline-checkout /work/main

Results are recorded in `docs/benchmarks.md` (step throughput).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent

CREATE_LECTURE = """
mutation($input: CreateLectureInput!) {
  createLecture(input: $input) { lecture { id } userErrors { message } }
}"""
START = """
mutation($lectureId: ID!, $workflow: WorkflowInput!) {
  startRun(input: {lectureId: $lectureId, workflow: $workflow}) {
    run { id } userErrors { code message }
  }
}"""
DECIDE = """
mutation($runId: ID!, $requestId: String!) {
  resolveHumanRequest(input: {runId: $runId, requestId: $requestId, decision: ACCEPT}) {
    run { id } userErrors { code message }
  }
}"""
POLL = """
query($ids: [ID!]!) { nodes(ids: $ids) { ... on WorkflowRun {
  id status steps { ... on Step { request { id } } }
} } }"""
STATUS = """
query($id: ID!) { run(id: $id) {
  id title status
  steps { ... on Step { key number title status summary messages { key text level } } }
} }"""
TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
POLL_BATCH = 50
"""Runs per `nodes(ids:)` poll: the API takes at most 100 IDs per request."""


# =============================================================================================
# role: server (a child process; `src` is whichever checkout its PYTHONPATH names first)
# =============================================================================================


def _latency_module() -> Any:
    """This checkout's `src/providers/latency.py`, loaded by path so a baseline checkout that
    predates it gets the very same simulated latency."""
    spec = importlib.util.spec_from_file_location(
        "bench_latency_wrapper", ROOT / "src" / "providers" / "latency.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("src/providers/latency.py is missing from this checkout")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _trace_module() -> Any:
    """This checkout's `bench/read_trace.py`, loaded by path (a baseline checkout's server
    imports this checkout's script, not its own bench package)."""
    spec = importlib.util.spec_from_file_location("bench_read_trace", HERE.parent / "read_trace.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("bench/read_trace.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    import src.resources
    from src.app import create_app
    from src.providers import offline_providers
    from src.runner.local import LocalRuntime
    from src.settings import Settings

    units: list[float] = []
    lags: list[tuple[float, float]] = []

    original_unit = LocalRuntime.unit

    async def counted_unit(self: Any, *a: Any, **kw: Any) -> Any:
        result = await original_unit(self, *a, **kw)
        units.append(time.time())
        return result

    LocalRuntime.unit = counted_unit  # type: ignore[method-assign]

    options: dict[str, Any] = {}
    if "offline_latency_ms" in Settings.model_fields:
        options["offline_latency_ms"] = args.latency  # the shipped setting
    else:  # a checkout from before the setting: the same wrapper, applied here
        latency = _latency_module()
        wait = latency.SimulatedLatency.parse(args.latency)
        src.resources.offline_providers = (  # type: ignore[attr-defined]
            lambda *_: latency.with_latency(offline_providers(), wait)
        )
    settings = Settings(
        database_url=args.database_url,
        data_dir=Path(args.data_dir),
        dev_mode=True,
        host="127.0.0.1",
        port=args.port,
        **options,
    )
    app: Any = create_app(settings)
    trace = _trace_module() if args.trace else None
    if trace is not None:
        trace.install()
        app = trace.wrap(app)

    async def probe() -> None:
        loop = asyncio.get_running_loop()
        while True:
            asked = loop.time()
            await asyncio.sleep(0.01)
            lags.append((time.time(), max(loop.time() - asked - 0.01, 0.0)))

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)  # type: ignore[no-any-return]
        task: asyncio.Task[None] | None = None

        async def sending(message: Any) -> None:
            nonlocal task
            if message["type"] == "lifespan.startup.complete":
                task = asyncio.create_task(probe())
            if message["type"] == "lifespan.shutdown.complete" and task is not None:
                task.cancel()
                with open(args.stats_file, "w") as out:  # noqa: ASYNC230 (shutdown, once)
                    traces = trace.dump() if trace is not None else {}
                    json.dump({"units": units, "lags": lags, "traces": traces}, out)
            await send(message)

        return await app(scope, receive, sending)  # type: ignore[no-any-return]

    if args.server_gc == "serve":
        from src.cli import tune_garbage_collector

        tune_garbage_collector()  # exactly what `agent-progress serve` does
    uvicorn.run(wrapped, host="127.0.0.1", port=args.port, log_level="warning", lifespan="on")


# =============================================================================================
# role: driver
# =============================================================================================


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path
    stats_file: Path

    @classmethod
    def spawn(
        cls,
        checkout: Path,
        database_url: str,
        data_dir: Path,
        latency: str,
        *,
        trace: bool = False,
        server_gc: str = "serve",
    ) -> Server:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        data_dir.mkdir(parents=True, exist_ok=True)
        log = data_dir / "server.log"
        stats = data_dir / "stats.json"
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        with log.open("wb") as sink:
            proc = subprocess.Popen(
                [sys.executable, str(HERE), "--role", "server", "--database-url", database_url,
                 "--port", str(port), "--data-dir", str(data_dir), "--latency", latency,
                 "--stats-file", str(stats), "--server-gc", server_gc,
                 *(["--trace"] if trace else [])],
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=checkout, env=env,
            )  # fmt: skip
        return cls(proc, f"http://127.0.0.1:{port}", log, stats)

    async def wait_healthy(self, http: Any, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(Exception):
                if (await http.get("/health")).status_code == 200:
                    return
            await asyncio.sleep(0.2)
        raise RuntimeError(f"server not healthy:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> dict[str, Any]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        try:
            stats: dict[str, Any] = json.loads(self.stats_file.read_text())
        except (OSError, ValueError):
            stats = {"units": [], "lags": [], "traces": {}}
        return stats


class GraphQL:
    def __init__(self, http: Any) -> None:
        self.http = http
        self.errors = 0

    async def __call__(
        self, query: str, headers: dict[str, str] | None = None, **variables: Any
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body = response.json()
        if body.get("errors"):
            self.errors += 1
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        data: dict[str, Any] = body["data"]
        return data


@dataclass
class Load:
    """What the driver saw."""

    started: dict[str, int] = field(default_factory=lambda: {"image": 0, "video": 0})
    finished: dict[str, int] = field(default_factory=dict)
    decided: int = 0
    refused: int = 0
    query_ms: list[tuple[float, float, int]] = field(default_factory=list)
    """(time.time(), ms, sample number) of each timed `run(id:)`."""


class Driver:
    def __init__(
        self, gql: GraphQL, lectures: list[str], video_every: int, review_seconds: float = 0
    ) -> None:
        self.gql = gql
        self.lectures = lectures
        self.video_every = video_every
        self.review_seconds = review_seconds
        """A person's time to look at a review before answering it (0: at once)."""
        self.load = Load()
        self.states: dict[str, asyncio.Queue[dict[str, Any]]] = {}
        self.stopping = False

    async def slot(self, index: int) -> None:
        lecture = self.lectures[index]
        video = self.video_every > 0 and index % self.video_every == 0
        n = 0
        while not self.stopping:
            n += 1
            workflow = (
                {"fullVideo": {"prompt": f"A 1 minute lecture on volcanoes, part {index}-{n}"}}
                if video
                else {"image": {"prompt": f"a volcano at dawn, study {index}-{n}"}}
            )
            data = (await self.gql(START, lectureId=lecture, workflow=workflow))["startRun"]
            if data["userErrors"] or data["run"] is None:
                raise RuntimeError(f"startRun refused: {data['userErrors']}")
            run_id: str = data["run"]["id"]
            self.load.started["video" if video else "image"] += 1
            inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            self.states[run_id] = inbox
            answered: set[str] = set()
            try:
                while True:
                    state = await inbox.get()
                    if state["status"] in TERMINAL:
                        key = f"{'video' if video else 'image'} {state['status'].lower()}"
                        self.load.finished[key] = self.load.finished.get(key, 0) + 1
                        break
                    for step in state["steps"]:
                        request = step.get("request")
                        if request and request["id"] not in answered:
                            answered.add(request["id"])
                            await asyncio.sleep(self.review_seconds)
                            result = await self.gql(DECIDE, runId=run_id, requestId=request["id"])
                            if result["resolveHumanRequest"]["userErrors"]:
                                self.load.refused += 1
                            else:
                                self.load.decided += 1
            finally:
                del self.states[run_id]

    async def poll(self) -> None:
        while not self.stopping:
            ids = list(self.states)
            for chunk in range(0, len(ids), POLL_BATCH):
                with contextlib.suppress(RuntimeError):
                    batch = ids[chunk : chunk + POLL_BATCH]
                    for node in (await self.gql(POLL, ids=batch))["nodes"]:
                        inbox = self.states.get(node["id"]) if node else None
                        if inbox is not None:
                            inbox.put_nowait(node)
            await asyncio.sleep(0.5)

    async def publish(self, ids_file: Path) -> None:
        """Keep `ids_file` naming the runs in flight, for the sampler process."""
        while not self.stopping:
            write_ids(ids_file, list(self.states))
            await asyncio.sleep(0.2)


def write_ids(ids_file: Path, ids: list[str]) -> None:
    partial = ids_file.with_suffix(".partial")
    partial.write_text(json.dumps(ids))
    partial.replace(ids_file)  # atomic: the sampler never reads half a list


class Sampler:
    """The `run(id:)` sampler in a process of its own, so that the driver's work (120 slots,
    the batch polls) never delays a timed query: what it times is the server (and the
    machine), not the driver's event loop."""

    def __init__(self, proc: asyncio.subprocess.Process, out: Path) -> None:
        self.proc = proc
        self.out = out

    @classmethod
    async def start(cls, url: str, ids_file: Path, name: str) -> Sampler:
        """Start it and wait until it is ready (imports done, client open)."""
        out = ids_file.with_name(f"samples-{name}.json")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(HERE), "--role", "sampler", "--url", url,
            "--ids-file", str(ids_file), "--out", str(out),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=ROOT,
        )  # fmt: skip
        assert proc.stdout is not None
        if await proc.stdout.readline() != b"ready\n":
            raise RuntimeError("the sampler process did not start")
        return cls(proc, out)

    async def sample_until(self, until: float) -> None:
        """Start sampling now, until `until` (a `time.time()`)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{until!r}\n".encode())
        await self.proc.stdin.drain()

    async def finish(self) -> list[tuple[float, float, int]]:
        """Let it exit (it waits for this, so its CPU can be read up to here); its samples."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        await self.proc.wait()
        return [(t, ms, n) for t, ms, n in json.loads(self.out.read_text())]


async def sample(args: argparse.Namespace) -> None:
    """Role sampler: once told until when (a `time.time()` on stdin), time `run(id:)` on a
    random run in flight, every 50 ms; write the samples, then wait for stdin to close."""
    import httpx

    samples: list[tuple[float, float, int]] = []
    ids_file = Path(args.ids_file)
    ids: list[str] = []
    async with httpx.AsyncClient(base_url=args.url, timeout=60) as http:
        gql = GraphQL(http)
        print("ready", flush=True)
        until = float(await asyncio.to_thread(sys.stdin.readline))
        while time.time() < until:
            with contextlib.suppress(OSError, ValueError):
                ids = json.loads(ids_file.read_text())  # noqa: ASYNC240 (tiny, before t0)
            if ids:
                number = len(samples)
                marked = {"x-bench-sample": str(number)}  # for --trace; ignored otherwise
                t0 = time.perf_counter()
                with contextlib.suppress(RuntimeError):  # a run deleted under it: not timed
                    await gql(STATUS, headers=marked, id=random.choice(ids))
                    samples.append((time.time(), (time.perf_counter() - t0) * 1000, number))
            await asyncio.sleep(0.05)
    Path(args.out).write_text(json.dumps(samples))  # noqa: ASYNC240 (once, at the end)
    await asyncio.to_thread(sys.stdin.read)


async def make_lectures(gql: GraphQL, count: int) -> list[str]:
    gate = asyncio.Semaphore(8)

    async def one(i: int) -> str:
        async with gate:
            data = await gql(CREATE_LECTURE, input={"title": f"load {i}", "prompt": "volcanoes"})
        return str(data["createLecture"]["lecture"]["id"])

    return list(await asyncio.gather(*(one(i) for i in range(count))))


def pct(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@dataclass
class Phase:
    name: str
    seconds: float
    units: int
    query_ms: list[float]
    lag_ms: list[float]
    runs: str = ""

    def row(self) -> list[str]:
        per_minute = self.units / self.seconds * 60 if self.seconds else 0.0
        return [
            self.name,
            f"{self.seconds:.0f}",
            f"{self.units}",
            f"{per_minute:,.0f}",
            f"{pct(self.query_ms, 50):.1f}",
            f"{pct(self.query_ms, 99):.1f}",
            f"{len(self.query_ms)}",
            f"{pct(self.lag_ms, 50):.1f}",
            f"{pct(self.lag_ms, 99):.1f}",
            f"{max(self.lag_ms, default=float('nan')):.0f}",
            self.runs,
        ]


def window(stats: dict[str, Any], load: Load, start: float, end: float, name: str) -> Phase:
    units = sum(1 for t in stats["units"] if start <= t < end)
    lags = [lag * 1000 for t, lag in stats["lags"] if start <= t < end]
    queries = [ms for t, ms, _ in load.query_ms if start <= t < end]
    return Phase(name, end - start, units, queries, lags)


async def measure(checkout: Path, server_url: str, args: argparse.Namespace) -> list[Phase]:
    import httpx

    from bench.latency.processes import CpuMeter, Profiler, process_cpu
    from src.db.scratch import scratch_database

    async with scratch_database(server_url, "bench_throughput") as url:
        workdir = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
        server = Server.spawn(
            checkout, url, workdir, args.latency, trace=args.trace, server_gc=args.server_gc
        )
        stats: dict[str, Any] = {"units": [], "lags": []}
        try:
            # Idle connections are dropped before the server's 5 s keep-alive ends, so a request
            # never races the server closing its connection (a ReadError).
            limits = httpx.Limits(
                max_connections=64, max_keepalive_connections=64, keepalive_expiry=2
            )
            async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as http:
                await server.wait_healthy(http)
                gql = GraphQL(http)
                lectures = await make_lectures(gql, args.runs + 1)
                driver = Driver(gql, lectures[1:], args.video_every, args.review_seconds)
                # Idle baseline: one image run waiting for its review, nothing else.
                idle = Driver(gql, lectures[:1], 0)
                data = await gql(START, lectureId=lectures[0], workflow={"image": {"prompt": "x"}})
                ids_file = workdir / "in-flight.json"
                write_ids(ids_file, [data["startRun"]["run"]["id"]])
                sampler = await Sampler.start(server.url, ids_file, "idle")
                idle_start = time.time()
                await sampler.sample_until(idle_start + args.idle)
                await asyncio.sleep(args.idle)
                idle_end = time.time()
                idle.load.query_ms = await sampler.finish()

                sampler = await Sampler.start(server.url, ids_file, "load")
                tasks = [asyncio.create_task(driver.slot(i)) for i in range(args.runs)]
                tasks.append(asyncio.create_task(driver.poll()))
                tasks.append(asyncio.create_task(driver.publish(ids_file)))
                load_start = time.time()
                load_end = load_start + args.seconds
                await sampler.sample_until(load_end)
                await asyncio.sleep(args.warmup)
                profiler = Profiler(args.py_spy if checkout == ROOT else None, server.proc.pid)
                profiler.start("throughput load", args.seconds - args.warmup)
                meter = CpuMeter(
                    {
                        "server": lambda: process_cpu(server.proc.pid),
                        "driver": lambda: process_cpu(os.getpid()),
                        "sampler": lambda: process_cpu(sampler.proc.pid),
                    }
                )
                before = meter.mark()
                await asyncio.sleep(max(0.0, load_end - time.time()))
                cpu = meter.describe(before, meter.mark())
                driver.load.query_ms = await sampler.finish()
                heaviest = profiler.stop()
                driver.stopping = True
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                failures = [t for t in tasks if not t.cancelled() and t.exception() is not None]
                for task in failures[:3]:
                    print(f"slot failed: {task.exception()!r}", file=sys.stderr)
        finally:
            stats = server.stop()
            shutil.rmtree(workdir, ignore_errors=True)  # the load's asset files, tens of MB
        idle_phase = window(stats, idle.load, idle_start, idle_end, "idle (1 run waiting)")
        warm = load_start + args.warmup  # runs ramp up first: the window starts after
        load_phase = window(stats, driver.load, warm, load_end, f"{args.runs} runs in flight")
        load = driver.load
        done = ", ".join(f"{v} {k}" for k, v in sorted(load.finished.items()))
        print(f"{checkout.name}, {args.runs} runs in flight: {cpu}")
        for line in heaviest:
            print(f"  py-spy (server, load): {line}")
        if args.trace:
            timed = [s for s in driver.load.query_ms if warm <= s[0] < load_end]
            for line in _trace_module().breakdown(timed, stats.get("traces", {})):
                print(f"  {checkout.name}: {line}")
        load_phase.runs = (
            f"started {load.started['image']} image + {load.started['video']} video; {done}; "
            f"{load.decided} reviews answered; {gql.errors} GraphQL errors"
        )
        return [idle_phase, load_phase]


def print_table(rows: list[list[str]]) -> None:
    header = [
        "code", "phase", "s", "units", "units/min", "run(id:) p50 ms", "p99 ms", "queries",
        "loop lag p50 ms", "p99 ms", "max ms", "runs",
    ]  # fmt: skip
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")


async def drive(args: argparse.Namespace) -> None:
    from src.db.embedded import start_embedded

    load = os.getloadavg()
    checkouts = [("this", ROOT)]
    if args.baseline_checkout:
        checkouts.insert(0, ("baseline", Path(args.baseline_checkout)))
    with tempfile.TemporaryDirectory(prefix="bench-throughput-pg-") as tmp:
        url = args.database_url or start_embedded(Path(tmp) / "pgdata", throwaway=True)
        print(
            f"{os.cpu_count()} CPUs; {args.runs} runs in flight (1 in {args.video_every} a full "
            f"video); simulated model latency {args.latency} ms; reviews answered after "
            f"{args.review_seconds:g} s; {args.seconds:.0f} s of load, collector {args.server_gc}, "
            f"the first {args.warmup:.0f} s not counted; idle baseline {args.idle:.0f} s"
        )
        rows = []
        for label, checkout in checkouts:
            for phase in await measure(checkout, url, args):
                rows.append([f"{label} ({checkout.name})", *phase.row()])
        print_table(rows)
    print(f"load average at start {load[0]:.2f}, at end {os.getloadavg()[0]:.2f}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--role", choices=["driver", "server", "sampler"], default="driver")
    parser.add_argument("--runs", type=int, default=120, help="runs kept in flight")
    parser.add_argument("--video-every", type=int, default=6, help="1 slot in N runs videos")
    parser.add_argument("--seconds", type=float, default=60, help="load duration")
    parser.add_argument("--warmup", type=float, default=10, help="first seconds not counted")
    parser.add_argument("--idle", type=float, default=5, help="idle baseline duration")
    parser.add_argument("--latency", default="200-2000", help="simulated model latency, ms")
    parser.add_argument(
        "--review-seconds", type=float, default=0, help="a person's time before each review answer"
    )
    parser.add_argument("--baseline-checkout", default=None, help="also run this checkout first")
    parser.add_argument("--database-url", default=None, help="a server; default: embedded")
    parser.add_argument("--py-spy", default=None, help="profile the server's load into DIR")
    parser.add_argument(
        "--trace", action="store_true", help="split the timed run(id:) inside the server"
    )
    parser.add_argument(
        "--server-gc",
        choices=["serve", "default"],
        default="serve",
        help="the collector as `agent-progress serve` tunes it (until 2026-11-27 23:30: default)",
    )
    # server role
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--stats-file", default="")
    # sampler role
    parser.add_argument("--url", default="")
    parser.add_argument("--ids-file", default="")
    parser.add_argument("--out", default="")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.role == "server":
        serve(args)
    elif args.role == "sampler":
        asyncio.run(sample(args))
    else:
        if args.baseline_checkout:
            args.baseline_checkout = os.path.abspath(args.baseline_checkout)
        asyncio.run(drive(args))


if __name__ == "__main__":
    main()
