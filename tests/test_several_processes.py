"""Several `agent-progress serve` processes on one PostgreSQL database (README "Several
processes"): a runner process and API-only ones (`--no-runner`) beside it, or several runner
processes side by side.

Real processes, real websockets, a scratch database of their own on the tests' PostgreSQL
server (so no other test's runner hears their signals). What they prove:

- a subscriber on any process receives every change committed through any other, in commit
  order, nothing missed;
- a run started through an API-only process is executed by the runner process, promptly (its
  "queued" signal, not the slower poll);
- a decision made through an API-only process moves the run the runner executes, promptly (its
  signal, not the review window's re-read); a cancel through it stops the run there;
- two runner processes on one database execute each queued run exactly once.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import websockets

from src.db.database import asyncpg_dsn
from src.db.scratch import scratch_database
from tests.servers import free_port
from tests.test_image_workflow_e2e import CANCEL, DECIDE, RUN, START

ROOT = Path(__file__).resolve().parent.parent
CREATE_LECTURE = 'mutation { createLecture(input: {title: "Rivers"}) { lecture { id } } }'
SUBSCRIPTION = "subscription { runChanges { runIds cursor } }"

LEASE_SECONDS = 600.0
"""Long on purpose: the runners poll for queued runs every third of it and re-read decisions
every review window (as long), so a run that moves within seconds was moved by a signal."""
PROMPT = 8.0
"""Seconds within which a signalled run must move (a poll or window would take minutes)."""


@dataclass
class Process:
    name: str
    process: asyncio.subprocess.Process
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Shared by every process (asset files and the URL-signing key), as the README says.
    with tempfile.TemporaryDirectory(prefix="agent-progress-procs-") as tmp:
        yield Path(tmp)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[str]:
    async with scratch_database(database_url, "agent_progress_procs") as url:
        yield url


@asynccontextmanager
async def serving(
    database: str, data_dir: Path, name: str, *, runner: bool
) -> AsyncIterator[Process]:
    port = free_port()
    log = data_dir / f"{name}.log"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "AGENT_PROGRESS_DATA_DIR": str(data_dir),
        "AGENT_PROGRESS_RUN_LEASE_SECONDS": str(LEASE_SECONDS),
        "AGENT_PROGRESS_REVIEW_WINDOW_SECONDS": str(LEASE_SECONDS),
        "AGENT_PROGRESS_FEED_POLL_SECONDS": "30",  # deliveries come from NOTIFY, not the poll
    }
    command = [sys.executable, "-m", "src.cli", "serve", "--port", str(port)]
    if not runner:
        command.append("--no-runner")
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    serving = Process(name, process, f"http://127.0.0.1:{port}", log)
    try:
        async with httpx.AsyncClient(base_url=serving.url) as client:
            for _ in range(600):
                if process.returncode is not None:
                    raise AssertionError(f"{name} exited:\n{serving.output()}")
                try:
                    health = (await client.get("/health")).json()
                    if health.get("changeFeedConnected"):
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"{name} did not become healthy:\n{serving.output()}")
        yield serving
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()


async def graphql(url: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


async def start_run(url: str, lecture_id: str, prompt: str) -> str:
    payload = (await graphql(url, START, lectureId=lecture_id, prompt=prompt))["startRun"]
    assert payload["userErrors"] == [], payload
    run_id: str = payload["run"]["id"]
    return run_id


async def lecture(url: str) -> str:
    lecture_id: str = (await graphql(url, CREATE_LECTURE))["createLecture"]["lecture"]["id"]
    return lecture_id


async def run_status(url: str, run_id: str) -> str:
    status: str = (await graphql(url, RUN, id=run_id))["run"]["status"]
    return status


async def until_status(url: str, run_id: str, wanted: set[str], within: float) -> float:
    """Poll the run through `url` until its status is one of `wanted`; seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if await run_status(url, run_id) in wanted:
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} not {wanted} within {within}s")


