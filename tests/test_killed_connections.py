"""Connections the database server closes under the app: the pools replace them before the
next query (no ping per checkout), and an asset accept whose connection dies mid-transaction is
retried whole by the retry wrapper, leaving exactly one current asset."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from src.assets import AssetLibrary, LocalBlobStorage
from src.assets.library import SLOT_LOCKS, _slot_lock_key
from src.db import Database, open_database
from src.db.database import asyncpg_dsn
from src.db.scratch import scratch_database
from src.db.transient import DatabaseRetry
from src.lectures import Lecture, LectureRepository


@dataclass
class World:
    url: str
    database: Database
    lectures: LectureRepository
    library: AssetLibrary
    lecture: Lecture


@pytest.fixture
async def world(database_url: str, tmp_path: Path) -> AsyncIterator[World]:
    """The library and lectures on a database of their own, so that killing every connection
    but the admin's touches nothing else."""
    async with scratch_database(database_url, "killed_connections") as url:
        database = await open_database(url, pool_size=2)
        try:
            lectures = LectureRepository(database.engine)
            owner = uuid.uuid4()
            await lectures.ensure_viewer(owner, "killed")
            lecture = await lectures.create(owner_id=owner, title="Glaciers")
            library = AssetLibrary(database.pool, LocalBlobStorage(tmp_path / "assets"))
            yield World(url, database, lectures, library, lecture)
        finally:
            await database.close()


async def add(world: World, data: bytes) -> uuid.UUID:
    ref = await world.library.add_candidate(
        owner_id=world.lecture.owner_id,
        lecture_id=world.lecture.id,
        run_id=None,
        slot="cover",
        data=data,
        media_type="image/png",
        details={"width": 1},
    )
    return ref.id


async def kill(admin: asyncpg.Connection, pids_sql: str) -> int:
    """Terminate the backends `pids_sql` selects and wait until they are gone: a terminated
    backend says goodbye on its socket before it exits, so by then the client can see it."""
    pids = [row["pid"] for row in await admin.fetch(pids_sql)]
    for pid in pids:
        await admin.execute("SELECT pg_terminate_backend($1)", pid)
    for _ in range(500):
        await admin.execute(FRESH_STATISTICS)
        alive = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])", pids
        )
        if alive == 0:
            return len(pids)
        await asyncio.sleep(0.01)
    raise AssertionError("terminated backends did not exit")


FRESH_STATISTICS = "SELECT pg_stat_clear_snapshot()"
"""Inside a transaction (the lock holder's) `pg_stat_activity` is read once and then kept."""

OTHERS = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid()"
)


async def test_connections_the_server_closed_are_replaced_before_the_next_query(
    world: World,
) -> None:
    asset = await add(world, b"before")
    assert await world.lectures.get(world.lecture.id) is not None  # SQLAlchemy's pool is warm

    admin = await asyncpg.connect(asyncpg_dsn(world.url))
    try:
        killed = await kill(admin, OTHERS)
    finally:
        await admin.close()

    assert killed >= 2  # at least one connection of each pool
    # No retry wrapper here: each pool must notice the closed connection and use a new one.
    assert await world.lectures.get(world.lecture.id) is not None
    stored = await world.library.get(asset)
    assert stored is not None and stored.ref.details == {"width": 1}
    assert (await world.library.accept(asset)).id == asset
    current = await world.library.current(world.lecture.id, "cover")
    assert current is not None and current.id == asset


async def test_an_accept_whose_connection_dies_mid_transaction_is_retried_whole(
    world: World,
) -> None:
    old = await add(world, b"old")
    await world.library.accept(old)
    new = await add(world, b"new")

    admin = await asyncpg.connect(asyncpg_dsn(world.url))
    try:
        # Hold the slot's lock, so the accept stops inside its transaction, waiting for it.
        blocker = admin.transaction()
        await blocker.start()
        key = _slot_lock_key(world.lecture.id, "cover")
        await admin.execute("SELECT pg_advisory_xact_lock($1, $2)", SLOT_LOCKS, key)
        accepting = asyncio.create_task(DatabaseRetry(30).call(lambda: world.library.accept(new)))
        waiting = (
            OTHERS + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
            " AND state = 'active'"
        )
        for _ in range(500):
            await admin.execute(FRESH_STATISTICS)
            if await admin.fetch(waiting):
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError("the accept never waited for the slot lock")
        assert await kill(admin, waiting) == 1
        await blocker.commit()  # the retried accept now gets the lock
        ref = await asyncio.wait_for(accepting, timeout=30)
        rows = await admin.fetch(
            "SELECT id, status FROM assets WHERE lecture_id = $1", world.lecture.id
        )
    finally:
        await admin.close()

    assert ref.id == new
    assert {row["id"]: row["status"] for row in rows} == {old: "superseded", new: "current"}
