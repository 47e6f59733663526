"""`RunStore` against the real PostgreSQL: writes, no-ops, guards, notifications, concurrency."""

from __future__ import annotations

import asyncio
import itertools
from uuid import uuid4

import pytest
import sqlalchemy as sa

from src.db import Database, workflow_runs
from src.state import (
    MessageAdded,
    PayloadRecorded,
    RunCompleted,
    RunStarted,
    RunState,
    StepCompleted,
    StepStarted,
    TransitionCode,
    TransitionError,
)
from src.state.changes import Change
from src.state.store import RunNotFound, RunRecord, RunStore
from tests.state.builders import MakeRun, NotePayload, at, queued_run
from tests.state.notifications import listening


def added(key: str, step: str = "prompt") -> MessageAdded:
    return MessageAdded(at=at(5), step=step, key=key, text=f"text {key}")


def change_of(record: RunRecord) -> Change:
    return Change(record.id, record.owner_id, record.lecture_id, record.change_cursor)


class Refused(Exception):
    pass


def refuse(_state: RunState) -> None:
    raise Refused


async def test_create_persists_the_state_and_notifies_once(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    async with listening(database.dsn) as notifications:
        run = await new_run(queued_run())
        marker = await new_run()
        await notifications.until(marker.id)
    assert notifications.about(run.id) == [change_of(run)]
    stored = await run_store.require(run.id)
    assert (stored.state, stored.version, stored.change_cursor) == (
        queued_run(),
        1,
        run.change_cursor,
    )
    assert marker.change_cursor > run.change_cursor


async def test_apply_persists_the_new_state_bumps_version_and_cursor_and_notifies(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    events = [
        added("m1"),
        PayloadRecorded(key="k7", at=at(6), step="prompt", payload=NotePayload(text="saved")),
    ]
    async with listening(database.dsn) as notifications:
        applied = await run_store.apply(run.id, events)
        await notifications.until(run.id)
    assert applied.changed
    assert (applied.record.version, notifications.about(run.id)) == (2, [change_of(applied.record)])
    assert applied.record.change_cursor > run.change_cursor
    stored = await run_store.require(run.id)
    assert stored.state == applied.record.state
    assert stored.state.steps[0].payload == NotePayload(text="saved")
    assert [m.key for m in stored.state.steps[0].messages] == ["m1"]
    assert (stored.version, stored.change_cursor) == (2, applied.record.change_cursor)


async def test_apply_that_changes_nothing_writes_and_notifies_nothing(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    before = (await run_store.apply(run.id, [added("m1")])).record
    async with listening(database.dsn) as notifications:
        replay = await run_store.apply(
            run.id, [RunStarted(at=at(9)), StepStarted(at=at(9), step="prompt", summary="again")]
        )
        duplicate = await run_store.apply(run.id, [added("m1")])
        marker = await new_run()
        await notifications.until(marker.id)
    assert (replay.changed, duplicate.changed) == (False, False)
    assert notifications.about(run.id) == []
    stored = await run_store.require(run.id)
    assert (stored.version, stored.change_cursor, stored.updated_at) == (
        before.version,
        before.change_cursor,
        before.updated_at,
    )


async def test_a_refusing_guard_leaves_the_run_unchanged_and_silent(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    async with listening(database.dsn) as notifications:
        with pytest.raises(Refused):
            await run_store.apply(run.id, [added("m1")], guard=refuse)
        marker = await new_run()
        await notifications.until(marker.id)
    assert notifications.about(run.id) == []
    stored = await run_store.require(run.id)
    assert (stored.state, stored.version, stored.change_cursor) == (
        run.state,
        1,
        run.change_cursor,
    )


async def test_the_guard_sees_the_persisted_state(run_store: RunStore, new_run: MakeRun) -> None:
    run = await new_run()
    await run_store.apply(run.id, [added("m1")])
    seen: list[RunState] = []
    await run_store.apply(run.id, [added("m2")], guard=seen.append)
    assert [m.key for m in seen[0].steps[0].messages] == ["m1"]


async def test_an_illegal_transition_raises_and_writes_nothing(
    run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    with pytest.raises(TransitionError) as raised:
        # The first event is legal; the batch is all or nothing.
        await run_store.apply(run.id, [added("m1"), added("m2", step="script")])
    assert raised.value.code is TransitionCode.STEP_NOT_STARTED
    stored = await run_store.require(run.id)
    assert (stored.state, stored.version) == (run.state, 1)


async def test_apply_to_an_unknown_run_raises_run_not_found(run_store: RunStore) -> None:
    missing = uuid4()
    with pytest.raises(RunNotFound) as raised:
        await run_store.apply(missing, [added("m1")])
    assert raised.value.run_id == missing


async def status_columns(database: Database, run: RunRecord) -> tuple[str, object, object]:
    c = workflow_runs.c
    query = sa.select(c.status, c.started_at, c.finished_at).where(c.id == run.id)
    async with database.engine.connect() as conn:
        row = (await conn.execute(query)).one()
    return row.status, row.started_at, row.finished_at


async def test_status_and_time_columns_follow_the_state_until_the_run_finishes(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run(queued_run())
    assert await status_columns(database, run) == ("queued", None, None)
    await run_store.apply(run.id, [RunStarted(at=at(1))])
    assert await status_columns(database, run) == ("running", at(1), None)
    assert run.id in {r.id for r in await run_store.unfinished()}
    await run_store.apply(
        run.id,
        [
            StepStarted(at=at(2), step="prompt", summary="s"),
            StepCompleted(at=at(3), step="prompt", summary="done"),
            RunCompleted(at=at(4), outcome="ok"),
        ],
    )
    assert await status_columns(database, run) == ("completed", at(1), at(4))
    assert run.id not in {r.id for r in await run_store.unfinished()}


WRITERS = 20
WRITES_EACH = 3


async def test_concurrent_writers_lose_no_update_and_take_increasing_cursors(
    run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()

    async def writer(n: int) -> list[RunRecord]:
        written = []
        for i in range(WRITES_EACH):
            event = added(f"w{n}-{i}")
            first = await run_store.apply(run.id, [event])
            replay = await run_store.apply(run.id, [event])  # a replay is a no-op
            assert (first.changed, replay.changed) == (True, False)
            written.append(first.record)
        return written

    results = await asyncio.gather(*(writer(n) for n in range(WRITERS)))
    writes = sorted((r for rs in results for r in rs), key=lambda r: r.version)

    effective = WRITERS * WRITES_EACH
    final = await run_store.require(run.id)
    keys = [m.key for m in final.state.steps[0].messages]
    assert sorted(keys) == sorted(f"w{n}-{i}" for n in range(WRITERS) for i in range(WRITES_EACH))
    assert final.version == 1 + effective
    assert [w.version for w in writes] == list(range(2, 2 + effective))
    cursors = [run.change_cursor] + [w.change_cursor for w in writes]
    assert all(a < b for a, b in itertools.pairwise(cursors))
    assert final.change_cursor == cursors[-1]
    # Each write's record holds exactly the messages committed up to it, in order.
    for w in writes:
        assert [m.key for m in w.state.steps[0].messages] == keys[: w.version - 1]


async def test_changes_since_lists_each_changed_run_once_in_cursor_order(
    run_store: RunStore, new_run: MakeRun
) -> None:
    start = await run_store.latest_cursor()
    first, second = await new_run(), await new_run()
    await run_store.apply(first.id, [added("m1")])
    last = (await run_store.apply(first.id, [added("m2")])).record
    changes = [c for c in await run_store.changes_since(start) if c.run_id in {first.id, second.id}]
    assert changes == [change_of(second), change_of(last)]
    assert await run_store.latest_cursor() >= last.change_cursor
