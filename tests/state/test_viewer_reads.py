"""Viewers' reads of runs (`RunStore.get` with an owner, the `nodes(ids:)` batch): on a pool of
their own, reusing a parsed state only while the row still has its version — never stale,
never another owner's."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from uuid import uuid4

import pytest

from src.db import Database
from src.gql.run_batch import owned_runs
from src.state.store import NewRun, RunStore
from tests.state.builders import MakeRun, added, running_run


@pytest.fixture
def other_process(own_database: Database) -> RunStore:
    """A second store on pools of its own: another server process on the same database."""
    return RunStore(own_database)


async def test_a_read_reuses_the_parsed_state_only_while_the_version_is_unchanged(
    run_store: RunStore, other_process: RunStore, new_run: MakeRun
) -> None:
    run = await new_run(running_run("prompt"))
    written = (await run_store.apply(run.id, [added("w")])).record

    same = await run_store.get(run.id, owner_id=run.owner_id)
    assert same is not None
    assert same.version == written.version
    assert same.state is written.state  # not read back and parsed again
    assert same.input == run.input

    # Another process writes twice: this process's remembered version is now stale.
    await other_process.apply(run.id, [added("a")])
    newer = (await other_process.apply(run.id, [added("b")])).record
    fresh = await run_store.get(run.id, owner_id=run.owner_id)
    assert fresh is not None
    assert (fresh.version, fresh.state) == (newer.version, newer.state)
    assert fresh.state is not written.state
    assert fresh.change_xid == newer.change_xid


async def test_a_read_never_hands_a_remembered_run_to_another_owner(
    run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run(running_run("prompt"))
    await run_store.apply(run.id, [added("w")])
    assert await run_store.get(run.id, owner_id=run.owner_id) is not None  # remembered now

    stranger = uuid4()
    assert await run_store.get(run.id, owner_id=stranger) is None
    assert await owned_runs(run_store, [run.id], stranger) == {}


async def test_the_batch_read_mixes_remembered_changed_and_unknown_runs(
    run_store: RunStore, other_process: RunStore, new_run: MakeRun
) -> None:
    mine = await new_run(running_run("prompt"))
    kept = (await run_store.apply(mine.id, [added("w")])).record
    moved = await new_run(running_run("prompt"), owner_id=mine.owner_id, lecture_id=mine.lecture_id)
    await run_store.apply(moved.id, [added("w")])
    moved_on = (await other_process.apply(moved.id, [added("x")])).record
    unknown = await other_process.create(  # created elsewhere: never seen by this process
        NewRun(
            id=uuid4(),
            owner_id=mine.owner_id,
            lecture_id=mine.lecture_id,
            kind="test_kind",
            state=running_run("prompt"),
            input={"prompt": "elsewhere"},
            triggered_by=mine.owner_id,
            trigger="test",
        )
    )
    theirs = await new_run(running_run("prompt"))

    found = await owned_runs(
        run_store, [mine.id, moved.id, unknown.id, theirs.id, uuid4()], mine.owner_id
    )
    assert set(found) == {mine.id, moved.id, unknown.id}
    assert found[mine.id].state is kept.state
    assert (found[moved.id].version, found[moved.id].state) == (moved_on.version, moved_on.state)
    assert (found[unknown.id].version, found[unknown.id].state) == (1, unknown.state)
    assert found[unknown.id].input == unknown.input


async def test_a_viewer_read_does_not_wait_for_the_write_pool(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run(running_run("prompt"))
    async with AsyncExitStack() as held:
        for _ in range(database.pool.get_max_size()):  # every write connection busy
            await held.enter_async_context(database.pool.acquire())
        # A guard against a hang, not a timing: on the write pool this would never return.
        async with asyncio.timeout(60):
            read = await run_store.get(run.id, owner_id=run.owner_id)
            batch = await owned_runs(run_store, [run.id], run.owner_id)
    assert read is not None and read.version == run.version
    assert set(batch) == {run.id}
