"""Persisted transitions per second: `RunStore.apply` against a raw-PostgreSQL baseline.

Every scenario runs on the same database in the same process, at each concurrency level:

- `raw asyncpg`: the baseline, what PostgreSQL itself does. Each writer holds one asyncpg connection
  and sends one prepared statement per transition: a single-row JSONB update (append one
  message to the same document our state has) plus `pg_notify`, in one autocommitted
  statement.
- `raw, wake after commit`: the same statement without `pg_notify`, followed by the store's
  own `CommitNotifier` (one coalesced NOTIFY after the commit, from another connection): the
  database work the store's write does, so store ÷ this is the price of the store's Python.
  Raw with NOTIFY in the statement is cheaper at one writer (no extra statement) and dearer
  at many (NOTIFY's commit-time lock), so the two baselines bracket the store's design.
- `RunStore.apply`: what the product does. Read the run, validate it, apply a `MessageAdded`
  event (pure transition), write the whole document back with the optimistic version check,
  stamping the change with its transaction ID and a sequence number (no lock, no NOTIFY in
  the transaction); after the commit, wake the change feeds with one coalesced NOTIFY.
- with `--ordering`, at 8, 32 and 64 writers: `store, old lock+NOTIFY`, the store's write as
  it was before (the change cursor under an advisory lock held through the commit, and
  `pg_notify` in the transaction), and `store, no wake-up`, today's write announcing nothing:
  what the old global ordering cost, and what the wake-up costs now.
- `pgbench` (when `pgbench` is on PATH): the raw statement driven by PostgreSQL's own C client,
  to show how much of the raw figure is the Python client.

After the table, the same sides run again in alternating blocks (`CYCLES`: each baseline
pairwise with the store, then all three in turn), and the last lines give goal 4's verdict: the
store against raw by the median of paired rounds and by the pairwise blocks, both at the target.

One extra connection LISTENs on both channels throughout, as the change feed does in
production, and counts notifications: one per transition for raw and the old write; for
`RunStore.apply`, the coalesced wake-ups (fewer, never none).

    uv run python bench/transitions.py                         # embedded throwaway server
    uv run python bench/transitions.py --database-url postgresql://postgres@127.0.0.1/test

With `--database-url` the benchmark creates a scratch database on that server and drops it
afterwards. Results are recorded in `docs/benchmarks.md`.

The process runs as `agent-progress serve` runs the store: on uvloop (uvicorn's loop when it is
installed, as it is with the project's dependencies) with the collector tuned as `serve` tunes
it. `--loop asyncio --gc default` measures on the standard library's loop and collector (every
figure before 2026-11-28 was taken that way). Raw and the store share the loop either way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from src.cli import tune_garbage_collector
from src.db import open_database
from src.db.database import LANES_MIN_POOL_SIZE
from src.db.embedded import EmbeddedServer
from src.db.scratch import scratch_database
from src.state import (
    Event,
    MessageAdded,
    RunStarted,
    RunState,
    StepCompleted,
    StepDefinition,
    StepStarted,
    apply_all,
    initial_state,
)
from src.state.changes import CHANNEL
from src.state.notifier import CommitNotifier
from src.state.store import NewRun, RunStore

RAW_CHANNEL = "bench_raw_changes"
STEP_KEY = "segment_images"
IMAGES_PER_SEGMENT = 4

STEPS = (
    StepDefinition(key="configuration", title="Review and confirm configuration"),
    StepDefinition(key="script", title="Create the script"),
    StepDefinition(key=STEP_KEY, title="Generate segment images"),
    StepDefinition(key="narration", title="Generate narration audio"),
    StepDefinition(key="music", title="Generate background score"),
    StepDefinition(key="timeline", title="Generate timeline"),
)
STEP_INDEX = [s.key for s in STEPS].index(STEP_KEY)  # for the raw statement's JSON path

# Same change as the store's: append one message to step 3's list. Past the cap the row starts
# over from its initial document plus the new message, as the store moves on to a new run.
RAW_UPDATE = f"""
WITH w AS (
    UPDATE bench_raw_runs
    SET doc = CASE
            WHEN jsonb_array_length(doc #> '{{steps,{STEP_INDEX},messages}}') > $3::int
            THEN jsonb_insert(init, '{{steps,{STEP_INDEX},messages,-1}}', $2::jsonb, true)
            ELSE jsonb_insert(doc, '{{steps,{STEP_INDEX},messages,-1}}', $2::jsonb, true)
        END,
        version = version + 1
    WHERE slot = $1
    RETURNING run_id, slot, version
)
SELECT pg_notify('{RAW_CHANNEL}', concat_ws(':', w.run_id, w.slot, w.version)) FROM w
"""

# The same update without NOTIFY in the statement; it returns its transaction ID for a
# `CommitNotifier`, which wakes listeners after the commit as the store does (coalesced).
RAW_UPDATE_WAKE_AFTER = RAW_UPDATE.replace(
    f"SELECT pg_notify('{RAW_CHANNEL}', concat_ws(':', w.run_id, w.slot, w.version)) FROM w",
    "SELECT pg_current_xact_id()::text::bigint FROM w",
)
RAW_RUN_ID = uuid.UUID(int=0)

RAW_TABLE = """
CREATE TABLE IF NOT EXISTS bench_raw_runs (
    slot int PRIMARY KEY,
    run_id uuid NOT NULL,
    doc jsonb NOT NULL,
    init jsonb NOT NULL,
    version int NOT NULL
)
"""


# --- workload -------------------------------------------------------------------------------


def message_event(seq: int) -> MessageAdded:
    """The `seq`-th progress message of a run: unique key, realistic copy."""
    segment, image = divmod(seq, IMAGES_PER_SEGMENT)
    return MessageAdded(
        at=datetime.now(UTC),
        step=STEP_KEY,
        key=f"segment-{segment + 1:03d}-image-{image + 1}",
        text=f"Generated image {image + 1} of {IMAGES_PER_SEGMENT} for segment {segment + 1}",
    )


def message_json(seq: int) -> str:
    """The stored form of `message_event(seq)`, as the raw baseline appends it."""
    event = message_event(seq)
    return json.dumps(
        {"key": event.key, "text": event.text, "level": "info", "at": event.at.isoformat()},
        separators=(",", ":"),
    )


def setup_events() -> list[Event]:
    """A run as far as step 3: two finished steps with their messages, step 3 running."""
    at = datetime.now(UTC)

    def msg(step: str, key: str, text: str) -> MessageAdded:
        return MessageAdded(at=at, step=step, key=key, text=text)

    return [
        RunStarted(at=at),
        StepStarted(at=at, step="configuration", summary="Parsing the prompt"),
        msg("configuration", "accepted", "Configuration accepted, saving configuration"),
        msg("configuration", "saved", "Configuration saved, proceeding to generation"),
        StepCompleted(at=at, step="configuration", summary="Configuration confirmed"),
        StepStarted(at=at, step="script", summary="Creating the script"),
        msg("script", "start", "Starting to create the script"),
        msg("script", "done", "Successfully created the script"),
        StepCompleted(at=at, step="script", summary="Script created"),
        StepStarted(at=at, step=STEP_KEY, summary="Generating images"),
        msg(
            STEP_KEY,
            "start",
            f"Starting to generate images. {IMAGES_PER_SEGMENT} images will be generated "
            "per segment",
        ),
    ]


def started_state() -> RunState:
    state = initial_state(
        kind="full_video", title="Generating Full Video", steps=STEPS, created_at=datetime.now(UTC)
    )
    return apply_all(state, setup_events())


def document_sizes(cap: int) -> tuple[int, int]:
    """JSON bytes of a run's state when the benchmark starts writing it and at the cap."""
    start = started_state()
    full = apply_all(start, [message_event(i) for i in range(cap)])
    return len(start.model_dump_json()), len(full.model_dump_json())


# --- measurement ----------------------------------------------------------------------------


@dataclass
class Result:
    scenario: str
    concurrency: int
    transitions: int
    seconds: float
    latencies: list[float]
    notified: int | None

    @property
    def rate(self) -> float:
        return self.transitions / self.seconds

    def percentile(self, q: float) -> float | None:
        if len(self.latencies) < 2:
            return None
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1] * 1000


