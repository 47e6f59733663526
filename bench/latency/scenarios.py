"""The measured scenarios (A per-lecture, B broadcast, raw LISTEN/NOTIFY) and the table."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import shutil
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.latency.common import (
    CREATE_LECTURE,
    RAW_CHANNEL,
    decode_global_id,
    percentile,
    raise_file_limit,
)
from bench.latency.processes import (
    ClientsProcess,
    CpuMeter,
    Profiler,
    ServerProcess,
    postmaster_pid,
    process_cpu,
)


@dataclass
class Result:
    scenario: str
    subscribers: int
    notifications: int
    latencies: list[float]
    missing: int
    notes: list[str] = field(default_factory=list)
    last: list[float] = field(default_factory=list)
    """Per broadcast write: ms until its last subscriber had it."""
    server_us: float | None = None
    """Server CPU per delivery, µs."""
    rss_mb: float | None = None
    """Server resident memory at the end of the phase."""
    series: list[tuple[float, float]] = field(default_factory=list)
    """(seconds since the first write, latency ms) per delivery, for `--dump`."""

    def stat(self, q: float, values: list[float] | None = None) -> str:
        values = self.latencies if values is None else values
        if not values:
            return "-"
        ordered = sorted(values)
        return f"{(ordered[-1] if q >= 100 else percentile(ordered, q)):.2f}"


@dataclass
class Fixture:
    db: Any
    store: Any
    runs: list[uuid.UUID]
    lecture_gids: list[str]
    seq: int = 0
    active: int = 0
    """How many of the runs (and subscribers) the current phase uses."""

    def message(self) -> Any:
        from src.state import MessageAdded

        self.seq += 1
        return MessageAdded(
            at=datetime.now(UTC),
            step="generate_image",
            key=f"bench-{self.seq}",
            text=f"Benchmark message {self.seq}",
        )


async def bounded(count: int, concurrency: int, job: Callable[[int], Awaitable[Any]]) -> list[Any]:
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> Any:
        async with gate:
            return await job(i)

    return await asyncio.gather(*(one(i) for i in range(count)))


async def create_fixture(server: ServerProcess, database_url: str, count: int) -> Fixture:
    """`count` lectures made through GraphQL, each with one started image run."""
    import httpx

    from src.db import open_database
    from src.resources import LOCAL_VIEWER
    from src.state import Event, RunStarted, StepStarted, apply_all
    from src.state.store import NewRun, RunStore
    from src.steps import get_kind

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:

        async def lecture(i: int) -> str:
            variables = {"input": {"title": f"bench lecture {i}", "prompt": "bench"}}
            response = await http.post(
                "/graphql", json={"query": CREATE_LECTURE, "variables": variables}
            )
            body = response.json()
            payload = (body.get("data") or {}).get("createLecture")
            if body.get("errors") or not payload or payload["userErrors"]:
                raise RuntimeError(f"createLecture failed: {body}")
            gid: str = payload["lecture"]["id"]
            return gid

        gids = await bounded(count, 16, lecture)

    db = await open_database(database_url, pool_size=10)
    store = RunStore(db)
    kind = get_kind("image")

    async def run(i: int) -> uuid.UUID:
        now = datetime.now(UTC)
        started: list[Event] = [
            RunStarted(at=now),
            StepStarted(at=now, step="generate_image", summary="Bench"),
        ]
        record = await store.create(
            NewRun(
                id=uuid.uuid4(),
                owner_id=LOCAL_VIEWER.id,
                lecture_id=uuid.UUID(decode_global_id(gids[i])),
                kind=kind.key,
                state=apply_all(kind.initial_state(now), started),
                input={"prompt": "bench"},
                triggered_by=LOCAL_VIEWER.id,
                trigger="bench",
            )
        )
        return record.id

    runs = await bounded(count, 8, run)
    return Fixture(db, store, runs, gids)


async def paced(
    rate: float, count: int, step: Callable[[int], Awaitable[None]], in_flight: int = 4
) -> float:
    """Start `step(i)` at `i / rate` s for i < count (open loop: a slow commit does not delay
    the next one, up to `in_flight` at once); returns the elapsed time."""
    gc.collect()
    gc.disable()  # the writer is an instrument too: no collector pause between commit and stamp
    gate = asyncio.Semaphore(in_flight)
    tasks = []

    async def run(i: int) -> None:
        try:
            await step(i)
        finally:
            gate.release()

    start = time.perf_counter()
    try:
        for i in range(count):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await gate.acquire()
            tasks.append(asyncio.create_task(run(i)))
        await asyncio.gather(*tasks)
    finally:
        gc.enable()
    return time.perf_counter() - start


async def warm_up(
    clients: ClientsProcess, fx: Fixture, pick: Callable[[list[int]], list[int]], limit: float
) -> None:
    """Write until every subscriber has seen a change (so every subscription is live)."""
    deadline = time.monotonic() + limit
    not_ready = list(range(fx.active))
    while True:
        targets = pick(not_ready)

        async def write(i: int, targets: list[int] = targets) -> None:
            await fx.store.apply(fx.runs[targets[i]], [fx.message()])

        await bounded(len(targets), 8, write)
        not_ready = (await clients.call("wait_ready", within=1.0))["not_ready"]
        if not not_ready:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(not_ready)} subscribers never received a change")


def gc_summary(pauses: list[tuple[int, float, float]]) -> str:
    if not pauses:
        return "server GC pauses >= 2 ms: none"
    full = [p for p in pauses if p[0] == 2]
    worst = max(pauses, key=lambda p: p[1])
    return (
        f"server GC pauses >= 2 ms: {len(pauses)} ({len(full)} full), total "
        f"{sum(p[1] for p in pauses):.0f} ms; longest {worst[1]:.0f} ms wall / {worst[2]:.0f} ms "
        f"CPU (generation {worst[0]})"
    )


def describe(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"p50 {percentile(ordered, 50):.2f} ms, p99 {percentile(ordered, 99):.2f} ms"


@dataclass
class Harness:
    args: argparse.Namespace
    server: ServerProcess
    clients: ClientsProcess
    meter: CpuMeter
    profiler: Profiler
    rng: random.Random


async def measure_phase(
    h: Harness, fx: Fixture, name: str, rate: float, seconds: float, per_lecture: bool
) -> Result:
    """Paced `RunStore.apply` writes to random runs, then every delivery's latency."""
    await h.clients.call("quiesce", quiet=0.5, limit=30)
    await h.clients.call("clear")
    count = max(1, round(rate * seconds))
    writes: list[list[Any]] = []
    durations: list[float] = []

    async def step(_: int) -> None:
        sub = h.rng.randrange(fx.active)
        t0 = time.perf_counter()
        applied = await fx.store.apply(fx.runs[sub], [fx.message()])
        committed = time.time()
        durations.append((time.perf_counter() - t0) * 1000)
        writes.append(
            [str(fx.runs[sub]), applied.record.change_xid, committed, sub if per_lecture else -1]
        )

    h.profiler.start(name, count / rate + 3)
    before, wall0 = h.meter.mark(), time.time()
    elapsed = await paced(rate, count, step)
    drained = await h.clients.call("wait_delivered", writes=writes, limit=h.args.drain_limit)
    after, wall1 = h.meter.mark(), time.time()
    frames = h.profiler.stop()
    got = await h.clients.call("collect", writes=writes)

    result = Result(name, fx.active, count, got["latencies_ms"], got["missing"])
    result.last = got["last_ms"]
    if got["latencies_ms"]:
        server_seconds = after["server"] - before["server"]
        result.server_us = 1e6 * server_seconds / len(got["latencies_ms"])
    result.rss_mb = h.server.rss_mb()
    first = min(w[2] for w in writes)
    result.series = [
        (writes[w][2] - first, ms)
        for w, ms in zip(got["write_index"], got["latencies_ms"], strict=True)
    ]
    pauses = h.server.gc_pauses(wall0, wall1)
    result.notes = [
        f"{count} writes in {elapsed:.2f}s ({count / elapsed:.0f}/s); RunStore.apply "
        f"{describe(durations)}; "
        + (
            f"last delivery {drained['last_delivery'] - max(w[2] for w in writes):.3f}s after "
            "the last commit"
            if drained["complete"]
            else f"NOT all delivered {h.args.drain_limit:g}s after the last commit"
        ),
        f"{got['messages']} messages carrying {got['ids']} run IDs (largest batch "
        f"{got['max_batch']}); {got['stray']} stray (subscriber, run) pairs; {got['errors']} "
        "errors" + (f" (first: {got['first_error']})" if got["errors"] else ""),
        h.meter.describe(before, after),
        gc_summary(pauses),
        *(f"server profile: {line}" for line in frames),
    ]
    return result