@dataclass
class Subscriber:
    """An owner-wide `runChanges` subscription on one process, recording every batch."""

    process: str
    batches: list[tuple[list[str], int]] = field(default_factory=list)

    def run_ids(self) -> set[str]:
        return {run_id for ids, _ in self.batches for run_id in ids}

    def cursors(self) -> list[int]:
        return [cursor for _, cursor in self.batches]


@asynccontextmanager
async def subscribed(process: Process) -> AsyncIterator[Subscriber]:
    from bench.latency.common import decode_feed_cursor

    subscriber = Subscriber(process.name)
    url = process.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}})
        )

        async def pump() -> None:
            async for raw in ws:
                message = json.loads(raw)
                if message["type"] == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif message["type"] == "next":
                    changes = message["payload"]["data"]["runChanges"]
                    cursor = decode_feed_cursor(changes["cursor"])
                    subscriber.batches.append((changes["runIds"], cursor))

        task = asyncio.create_task(pump())
        try:
            yield subscriber
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, websockets.ConnectionClosed):
                await task


async def latest_position(database: str) -> int:
    """The feed position of the latest change: its transaction ID."""
    conn = await asyncpg.connect(asyncpg_dsn(database))
    try:
        value: int = await conn.fetchval("SELECT max(change_xid)::text::bigint FROM workflow_runs")
    finally:
        await conn.close()
    return value


async def executors(database: str) -> dict[str, str | None]:
    conn = await asyncpg.connect(asyncpg_dsn(database))
    try:
        rows = await conn.fetch("SELECT id, executor_id FROM workflow_runs")
    finally:
        await conn.close()
    return {global_id("WorkflowRun", row["id"]): row["executor_id"] for row in rows}


def global_id(type_name: str, value: object) -> str:
    return base64.b64encode(f"{type_name}:{value}".encode()).decode()


async def test_every_process_delivers_every_change_and_api_only_processes_drive_the_runner(
    database: str, data_dir: Path
) -> None:
    async with AsyncExitStack() as stack:
        runner = await stack.enter_async_context(serving(database, data_dir, "A", runner=True))
        api_b = await stack.enter_async_context(serving(database, data_dir, "B", runner=False))
        api_c = await stack.enter_async_context(serving(database, data_dir, "C", runner=False))
        processes = [runner, api_b, api_c]
        subscribers = [
            await stack.enter_async_context(subscribed(process)) for process in processes
        ]
        lecture_id = await lecture(runner.url)

        # Runs started through every process, interleaved; each goes to review.
        started: dict[str, str] = {}
        for round_ in range(3):
            for process in processes:
                run_id = await start_run(process.url, lecture_id, f"{process.name} {round_}")
                started[run_id] = process.name
        for run_id, through in started.items():
            # Queued by an API-only process, claimed by A on its signal.
            took = await until_status(api_c.url, run_id, {"WAITING_FOR_INPUT"}, PROMPT)
            assert took < PROMPT, (through, took)

        # Every run is executed by A's runner, whichever process it was started through.
        holders = await executors(database)
        assert len({holders[run_id] for run_id in started}) == 1
        assert all(holders[run_id] for run_id in started)

        # Decisions through B move runs A executes: promptly, by the signal.
        decided = list(started)[:5]
        for run_id in decided:
            result = await graphql(
                api_b.url, DECIDE, runId=run_id, requestId="review-image", decision="ACCEPT"
            )
            assert result["resolveHumanRequest"]["userErrors"] == []
        for run_id in decided:
            await until_status(api_c.url, run_id, {"COMPLETED"}, PROMPT)

        # A cancel through C ends a run A executes; its executor lets it go.
        cancelled = list(started)[5]
        result = await graphql(api_c.url, CANCEL, runId=cancelled)
        assert result["cancelRun"]["run"]["status"] == "CANCELLED"

        # Every subscriber, on every process, saw every change, each run's in commit order.
        last = await latest_position(database)
        deadline = time.monotonic() + 10
        while any(max(s.cursors(), default=-1) < last for s in subscribers):
            assert time.monotonic() < deadline, [s.cursors()[-1:] for s in subscribers]
            await asyncio.sleep(0.05)
        for subscriber in subscribers:
            assert subscriber.run_ids() == set(started), subscriber.process
            cursors = subscriber.cursors()
            assert cursors == sorted(cursors), subscriber.process
            assert len(set(cursors)) == len(cursors), subscriber.process
        # Nothing missed: each subscriber's batches cover each run's last change.
        conn = await asyncpg.connect(asyncpg_dsn(database))
        try:
            rows = await conn.fetch(
                "SELECT id, change_xid::text::bigint AS position FROM workflow_runs"
            )
        finally:
            await conn.close()
        for subscriber in subscribers:
            for row in rows:
                gid = global_id("WorkflowRun", row["id"])
                seen = [c for ids, c in subscriber.batches if gid in ids]
                assert seen and max(seen) >= row["position"], (subscriber.process, row)

        assert await run_status(runner.url, cancelled) == "CANCELLED"
        for process in processes:
            assert "Traceback" not in process.output(), process.output()