class Listener:
    """One LISTEN connection on both channels, counting notifications as the feed would."""

    def __init__(self) -> None:
        self.count = 0
        self._conn: asyncpg.Connection | None = None

    async def start(self, dsn: str) -> None:
        self._conn = await asyncpg.connect(dsn)
        for channel in (RAW_CHANNEL, CHANNEL):
            await self._conn.add_listener(channel, self._on_notify)

    def _on_notify(self, *_: object) -> None:
        self.count += 1

    async def settle(self, quiet: float = 0.2) -> int:
        """Wait until no notification arrived for `quiet` seconds; the count then."""
        while True:
            before = self.count
            await asyncio.sleep(quiet)
            if self.count == before:
                return self.count

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()


Writer = Callable[[int, int], Awaitable[None]]
"""`writer(worker, n)`: worker's n-th transition."""


async def drive(
    scenario: str, concurrency: int, per_writer: int, writer: Writer, listener: Listener
) -> Result:
    latencies: list[float] = []
    before = await listener.settle()

    async def work(worker: int) -> None:
        for n in range(per_writer):
            t0 = time.perf_counter()
            await writer(worker, n)
            latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    await asyncio.gather(*(work(w) for w in range(concurrency)))
    seconds = time.perf_counter() - start
    notified = await listener.settle() - before
    return Result(scenario, concurrency, concurrency * per_writer, seconds, latencies, notified)