async def subscribe_all(
    h: Harness, fx: Fixture, per_lecture: bool, more_servers: Sequence[ServerProcess] = ()
) -> str:
    n = fx.active
    opened = await h.clients.call(
        "open",
        url=h.server.url,
        count=n,
        lectures=fx.lecture_gids[:n] if per_lecture else None,
        concurrency=h.args.connect_concurrency,
        more_urls=[server.url for server in more_servers],
    )
    if opened["failed"]:
        raise RuntimeError(f"{opened['failed']} connections failed: {opened['first_failure']}")
    started = time.perf_counter()
    if per_lecture:  # one write to each subscriber's run, again for any not yet subscribed
        await warm_up(h.clients, fx, lambda not_ready: not_ready, limit=60)
    else:  # one write reaches everybody subscribed
        await warm_up(h.clients, fx, lambda _: [h.rng.randrange(n)], limit=60)
    return (
        f"{n} connections opened in {opened['seconds']:.1f}s, "
        f"all subscriptions live {time.perf_counter() - started:.1f}s later"
    )


async def scenario_a(h: Harness, fx: Fixture, label: str = "") -> Result:
    setup = await subscribe_all(h, fx, per_lecture=True)
    rate = h.args.rate_a
    result = await measure_phase(
        h, fx, f"{label}A per-lecture {rate:g}/s", rate, h.args.seconds_a, per_lecture=True
    )
    result.notes.insert(0, setup)
    if h.args.heap_census:
        census = await h.server.census()
        if not census:  # no answer: say so, and keep the phase's figures
            census = ["no census (the server did not answer within a minute)"]
        result.notes += [f"server heap with {fx.active} subscribers: {census[0]}"]
        result.notes += [f"  {line}" for line in census[1:]]
    await h.clients.call("close")
    return result


