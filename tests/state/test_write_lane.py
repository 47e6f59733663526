"""The write lane (`src/db/lane.py`): run writes that find its connection free use it, and keep
it across writes; a write that finds it busy uses the pool; a connection the server closed, or
a statement cancelled on it, costs one new connection and loses no write; a refused transition
keeps it; closing the database with a write in flight does not wait for the write's connection."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from src.db import Database, open_database
from src.state.changes import CHANNEL
from src.state.store import RunStore
from tests.state.builders import MakeRun, added, running_run


async def lane_pid(database: Database) -> int:
    async with database.lane.connection() as conn:
        pid: int = await conn.fetchval("SELECT pg_backend_pid()")
    return pid


async def test_sequential_writes_share_one_connection_outside_the_pool(
    own_database: Database, new_run: MakeRun
) -> None:
    database = own_database
    store = RunStore(database)
    run = await new_run(running_run("prompt"))
    for n in range(20):
        await store.apply(run.id, [added(f"m{n}")])
    assert database.lane.opened == 1
    # The pool is untouched by the writes: none of its connections is the lane's.
    async with database.pool.acquire() as pooled:
        assert await pooled.fetchval("SELECT pg_backend_pid()") != await lane_pid(database)
    record = await store.require(run.id)
    assert [m.key for m in record.state.step("prompt").messages][-20:] == [
        f"m{n}" for n in range(20)
    ]


async def test_wake_ups_go_out_on_a_connection_of_their_own(
    own_database: Database, new_run: MakeRun
) -> None:
    database = own_database
    store = RunStore(database)
    heard: list[str] = []
    listener = await asyncpg.connect(database.dsn)
    try:
        await listener.add_listener(CHANNEL, lambda *args: heard.append(args[-1]))
        run = await new_run(running_run("prompt"))
        for n in range(5):
            await store.apply(run.id, [added(f"w{n}")])
            await store.notifier.drain()
        await asyncio.sleep(0.2)
    finally:
        await listener.close()
    assert database.wake_lane.opened == 1
    assert store.notifier.sent == 5 and len(heard) >= 5  # drained after each: none coalesced


async def test_concurrent_writes_fall_back_to_the_pool_and_all_commit(
    own_database: Database, new_run: MakeRun
) -> None:
    database = own_database
    store = RunStore(database)
    runs = [await new_run(running_run("prompt")) for _ in range(6)]
    await asyncio.gather(*(store.apply(r.id, [added(f"c{i}")]) for i, r in enumerate(runs)))
    assert database.lane.opened == 1  # the others used the pool; the lane opened once
    for i, run in enumerate(runs):
        keys = [m.key for m in (await store.require(run.id)).state.step("prompt").messages]
        assert f"c{i}" in keys


async def test_a_connection_the_server_closed_is_replaced_and_the_write_commits(
    own_database: Database, new_run: MakeRun
) -> None:
    database = own_database
    store = RunStore(database)
    run = await new_run(running_run("prompt"))
    await store.apply(run.id, [added("before")])
    pid = await lane_pid(database)
    async with database.pool.acquire() as admin:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
    await asyncio.sleep(0.2)  # the goodbye reaches the client's socket

    await store.apply(run.id, [added("after")])

    assert database.lane.opened == 2
    assert await lane_pid(database) != pid
    keys = [m.key for m in (await store.require(run.id)).state.step("prompt").messages]
    assert keys[-2:] == ["before", "after"]


async def test_a_statement_cancelled_on_the_lane_drops_its_connection(
    own_database: Database,
) -> None:
    database = own_database
    started = asyncio.Event()

    async def slow() -> None:
        async with database.lane.connection() as conn:
            started.set()
            await conn.execute("SELECT pg_sleep(30)")

    task = asyncio.create_task(slow())
    await started.wait()
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    # The next use gets a new connection that works, not one mid-protocol.
    assert await lane_pid(database) > 0
    assert database.lane.opened == 2


async def test_a_refused_transition_keeps_the_connection(
    own_database: Database, new_run: MakeRun
) -> None:
    database = own_database
    store = RunStore(database)
    run = await new_run(running_run("prompt"))
    await store.apply(run.id, [added("one")])

    def refuse(_state: object) -> None:
        raise PermissionError("refused by the guard")

    with pytest.raises(PermissionError):
        await store.apply(run.id, [added("two")], guard=refuse)
    await store.apply(run.id, [added("three")])
    assert database.lane.opened == 1


async def test_a_pool_too_small_to_spare_two_connections_has_no_lanes(database_url: str) -> None:
    database = await open_database(database_url, pool_size=3, read_pool_size=1)
    try:
        async with database.lane.connection() as conn:
            assert await conn.fetchval("SELECT 1") == 1
        assert database.lane.opened == 0
        assert database.pool.get_max_size() == 3
    finally:
        await database.close()
    bigger = await open_database(database_url, pool_size=5, read_pool_size=1)
    try:
        assert bigger.pool.get_max_size() == 3  # two of the five are the lanes'
    finally:
        await bigger.close()


async def test_closing_with_a_write_in_flight_neither_waits_nor_keeps_the_connection(
    own_database: Database,
) -> None:
    database = own_database
    holding = asyncio.Event()
    release = asyncio.Event()
    seen: list[object] = []

    async def writer() -> None:
        async with database.lane.connection() as conn:
            seen.append(conn)
            holding.set()
            await release.wait()

    task = asyncio.create_task(writer())
    await holding.wait()
    await asyncio.wait_for(database.lane.close(), 1)  # returns at once
    release.set()
    await task
    assert seen[0].is_closed()  # type: ignore[attr-defined]  # terminated at the give-back
    # After closing, writes use the pool (which is still open here).
    async with database.lane.connection() as conn:
        assert conn is not seen[0]
        assert await conn.fetchval("SELECT 1") == 1