# --- scenarios ------------------------------------------------------------------------------


@dataclass
class Fixture:
    dsn: str
    store: RunStore
    pool: asyncpg.Pool
    owner_id: uuid.UUID
    lecture_id: uuid.UUID
    cap: int
    quiet_store: RunStore | None = None
    """The same database through a store that observes nothing (metrics off)."""
    database: Any = None
    """The `Database`, for stores built per scenario."""


async def seed_owner(pool: asyncpg.Pool) -> tuple[uuid.UUID, uuid.UUID]:
    owner_id, lecture_id = uuid.uuid4(), uuid.uuid4()
    await pool.execute("INSERT INTO viewers (id, name) VALUES ($1, 'bench')", owner_id)
    await pool.execute(
        "INSERT INTO video_lectures (id, owner_id, title, config) VALUES ($1, $2, 'bench', '{}')",
        lecture_id,
        owner_id,
    )
    return owner_id, lecture_id


async def store_runs(fx: Fixture, count: int) -> list[uuid.UUID]:
    """`count` runs of the full-video shape, started up to step 3 (not timed)."""
    ids = []
    for _ in range(count):
        record = await fx.store.create(
            NewRun(
                id=uuid.uuid4(),
                owner_id=fx.owner_id,
                lecture_id=fx.lecture_id,
                kind="full_video",
                state=initial_state(
                    kind="full_video",
                    title="Generating Full Video",
                    steps=STEPS,
                    created_at=datetime.now(UTC),
                ),
                input={"prompt": "A short lecture on photosynthesis"},
                triggered_by=fx.owner_id,
                trigger="bench",
            )
        )
        await fx.store.apply(record.id, setup_events())
        ids.append(record.id)
    return ids