async def scenario_a_spread(h: Harness, fx: Fixture, second: ServerProcess) -> Result:
    """Scenario A with the subscribers spread over two server processes on one database
    (every other subscriber on the second): each process's change feed hears every commit."""
    setup = await subscribe_all(h, fx, per_lecture=True, more_servers=[second])
    rate = h.args.rate_a
    result = await measure_phase(
        h, fx, f"A per-lecture {rate:g}/s, 2 processes", rate, h.args.seconds_a, per_lecture=True
    )
    result.notes.insert(0, setup + f"; half on {h.server.url}, half on {second.url}")
    await h.clients.call("close")
    return result


async def scenario_b(h: Harness, fx: Fixture, label: str = "") -> list[Result]:
    setup = await subscribe_all(h, fx, per_lecture=False)
    results = []
    for rate in h.args.rates_b:
        results.append(
            await measure_phase(
                h, fx, f"{label}B broadcast {rate:g}/s", rate, h.args.seconds_b, per_lecture=False
            )
        )
    results[0].notes.insert(0, setup)
    await h.clients.call("close")
    return results


async def raw_baseline(h: Harness, dsn: str) -> Result:
    import asyncpg

    rate = h.args.rate_a
    count = max(1, round(rate * h.args.seconds_a))
    await h.clients.call("raw_listen", dsn=dsn)
    pool = await asyncpg.create_pool(dsn, min_size=4, max_size=4)
    notify = "SELECT pg_notify($1, $2)"
    writes: list[list[Any]] = []
    durations: list[float] = []
    try:
        for i in range(20):  # warm-up (connections, prepared statements), not measured
            await pool.fetchval(notify, RAW_CHANNEL, f"warm-{i}")

        async def step(i: int) -> None:
            payload = str(i)
            t0 = time.perf_counter()
            await pool.fetchval(notify, RAW_CHANNEL, payload)
            committed = time.time()
            durations.append((time.perf_counter() - t0) * 1000)
            writes.append([payload, committed])

        before = h.meter.mark()
        elapsed = await paced(rate, count, step)
        await h.clients.call("quiesce", quiet=0.5, limit=10)
        after = h.meter.mark()
    finally:
        await pool.close()
    got = await h.clients.call("raw_collect", writes=writes)
    result = Result(f"raw LISTEN/NOTIFY {rate:g}/s", 1, count, got["latencies_ms"], got["missing"])
    first = min(w[1] for w in writes)
    result.series = [
        (writes[w][1] - first, ms)
        for w, ms in zip(got["write_index"], got["latencies_ms"], strict=True)
    ]
    result.notes = [
        f"{count} notifications in {elapsed:.2f}s; pg_notify commit {describe(durations)}",
        h.meter.describe(before, after),
    ]
    return result