async def test_two_runner_processes_execute_each_queued_run_exactly_once(
    database: str, data_dir: Path
) -> None:
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(serving(database, data_dir, "A", runner=True))
        second = await stack.enter_async_context(serving(database, data_dir, "D", runner=True))
        api = await stack.enter_async_context(serving(database, data_dir, "B", runner=False))
        lecture_id = await lecture(api.url)

        # Through the API-only process both runners race for every run: one wins each.
        queued = [await start_run(api.url, lecture_id, f"race {i}") for i in range(8)]
        # And a run started through a runner process is its own (no race with the other).
        own = await start_run(second.url, lecture_id, "own")
        for run_id in [*queued, own]:
            await until_status(api.url, run_id, {"WAITING_FOR_INPUT"}, PROMPT)
        for run_id in [*queued, own]:
            result = await graphql(
                first.url, DECIDE, runId=run_id, requestId="review-image", decision="REJECT"
            )
            assert result["resolveHumanRequest"]["userErrors"] == []
        for run_id in [*queued, own]:
            await until_status(api.url, run_id, {"COMPLETED"}, PROMPT)

        # Executed once: one start message, one review, one outcome per run.
        for run_id in [*queued, own]:
            run = (await graphql(api.url, RUN, id=run_id))["run"]
            texts = [m["text"] for m in run["steps"][0]["messages"]]
            assert texts == [
                "Starting image generation",
                "The image is not selected. You can try another generation",
            ], texts
        holders = await executors(database)
        assert holders[own] is not None and f":{second.process.pid}:" in holders[own]
        pids = (f":{first.process.pid}:", f":{second.process.pid}:")
        for run_id in queued:
            holder = holders[run_id] or ""
            assert any(pid in holder for pid in pids), holder
        for process in (first, second, api):
            assert "Traceback" not in process.output(), process.output()


def test_an_api_only_process_without_a_shared_database_refuses_to_start() -> None:
    """The embedded PostgreSQL belongs to one process: an API-only process on it would queue
    runs that no runner ever sees, so the settings refuse that combination."""
    from pydantic import ValidationError

    from src.settings import EngineSetting, Settings

    with pytest.raises(ValidationError, match="needs DATABASE_URL"):
        Settings(runner_enabled=False, database_url=None)
    assert not Settings(runner_enabled=False, database_url="postgresql://db/x").runner_enabled
    # With Inngest as the engine no process runs workflows itself: the setting does not apply.
    inngest = Settings(runner_enabled=False, database_url=None, engine=EngineSetting.INNGEST)
    assert inngest.engine is EngineSetting.INNGEST