async def run_store(fx: Fixture, concurrency: int, per_writer: int, listener: Listener) -> Result:
    runs_per_writer = -(-per_writer // fx.cap)
    runs = await store_runs(fx, concurrency * runs_per_writer)

    async def writer(worker: int, n: int) -> None:
        run = runs[worker * runs_per_writer + n // fx.cap]
        await fx.store.apply(run, [message_event(n % fx.cap)])

    return await drive("RunStore.apply", concurrency, per_writer, writer, listener)


def traced_provider() -> Any:
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

    class Dropping(SpanExporter):
        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(Dropping()))
    return provider


async def run_store_quiet(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """`RunStore.apply` with metrics off, as the ordering variants run."""
    assert fx.quiet_store is not None
    result = await run_store(replace(fx, store=fx.quiet_store), concurrency, per_writer, listener)
    return replace(result, scenario="RunStore.apply")


async def run_store_without_metrics(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """The same writes through a store that observes nothing (metrics off)."""
    assert fx.quiet_store is not None
    result = await run_store(replace(fx, store=fx.quiet_store), concurrency, per_writer, listener)
    return replace(result, scenario="store, metrics off")


async def run_store_traced(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """The store with tracing on: an SDK tracer provider (batching to an exporter that drops
    the spans) and the asyncpg instrumentation, as OTEL_EXPORTER_OTLP_ENDPOINT would set up."""
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    instrumentor = AsyncPGInstrumentor()
    instrumentor.instrument(tracer_provider=traced_provider())
    try:
        result = await run_store(fx, concurrency, per_writer, listener)
    finally:
        instrumentor.uninstrument()
    return replace(result, scenario="store, tracing on")


# The write as it was before the feed read by transaction ID: the change cursor taken under a
# transaction-scoped advisory lock (held through the commit, so cursor order was commit order)
# and NOTIFY inside the transaction (its queue lock is taken at commit). It also stamps
# `change_xid`, so the store's code runs unchanged; that costs no lock.
OLD_ORDERED_SQL = f"""
    WITH w AS (
        UPDATE workflow_runs
        SET workflow_state = $3::text::jsonb, status = $4, version = version + 1,
            change_xid = pg_current_xact_id(),
            change_cursor = (SELECT nextval('workflow_change_cursor')
                             FROM (SELECT pg_advisory_xact_lock(1129665107)) l),
            updated_at = now(), started_at = $5, finished_at = $6
        WHERE id = $1 AND version = $2
        RETURNING id, owner_id, lecture_id, change_cursor, change_xid, version, updated_at
    )
    SELECT w.change_cursor, w.change_xid::text::bigint AS change_xid, w.version, w.updated_at,
        pg_notify('{CHANNEL}', concat_ws(':', w.id, w.owner_id, w.lecture_id, w.change_cursor))
    FROM w
"""


class SilentNotifier(CommitNotifier):
    """Announces nothing: for the variants that notify in the transaction, or not at all."""

    def committed(self, xid: int, run_id: uuid.UUID) -> None:
        pass


class OldOrderedStore(RunStore):
    update_sql = OLD_ORDERED_SQL
    patch_sql = None  # every write through the old statement


def silenced(store: RunStore) -> RunStore:
    store.notifier = SilentNotifier(store.pool)
    return store


async def run_store_old_ordering(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """The store's writes with the old global ordering: cursor lock and NOTIFY in the write."""
    store = silenced(OldOrderedStore(fx.database, observe=None))
    result = await run_store(replace(fx, store=store), concurrency, per_writer, listener)
    return replace(result, scenario="store, old lock+NOTIFY")


async def run_store_unordered(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """The store's writes with no wake-up at all: what the write costs without any feed."""
    store = silenced(RunStore(fx.database, observe=None))
    result = await run_store(replace(fx, store=store), concurrency, per_writer, listener)
    return replace(result, scenario="store, no wake-up", notified=None)


async def reset_raw_rows(fx: Fixture, concurrency: int) -> None:
    doc = started_state().model_dump_json()
    async with fx.pool.acquire() as conn:
        await conn.execute("TRUNCATE bench_raw_runs")
        await conn.executemany(
            "INSERT INTO bench_raw_runs VALUES ($1, $2, $3::jsonb, $3::jsonb, 1)",
            [(slot, uuid.uuid4(), doc) for slot in range(concurrency)],
        )
        await conn.execute("VACUUM ANALYZE bench_raw_runs")


async def run_raw(fx: Fixture, concurrency: int, per_writer: int, listener: Listener) -> Result:
    await reset_raw_rows(fx, concurrency)
    conns: list[asyncpg.Connection] = [await fx.pool.acquire() for _ in range(concurrency)]
    try:
        statements = [await c.prepare(RAW_UPDATE) for c in conns]

        async def writer(worker: int, n: int) -> None:
            await statements[worker].fetchval(worker, message_json(n % fx.cap), fx.cap)

        return await drive("raw asyncpg", concurrency, per_writer, writer, listener)
    finally:
        for c in conns:
            await fx.pool.release(c)


INTERLEAVED = ("raw", "raw, wake after commit", "store")


async def run_raw_wake_after(
    fx: Fixture, concurrency: int, per_writer: int, listener: Listener
) -> Result:
    """Raw's update without NOTIFY in the statement, woken after commit as the store is."""
    await reset_raw_rows(fx, concurrency)
    conns: list[asyncpg.Connection] = [await fx.pool.acquire() for _ in range(concurrency)]
    notifier = CommitNotifier(fx.pool, lane=fx.database.wake_lane)  # as the store's
    try:
        statements = [await c.prepare(RAW_UPDATE_WAKE_AFTER) for c in conns]

        async def writer(worker: int, n: int) -> None:
            xid = await statements[worker].fetchval(worker, message_json(n % fx.cap), fx.cap)
            notifier.committed(xid, RAW_RUN_ID)

        result = await drive("raw, wake after commit", concurrency, per_writer, writer, listener)
        await notifier.drain()
        return result
    finally:
        for c in conns:
            await fx.pool.release(c)


async def run_interleaved(
    fx: Fixture, concurrency: int, blocks: int, block: int, cycle: Sequence[str] = INTERLEAVED
) -> tuple[dict[str, float], dict[str, float]]:
    """The sides named in `cycle` (of `INTERLEAVED`, the store last) in alternating short blocks
    (`block` transitions per writer each), so a neighbour's burst on a shared machine lands on
    all alike. Returns the seconds each spent in total, and for each baseline the median over
    block cycles of (store rate / its rate)."""
    await reset_raw_rows(fx, concurrency)
    cap = fx.cap
    runs_per_writer = -(-(blocks * block) // cap)
    runs = await store_runs(fx, concurrency * runs_per_writer)
    conns: list[asyncpg.Connection] = [await fx.pool.acquire() for _ in range(concurrency)]
    notifier = CommitNotifier(fx.pool, lane=fx.database.wake_lane)  # as the store's
    totals = dict.fromkeys(cycle, 0.0)
    ratios: dict[str, list[float]] = {name: [] for name in cycle if name != "store"}
    try:
        statements = [await c.prepare(RAW_UPDATE) for c in conns]
        silent = [await c.prepare(RAW_UPDATE_WAKE_AFTER) for c in conns]

        async def raw_block(worker: int, start: int) -> None:
            for n in range(start, start + block):
                await statements[worker].fetchval(worker, message_json(n % cap), cap)

        async def raw_wake_block(worker: int, start: int) -> None:
            for n in range(start, start + block):
                xid = await silent[worker].fetchval(worker, message_json(n % cap), cap)
                notifier.committed(xid, RAW_RUN_ID)

        async def store_block(worker: int, start: int) -> None:
            for n in range(start, start + block):
                run = runs[worker * runs_per_writer + n // cap]
                await fx.store.apply(run, [message_event(n % cap)])

        every = dict(zip(INTERLEAVED, (raw_block, raw_wake_block, store_block), strict=True))
        sides = {name: every[name] for name in cycle}
        for b in range(blocks):
            took = {}
            for name, side in sides.items():
                t0 = time.perf_counter()
                await asyncio.gather(*(side(w, b * block) for w in range(concurrency)))
                took[name] = time.perf_counter() - t0
                totals[name] += took[name]
            for name in ratios:
                ratios[name].append(took[name] / took["store"])
        await notifier.drain()
    finally:
        for c in conns:
            await fx.pool.release(c)
    return totals, {name: statistics.median(rs) for name, rs in ratios.items()}


# Which blocks alternate. A side's block runs after the others' blocks of the cycle, and the
# store's per-write cost after other work depends on how much ran since its last block (its
# code and its row's index pages go cold): with a third block in the cycle — any work, even
# 10 ms of sleep — one writer's store/raw read 0.05-0.13 lower than with raw and the store
# alone, with the same code (docs/benchmarks.md, goal 4). So each baseline is also measured
# against the store alone, pairwise; the three-way cycle stays as the store after more work.
CYCLES = (
    ("pairwise", ("raw", "store")),
    ("pairwise", ("raw, wake after commit", "store")),
    ("three-way", INTERLEAVED),
)


async def print_interleaved(
    fx: Fixture, levels: Sequence[int], transitions: int
) -> dict[int, float]:
    """A second view of store/raw on a shared machine: blocks of 25 transitions per writer of
    each side of a cycle in turn (`CYCLES`), so all meet the same neighbours; the total time of
    each and the median of the block ratios. Returns, by writer count, the pairwise median of
    store/raw."""
    print("interleaved blocks (each side of a cycle in turn; 25 transitions per writer each):")
    pairwise: dict[int, float] = {}
    for concurrency in levels:
        block = 25
        blocks = max(4, transitions // (block * concurrency))
        goal = target(concurrency)
        count = blocks * block * concurrency
        print(f"  concurrency {concurrency}: {count} transitions per side")
        for label, cycle in CYCLES:
            await run_interleaved(fx, concurrency, 2, block, cycle)  # warm-up
            totals, medians = await run_interleaved(fx, concurrency, blocks, block, cycle)
            rates = ", ".join(f"{name} {count / s:,.0f}/s" for name, s in totals.items())
            print(f"    {label} ({rates}):")
            for name, median in medians.items():
                print(
                    f"      store/{name} = {totals[name] / totals['store']:.2f} overall, "
                    f"{median:.2f} median of {blocks} block cycles (target {goal})"
                )
                if label == "pairwise" and name == "raw":
                    pairwise[concurrency] = median
    return pairwise


def print_goal(results: dict[tuple[str, int], list[Result]], pairwise: dict[int, float]) -> None:
    """The goal's verdict: store/raw must reach the target by both methods, the median of paired
    rounds and the median of pairwise interleaved blocks."""
    raw = {c: rs for (name, c), rs in results.items() if name == "raw asyncpg"}
    for (name, concurrency), rounds in results.items():
        if name != "RunStore.apply" or concurrency not in raw or concurrency not in pairwise:
            continue
        paired = paired_ratio(rounds, raw[concurrency]) or 0.0
        goal = target(concurrency)
        both = min(paired, pairwise[concurrency])
        print(
            f"goal, concurrency {concurrency}: store/raw {paired:.2f} (median of paired rounds), "
            f"{pairwise[concurrency]:.2f} (pairwise interleaved blocks): "
            f"{'meets' if both >= goal else 'misses'} the {goal} target (both must reach it)"
        )


PGBENCH_SCRIPT = """\
\\set cap {cap}
{update};
"""


async def run_pgbench(
    fx: Fixture, pgbench: str, concurrency: int, per_writer: int, listener: Listener
) -> Result | None:
    await reset_raw_rows(fx, concurrency)
    message = message_json(0).replace("'", "''")
    update = (
        RAW_UPDATE.replace("$1", ":client_id")
        .replace("$2", f"'{message}'")
        .replace("$3", ":cap")
        .strip()
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT.format(cap=fx.cap, update=update))
    before = await listener.settle()
    try:
        proc = await asyncio.create_subprocess_exec(
            pgbench, "-n", "-M", "prepared", "-c", str(concurrency), "-j",
            str(min(concurrency, os.cpu_count() or 1)), "-t", str(per_writer),
            "-f", script.name, fx.dsn,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        out, err = await proc.communicate()
    finally:
        os.unlink(script.name)
    text = out.decode() + err.decode()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)
    if proc.returncode != 0 or tps is None:
        print(f"pgbench failed (exit {proc.returncode}):\n{text}", file=sys.stderr)
        return None
    latency = re.search(r"latency average = ([\d.]+) ms", text)
    transitions = concurrency * per_writer
    seconds = transitions / float(tps.group(1))
    notified = await listener.settle() - before
    latencies = [float(latency.group(1)) / 1000] if latency else []
    return Result("pgbench", concurrency, transitions, seconds, latencies, notified)


# --- database -------------------------------------------------------------------------------


async def server_facts(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        version = await conn.fetchval("SHOW server_version")
        settings = {
            name: await conn.fetchval(f"SHOW {name}")
            for name in ("shared_buffers", "synchronous_commit", "fsync", "wal_sync_method")
        }
    finally:
        await conn.close()
    return [f"PostgreSQL {version}", ", ".join(f"{k}={v}" for k, v in settings.items())]


# --- report ---------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def best(rounds: Sequence[Result]) -> Result:
    """The fastest round: neighbours on a shared machine only ever slow a round down."""
    return max(rounds, key=lambda r: r.rate)


def paired_ratio(rounds: Sequence[Result], raw: Sequence[Result] | None) -> float | None:
    """The median over rounds of this scenario's rate over raw's in the same round: on a shared
    machine a neighbour's burst hits both halves of a pair alike, so this is the steadier figure."""
    if not raw or len(raw) != len(rounds):
        return None
    return statistics.median(r.rate / b.rate for r, b in zip(rounds, raw, strict=True))


def _paired(rounds: Sequence[Result], raw: Sequence[Result] | None) -> str:
    ratio = paired_ratio(rounds, raw)
    return "-" if ratio is None else f"{ratio:.2f}"


def print_table(results: dict[tuple[str, int], list[Result]]) -> None:
    raw = {c: best(rs).rate for (name, c), rs in results.items() if name == "raw asyncpg"}
    header = (
        "scenario", "conc", "transitions", "seconds", "transitions/s", "vs raw",
        "vs raw, median of rounds", "p50 ms", "p99 ms", "notified", "all rounds, t/s",
    )  # fmt: skip
    raw_rounds = {c: rs for (name, c), rs in results.items() if name == "raw asyncpg"}
    rows = []
    for rounds in results.values():
        r = best(rounds)
        base = raw.get(r.concurrency)
        pgbench = r.scenario == "pgbench"
        p50 = (r.latencies[0] * 1000 if r.latencies else None) if pgbench else r.percentile(50)
        rows.append(
            (
                r.scenario,
                str(r.concurrency),
                str(r.transitions),
                f"{r.seconds:.2f}",
                f"{r.rate:,.0f}",
                "-" if base is None else f"{r.rate / base:.2f}",
                _paired(rounds, raw_rounds.get(r.concurrency)),
                _ms(p50) + (" avg" if pgbench else ""),
                "-" if pgbench else _ms(r.percentile(99)),
                "-" if r.notified is None else str(r.notified),
                " / ".join(f"{x.rate:.0f}" for x in rounds),
            )
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def target(concurrency: int) -> float:
    """The store goal: 0.8 x raw with one writer, 0.9 x with several."""
    return 0.8 if concurrency == 1 else 0.9


def print_verdict(results: dict[tuple[str, int], list[Result]]) -> None:
    raw = {c: rs for (name, c), rs in results.items() if name == "raw asyncpg"}
    for (name, concurrency), rounds in results.items():
        if name == "RunStore.apply" and concurrency in raw:
            ratio = best(rounds).rate / best(raw[concurrency]).rate
            paired = paired_ratio(rounds, raw[concurrency])
            print(
                f"concurrency {concurrency}: store/raw = {ratio:.2f} best of rounds, "
                f"{'-' if paired is None else f'{paired:.2f}'} median of paired rounds "
                f"(target {target(concurrency)})"
            )
    store = {c: rs for (name, c), rs in results.items() if name == "RunStore.apply"}
    for (name, concurrency), rounds in results.items():
        if name == "raw, wake after commit" and concurrency in store:
            paired = paired_ratio(store[concurrency], rounds)
            print(
                f"concurrency {concurrency}: RunStore.apply / {name} = "
                f"{best(store[concurrency]).rate / best(rounds).rate:.2f} best of rounds, "
                f"{'-' if paired is None else f'{paired:.2f}'} median of paired rounds"
            )
        if name in ("store, old lock+NOTIFY", "store, no wake-up") and concurrency in store:
            paired = paired_ratio(store[concurrency], rounds)
            print(
                f"concurrency {concurrency}: RunStore.apply / {name} = "
                f"{best(store[concurrency]).rate / best(rounds).rate:.2f} best of rounds, "
                f"{'-' if paired is None else f'{paired:.2f}'} median of paired rounds"
            )
    for rounds in results.values():
        for r in rounds:
            if r.notified is None:
                continue
            if r.scenario in (
                "RunStore.apply",
                "store, metrics off",
                "store, tracing on",
                "raw, wake after commit",
            ):
                # Wake-ups are coalesced after commit: fewer than transitions, never none.
                if r.notified == 0:
                    print(f"WARNING: {r.scenario} at concurrency {r.concurrency} woke no one")
            elif r.notified != r.transitions:
                print(
                    f"WARNING: {r.scenario} at concurrency {r.concurrency} notified "
                    f"{r.notified} times for {r.transitions} transitions"
                )


# --- main -----------------------------------------------------------------------------------


async def bench(url: str, args: argparse.Namespace) -> None:
    levels = args.concurrency or ([8, 32, 64] if args.ordering else [1, 8])
    pool_size = max(levels)
    # One pool for both clients (64 writers twice would pass max_connections); twice the
    # writers when interleaving, where raw holds its connections while the store writes; and
    # two more for the store's write and wake lanes, which `serve`'s pool has (a pool under
    # LANES_MIN_POOL_SIZE has none, and one writer's pool of 2 measured the store without them).
    db = await open_database(
        url, pool_size=max(pool_size * (1 if args.ordering else 2) + 2, LANES_MIN_POOL_SIZE)
    )
    pool = db.pool
    listener = Listener()
    try:
        await pool.execute(RAW_TABLE)
        owner_id, lecture_id = await seed_owner(pool)
        fx = Fixture(
            db.dsn,
            RunStore(db),
            pool,
            owner_id,
            lecture_id,
            args.messages_per_run,
            quiet_store=RunStore(db, observe=None),
            database=db,
        )
        await listener.start(db.dsn)
        pgbench = None if args.no_pgbench else shutil.which("pgbench")

        load = os.getloadavg()  # other work on the machine skews every figure
        start_size, cap_size = document_sizes(args.messages_per_run)
        for fact in await server_facts(db.dsn):
            print(fact)
        print(
            f"{os.cpu_count()} CPUs; pool size {pool_size} for both clients; "
            f"{args.transitions} transitions per scenario, best of {args.rounds} rounds; "
            f"a new run every {args.messages_per_run} messages "
            f"(state {start_size:,} B -> {cap_size:,} B of JSON)"
        )
        if pgbench is None and not args.no_pgbench:
            print("pgbench not on PATH: skipped")
        print()

        scenarios: Sequence[Callable[..., Awaitable[Result]]] = (
            (run_raw, run_store_quiet, run_store_old_ordering, run_store_unordered)
            if args.ordering
            else (
                run_raw,
                run_raw_wake_after,
                run_store_unordered,
                run_store_without_metrics,
                run_store,
                run_store_traced,
            )
        )
        results: dict[tuple[str, int], list[Result]] = {}
        for _ in range(args.rounds):
            for concurrency in levels:
                per_writer = max(1, args.transitions // concurrency)
                warmup = max(1, min(per_writer, args.warmup // concurrency))
                for run in scenarios:
                    await run(fx, concurrency, warmup, listener)  # connections, statements
                    result = await run(fx, concurrency, per_writer, listener)
                    results.setdefault((result.scenario, concurrency), []).append(result)
                if pgbench is not None:
                    found = await run_pgbench(fx, pgbench, concurrency, per_writer, listener)
                    if found is not None:
                        results.setdefault((found.scenario, concurrency), []).append(found)
        print_table(dict(sorted(results.items(), key=lambda item: item[0][1])))
        print()
        print_verdict(results)
        if not args.ordering:
            print()
            pairwise = await print_interleaved(fx, levels, args.interleaved)
            print()
            print_goal(results, pairwise)
        print(f"load average at start {load[0]:.2f}, at end {os.getloadavg()[0]:.2f}")
    finally:
        await listener.close()
        await db.close()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server to use (a scratch database is created and dropped); "
        "default: start an embedded throwaway server",
    )
    parser.add_argument("--transitions", type=int, default=2000, help="per scenario")
    parser.add_argument(
        "--concurrency",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        help="comma-separated writer counts (default 1,8; with --ordering 8,32,64)",
    )
    parser.add_argument(
        "--ordering",
        action="store_true",
        help="price the global ordering: the store with and without its cursor lock and NOTIFY",
    )
    parser.add_argument(
        "--messages-per-run", type=int, default=50, help="messages before a writer moves on"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="the best round and the paired median are reported"
    )
    parser.add_argument("--warmup", type=int, default=200, help="untimed transitions per scenario")
    parser.add_argument("--no-pgbench", action="store_true", help="skip the pgbench scenario")
    parser.add_argument(
        "--loop", choices=("uvloop", "asyncio"), default="uvloop", help="as `serve` runs: uvloop"
    )
    parser.add_argument(
        "--gc", choices=("serve", "default"), default="serve", help="as `serve` tunes it"
    )
    parser.add_argument(
        "--interleaved", type=int, default=4000, help="transitions per side, interleaved blocks"
    )
    return parser.parse_args(argv)


async def amain(args: argparse.Namespace) -> None:
    print(f"event loop {args.loop}, collector {args.gc}")
    if args.database_url is None:
        with tempfile.TemporaryDirectory(prefix="agent-progress-bench-") as tmp:
            server = EmbeddedServer.start(Path(tmp) / "pgdata", throwaway=True)
            try:
                print("embedded throwaway server")
                await bench(server.url, args)
            finally:
                server.stop()  # before the directory goes: the server still writes to it
        return
    async with scratch_database(args.database_url, "bench_transitions") as url:
        print(f"scratch database {urlsplit(url).path[1:]} on {urlsplit(url).netloc}")
        await bench(url, args)


def main() -> None:
    args = parse_args()
    if args.gc == "serve":
        tune_garbage_collector()
    if args.loop == "uvloop":
        import uvloop

        uvloop.run(amain(args))
    else:
        asyncio.run(amain(args))


if __name__ == "__main__":
    main()