def print_table(results: Sequence[Result]) -> None:
    header = (
        "scenario", "subscribers", "notifications", "deliveries", "missing",
        "p50 ms", "p90 ms", "p99 ms", "max ms", "last p50 ms", "last p99 ms",
        "server µs/delivery", "server RSS MB",
    )  # fmt: skip
    rows = [
        (
            r.scenario,
            str(r.subscribers),
            str(r.notifications),
            str(len(r.latencies)),
            str(r.missing),
            r.stat(50),
            r.stat(90),
            r.stat(99),
            r.stat(100),
            r.stat(50, r.last),
            r.stat(99, r.last),
            "-" if r.server_us is None else f"{r.server_us:.0f}",
            "-" if r.rss_mb is None else f"{r.rss_mb:.0f}",
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


async def bench(url: str, pgdata: Path | None, workdir: Path, args: argparse.Namespace) -> int:
    from src.db.database import asyncpg_dsn

    t_start = time.perf_counter()
    load = os.getloadavg()
    modes = ["per-subscriber", "shared"] if args.fanout == "both" else [args.fanout]
    scenarios = set(args.scenarios)
    size = max([args.subscribers, *(args.knee or [])])
    server = ServerProcess.spawn(url, workdir / "server-0", gc_mode=args.server_gc, mode=modes[0])
    servers = [server]
    second: ServerProcess | None = None
    if args.processes == 2 or args.compare_metrics:
        second = ServerProcess.spawn(
            url,
            workdir / "server-second",
            gc_mode=args.server_gc,
            mode=modes[0],
            metrics="off" if args.compare_metrics else "on",
        )
        servers.append(second)
    clients: ClientsProcess | None = None
    fx: Fixture | None = None
    results: list[Result] = []
    try:
        await server.wait_healthy(60)
        if second is not None:
            await second.wait_healthy(60)
        clients = await ClientsProcess.start()
        fx = await create_fixture(server, url, size)
        print(
            f"{size} lectures (createLecture) with one image run each; ready after "
            f"{time.perf_counter() - t_start:.1f}s; {os.cpu_count()} CPUs, load average "
            f"{load[0]:.2f} at start (this machine is shared: other work shows up as latency); "
            f"open files limit {raise_file_limit()}"
        )
        postmaster = postmaster_pid(pgdata) if pgdata else None
        if args.py_spy and shutil.which("py-spy") is None:
            raise RuntimeError("py-spy is not on PATH: uv run --with py-spy python ...")

        def harness(target: ServerProcess) -> Harness:
            assert clients is not None
            parties: dict[str, Callable[[], float]] = {
                "server": lambda: process_cpu(target.proc.pid),
                "clients": lambda: process_cpu(clients.proc.pid),
                "writer": lambda: process_cpu(os.getpid()),
            }
            if postmaster is not None:
                parties["postgres"] = lambda: process_cpu(postmaster, with_children=True)
            return Harness(
                args,
                target,
                clients,
                CpuMeter(parties),
                Profiler(args.py_spy, target.proc.pid),
                random.Random(args.seed),
            )

        if second is not None:
            # --compare-metrics or --processes 2: scenario A only, against the second server.
            h = harness(server)
            fx.active = args.subscribers
            if args.compare_metrics:
                # Metrics on (the first server) and off (the second), twice, alternating: the
                # machine's load drifts, so each side gets an early and a late phase.
                off = harness(second)
                for label, each_h in (("on", h), ("off", off), ("on", h), ("off", off)):
                    result = await scenario_a(each_h, fx)
                    result.scenario += f", metrics {label}"
                    results.append(result)
            else:  # one process vs two, same run; broadcast is skipped
                results.append(await scenario_a(h, fx))
                results.append(await scenario_a_spread(h, fx, second))
            results.append(await raw_baseline(h, asyncpg_dsn(url)))
            scenarios = set()
            modes = []
        # Every server up at once (idle ones cost nothing), so that the broadcast rounds can
        # alternate between them: on a shared machine, load drifts between minutes.
        targets: list[tuple[str, ServerProcess]] = []
        for number, mode in enumerate(modes):
            if number:
                server = ServerProcess.spawn(
                    url, workdir / f"server-{number}", gc_mode=args.server_gc, mode=mode
                )
                servers.append(server)
                await server.wait_healthy(60)
            print(
                f"server pid {server.proc.pid} at {server.url} (uvicorn, websockets-sansio; "
                f"garbage collector: {args.server_gc}; fan-out: {mode})"
            )
            targets.append((f"[{mode}] " if len(modes) > 1 else "", server))
        if args.baseline_root is not None and modes:
            root = args.baseline_root.resolve()
            baseline = ServerProcess.spawn(
                url, workdir / "server-baseline", gc_mode=args.server_gc, mode=modes[-1], root=root
            )
            servers.append(baseline)
            await baseline.wait_healthy(60)
            print(f"baseline server pid {baseline.proc.pid} at {baseline.url}: the code of {root}")
            label = targets[-1][0].rstrip("] ").lstrip("[")
            targets = [(f"[baseline{' ' + label if label else ''}] ", baseline)] + [
                (f"[candidate{' ' + lbl.strip('[] ') if lbl else ''}] ", t) for lbl, t in targets
            ]
        for label, target in targets:
            h = harness(target)
            fx.active = args.subscribers
            if "a" in scenarios:
                results.append(await scenario_a(h, fx, label))
            for n in args.knee or []:
                baseline = label == "[per-subscriber] " or label.startswith("[baseline")
                if baseline and n > (args.knee_baseline_max or n):
                    continue
                fx.active = n
                results.append(await scenario_a(h, fx, label))
        if "floor" in scenarios:
            floor = ServerProcess.spawn(url, workdir / "floor", gc_mode="default", role="floor")
            servers.append(floor)
            await floor.wait_healthy(60)
            print(f"floor pid {floor.proc.pid} at {floor.url} (bare asyncio, pre-encoded)")
            targets.append(("[floor] ", floor))
        if "b" in scenarios:
            fx.active = args.subscribers
            rounds: list[Result] = []
            for _ in range(args.rounds):
                for label, target in targets:
                    rounds.extend(await scenario_b(harness(target), fx, label))
            results.extend(merge_rounds(rounds))
        if "raw" in scenarios:
            results.append(await raw_baseline(harness(server), asyncpg_dsn(url)))
    finally:
        if clients is not None:
            await clients.stop()
        for each in servers:
            each.stop()
        if fx is not None:
            await fx.db.close()

    if args.dump:
        with open(args.dump, "w") as sink:  # noqa: ASYNC230 - once, after measuring
            json.dump({r.scenario: r.series for r in results}, sink)
    print()
    for r in results:
        for note in r.notes:
            print(f"{r.scenario}: {note}")
    for each in servers:
        tracebacks, first = each.errors()
        if tracebacks:
            kept = Path("var") / f"latency-server-{each.proc.pid}.log"
            kept.parent.mkdir(exist_ok=True)
            shutil.copyfile(each.log, kept)  # the work directory goes when the bench ends
            print(f"server {each.proc.pid} log: {tracebacks} tracebacks, the first: {first}")
            print(f"  (log kept in {kept})")
    print()
    print_table(results)
    print()
    if args.compare_metrics:
        for label in ("on", "off"):
            mine = [r for r in results if r.scenario.endswith(f"metrics {label}")]
            merged = sorted(ms for r in mine for ms in r.latencies)
            if merged:
                print(
                    f"metrics {label}, both phases: p50 {percentile(merged, 50):.2f} ms, "
                    f"p99 {percentile(merged, 99):.2f} ms"
                )
    elif second is not None:
        one, two = results[0], results[1]
        if one.latencies and two.latencies:
            ratio = float(two.stat(99)) / max(float(one.stat(99)), 1e-9)
            print(
                f"two processes / one process, p99: {ratio:.2f} x "
                f"({'within' if ratio <= 2 else 'OVER'} the 2 x goal)"
            )
    print_ratios(results)
    a = next((r for r in results if " A per-lecture" in f" {r.scenario}"), None)
    if a is not None:
        ok = bool(a.latencies) and a.missing == 0 and float(a.stat(99)) < args.target_p99
        print(
            f"scenario {a.scenario} p99 {a.stat(99)} ms: {'meets' if ok else 'MISSES'} the "
            f"{args.target_p99:g} ms target"
        )
    print(
        f"load average {os.getloadavg()[0]:.2f} at the end; "
        f"total {time.perf_counter() - t_start:.0f}s"
    )
    return 0 if all(r.missing == 0 for r in results) else 1


def merge_rounds(rounds: list[Result]) -> list[Result]:
    """One result per scenario: every round's deliveries together, notes from each."""
    merged: dict[str, Result] = {}
    counts: dict[str, int] = {}
    for r in rounds:
        into = merged.get(r.scenario)
        if into is None:
            merged[r.scenario] = r
            counts[r.scenario] = 1
            continue
        k = counts[r.scenario]
        counts[r.scenario] = k + 1
        into.notifications += r.notifications
        into.latencies += r.latencies
        into.last += r.last
        into.missing += r.missing
        into.notes += r.notes
        if into.server_us is not None and r.server_us is not None:
            into.server_us = (into.server_us * k + r.server_us) / (k + 1)
        into.rss_mb = max(into.rss_mb or 0.0, r.rss_mb or 0.0)
    return list(merged.values())


def print_ratios(results: Sequence[Result]) -> None:
    """Each broadcast phase's last-delivery p99 over the floor's at the same rate."""
    floors = {
        r.scenario.split("B broadcast ", 1)[1]: r
        for r in results
        if r.scenario.startswith("[floor] ") and r.last
    }
    for r in results:
        if "B broadcast " not in r.scenario or r.scenario.startswith("[floor] ") or not r.last:
            continue
        floor = floors.get(r.scenario.split("B broadcast ", 1)[1])
        if floor is None:
            continue
        ratio = float(r.stat(99, r.last)) / float(floor.stat(99, floor.last))
        print(
            f"{r.scenario}: last delivery p99 {r.stat(99, r.last)} ms = {ratio:.2f} x the floor "
            f"({floor.stat(99, floor.last)} ms)"
        )
