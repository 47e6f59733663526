"""`RunStore` against the real PostgreSQL: writes, no-ops, guards, notifications, concurrency."""

from __future__ import annotations

import asyncio
import itertools
import json
from uuid import uuid4

import pytest
import sqlalchemy as sa

from src.db import Database, workflow_runs
from src.state import (
    Event,
    HumanInputRequested,
    HumanInputResolved,
    PayloadRecorded,
    ProgressPlanned,
    RunCompleted,
    RunStarted,
    RunState,
    StepCompleted,
    StepStarted,
    TransitionCode,
    TransitionError,
    UnitFinished,
)
from src.state.changes import Change
from src.state.notifier import CommitNotifier
from src.state.serialize import state_patch
from src.state.store import RunNotFound, RunRecord, RunStore
from tests.state.builders import (
    MakeRun,
    NotePayload,
    added,
    at,
    decision,
    queued_run,
    request,
    running_run,
)
from tests.state.notifications import listening, woken


def change_of(record: RunRecord) -> Change:
    return Change(record.id, record.owner_id, record.lecture_id, record.change_xid)


class Refused(Exception):
    pass


def refuse(_state: RunState) -> None:
    raise Refused


async def test_create_persists_the_state_and_announces_its_commit(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    async with listening(database.dsn) as notifications:
        with woken(run_store.notifier) as xids:
            run = await new_run(queued_run())
        # Other processes hear of it through the database, after the commit.
        await notifications.until(run.change_xid)
    assert xids == [run.change_xid]
    stored = await run_store.require(run.id)
    assert (stored.state, stored.version, stored.change_cursor, stored.change_xid) == (
        queued_run(),
        1,
        run.change_cursor,
        run.change_xid,
    )


async def test_apply_persists_the_new_state_bumps_version_and_position_and_announces(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    events = [
        added("m1"),
        PayloadRecorded(key="k7", at=at(6), step="prompt", payload=NotePayload(text="saved")),
    ]
    async with listening(database.dsn) as notifications:
        with woken(run_store.notifier) as xids:
            applied = await run_store.apply(run.id, events)
        await notifications.until(applied.record.change_xid)
    assert applied.changed
    assert (applied.record.version, xids) == (2, [applied.record.change_xid])
    assert applied.record.change_cursor > run.change_cursor
    assert applied.record.change_xid > run.change_xid
    stored = await run_store.require(run.id)
    assert stored.state == applied.record.state
    assert stored.state.steps[0].payload == NotePayload(text="saved")
    assert [m.key for m in stored.state.steps[0].messages] == ["m1"]
    assert (stored.version, stored.change_cursor, stored.change_xid) == (
        2,
        applied.record.change_cursor,
        applied.record.change_xid,
    )


async def test_apply_that_changes_nothing_writes_and_announces_nothing(
    run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    before = (await run_store.apply(run.id, [added("m1")])).record
    with woken(run_store.notifier) as xids:
        replay = await run_store.apply(
            run.id, [RunStarted(at=at(9)), StepStarted(at=at(9), step="prompt", summary="again")]
        )
        duplicate = await run_store.apply(run.id, [added("m1")])
    assert (replay.changed, duplicate.changed) == (False, False)
    assert xids == []
    stored = await run_store.require(run.id)
    assert (stored.version, stored.change_xid, stored.updated_at) == (
        before.version,
        before.change_xid,
        before.updated_at,
    )


async def test_a_refusing_guard_leaves_the_run_unchanged_and_silent(
    run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    with woken(run_store.notifier) as xids, pytest.raises(Refused):
        await run_store.apply(run.id, [added("m1")], guard=refuse)
    assert xids == []
    stored = await run_store.require(run.id)
    assert (stored.state, stored.version, stored.change_xid) == (run.state, 1, run.change_xid)


async def test_commits_in_a_burst_are_announced_by_one_notify_carrying_the_highest(
    database: Database,
) -> None:
    """The NOTIFY is coalesced: commits reported before it is sent ride on the same one."""
    base = 10**15  # far above any real transaction ID: other writers' wake-ups are told apart
    notifier = CommitNotifier(database.pool, interval_seconds=0)
    async with listening(database.dsn) as notifications:
        for xid in (5, 9, 7):
            notifier.committed(base + xid, uuid4())
        await notifier.drain()
        await notifications.until(base + 9)
        notifier.committed(base + 11, uuid4())
        await notifier.drain()
        await notifications.until(base + 11)
    ours = [xid - base for xid in notifications.xids if xid >= base]
    assert (ours, notifier.sent) == ([9, 11], 2)


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
    # Per run, the feed's position (the writing transaction) also rises in commit order.
    xids = [run.change_xid] + [w.change_xid for w in writes]
    assert all(a < b for a, b in itertools.pairwise(xids))
    # Each write's record holds exactly the messages committed up to it, in order.
    for w in writes:
        assert [m.key for m in w.state.steps[0].messages] == keys[: w.version - 1]


async def test_a_window_lists_each_changed_run_once_oldest_first_below_its_horizon(
    run_store: RunStore, new_run: MakeRun
) -> None:
    start = await run_store.horizon() - 1
    first, second = await new_run(), await new_run()
    await run_store.apply(first.id, [added("m1")])
    last = (await run_store.apply(first.id, [added("m2")])).record
    window = await run_store.window((start, 0))
    changes = [c for c in window.changes if c.run_id in {first.id, second.id}]
    assert changes == [change_of(second), change_of(last)]
    assert window.complete
    assert window.horizon > last.change_xid
    assert all(c.position == window.horizon - 1 for c in window.changes)
    assert await run_store.horizon() >= window.horizon


async def test_patched_writes_leave_the_document_a_whole_write_would(
    run_store: RunStore, new_run: MakeRun
) -> None:
    """A write that only appends a message sends a patch (`StatePatch`), the others the whole
    document; the stored document must be the state's own after each, in any order, and the
    columns that repeat the run's status and times must agree with it (a patch leaves them)."""
    run = await new_run(running_run("prompt"))
    events: list[Event] = [
        added("one"),
        added("two"),
        ProgressPlanned(at=at(6), step="prompt", total=2, unit="images"),
        UnitFinished(at=at(7), step="prompt", key="u1"),
        HumanInputRequested(at=at(8), step="prompt", request=request(), summary="Waiting"),
        HumanInputResolved(at=at(9), step="prompt", decision=decision(), summary="Accepted"),
        StepCompleted(at=at(10), step="prompt", summary="Done"),
        StepStarted(at=at(11), step="script", summary="Writing"),
        added("three", step="script"),
        RunCompleted(at=at(12), outcome="done"),
    ]
    record, patched = run, 0
    for event in events:
        applied = await run_store.apply(run.id, [event])
        assert applied.changed, event
        patched += state_patch(record.state, applied.record.state) is not None
        record = applied.record
        async with run_store.pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT workflow_state::text AS doc, status, started_at, finished_at "
                "FROM workflow_runs WHERE id = $1",
                run.id,
            )
        assert json.loads(row["doc"]) == json.loads(record.state.model_dump_json()), event
        state = record.state
        columns = (state.status.value, state.started_at, state.finished_at)
        assert (row["status"], row["started_at"], row["finished_at"]) == columns, event
    assert patched == 3  # the three plain messages
