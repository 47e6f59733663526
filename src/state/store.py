"""`RunStore`: persists transitions with an optimistic version check, stamps each change with
its transaction's ID for the change feed, and wakes the feeds once the commit has returned."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from src.db.database import Database
from src.db.tables import workflow_runs
from src.db.transient import DatabaseRetry
from src.ops.metrics import TransitionObserver, observe_transition
from src.state.changes import Change
from src.state.errors import TransitionError
from src.state.events import Event
from src.state.model import RunState, RunStatus
from src.state.notifier import CommitNotifier
from src.state.serialize import state_json, state_patch
from src.state.transitions import apply_all

# Each write records its change in two columns, with no lock and no NOTIFY in the transaction:
# `change_xid`, the writing transaction's ID, which is what the change feed reads by (rows of
# transactions below the snapshot's horizon; see `src/state/feed.py` for why that misses
# nothing), and `change_cursor`, a unique sequence number that orders one transaction's rows.
# Neither serialises commits: the advisory lock this replaced was held through each commit's
# WAL flush, and NOTIFY's queue lock is taken at commit (docs/benchmarks.md, goal 4). The
# feeds are woken after the commit instead (`CommitNotifier`).
_STAMP = "change_xid = pg_current_xact_id(), change_cursor = nextval('workflow_change_cursor')"


def _write_statement(new_state: str, columns: str) -> str:
    """A run write: the state becomes `new_state` (an SQL expression), `columns` are set beside
    it, and the change is stamped, under the optimistic version check (`$1` the run's ID, `$2`
    the version the state was computed from)."""
    return f"""
    UPDATE workflow_runs
    SET workflow_state = {new_state}, {columns} version = version + 1, {_STAMP},
        updated_at = now()
    WHERE id = $1 AND version = $2
    RETURNING change_cursor, change_xid::text::bigint AS change_xid, version, updated_at
"""


# Plain asyncpg statements (prepared once per connection): the hot path makes one round trip
# for the read and one for the write. The whole state is `$3`; the run's status and times,
# which columns beside it repeat, are `$4`-`$6`.
_UPDATE = _write_statement("$3::text::jsonb", "status = $4, started_at = $5, finished_at = $6,")

# The same write when it only appends one message to one step (`StatePatch`): the message
# (`$3`) is inserted in place at step index `$4`, as a raw append would do it, instead of the
# whole document being sent and parsed. The run's own fields are unchanged, so are the columns
# that repeat them. The version check makes the stored document the one this patch was
# computed from.
_APPEND = _write_statement(
    "jsonb_insert(workflow_state, ARRAY['steps', $4::int::text, 'messages', '-1'], "
    "$3::text::jsonb, true)",
    "",
)

_INSERT = """
    INSERT INTO workflow_runs (id, owner_id, lecture_id, kind, status, workflow_state,
        version, change_xid, change_cursor, input, rerun_of, triggered_by, trigger, created_at,
        updated_at, lease_expires_at, started_at, finished_at)
    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, 1, pg_current_xact_id(),
        nextval('workflow_change_cursor'), $7::text::jsonb, $8, $9, $10, $11, $11,
        COALESCE(now() + $12::float8 * interval '1 second', 'infinity'), $13, $14)
    ON CONFLICT (id) DO NOTHING
    RETURNING change_cursor, change_xid::text::bigint AS change_xid
"""

_SELECT = """
    SELECT id, owner_id, lecture_id, kind, workflow_state::text AS state_json, version,
        change_cursor, change_xid::text::bigint AS change_xid, input::text AS input_json,
        rerun_of, triggered_by, trigger, created_at, updated_at
    FROM workflow_runs
"""
_GET = _SELECT + " WHERE id = $1"
_GET_OWNED = _SELECT + " WHERE id = $1 AND owner_id = $2"


def columns_unless_known(row: str, known_version: str) -> str:
    """The columns `record_from_row` reads, of the run row named `row`, with its state and
    input NULL where the row's version equals `known_version` (an SQL expression)."""
    same = f"{row}.version = {known_version}"
    return f"""
        {row}.id, {row}.owner_id, {row}.lecture_id, {row}.kind, {row}.version,
        {row}.change_cursor, {row}.change_xid::text::bigint AS change_xid, {row}.rerun_of,
        {row}.triggered_by, {row}.trigger, {row}.created_at, {row}.updated_at,
        CASE WHEN {same} THEN NULL ELSE {row}.workflow_state::text END AS state_json,
        CASE WHEN {same} THEN NULL ELSE {row}.input::text END AS input_json"""


# A read of a run whose version `$3` this process already holds parsed (`_recent`): the same
# columns, but the state and input only if the row has moved past that version. Only the store
# writes `workflow_state`, and every write bumps `version` in the same statement, so an equal
# version is the very same document; the row's own columns (and the owner check) still come
# from this read, in one snapshot.
_GET_OWNED_UNLESS = f"""
    SELECT {columns_unless_known("workflow_runs", "$3")}
    FROM workflow_runs WHERE id = $1 AND owner_id = $2
"""

CHANGES_PAGE = 1000
"""Changes read per query by resyncs and replays; a full page means read on."""

RECENT_RUNS = 4096
"""How many runs' latest records the store remembers, to skip the read before a write."""

# The same columns, named the same way, as `_SELECT` reads them: one `record_from_row` serves
# SQLAlchemy rows (`row._mapping`) and asyncpg records alike.
RUN_COLUMNS = (
    workflow_runs.c.id,
    workflow_runs.c.owner_id,
    workflow_runs.c.lecture_id,
    workflow_runs.c.kind,
    sa.cast(workflow_runs.c.workflow_state, sa.Text).label("state_json"),
    workflow_runs.c.version,
    workflow_runs.c.change_cursor,
    sa.cast(sa.cast(workflow_runs.c.change_xid, sa.Text), sa.BigInteger).label("change_xid"),
    sa.cast(workflow_runs.c.input, sa.Text).label("input_json"),
    workflow_runs.c.rerun_of,
    workflow_runs.c.triggered_by,
    workflow_runs.c.trigger,
    workflow_runs.c.created_at,
    workflow_runs.c.updated_at,
)


@dataclass(frozen=True)
class RunRecord:
    """A run row: its persisted state plus the columns around it."""

    id: UUID
    owner_id: UUID
    lecture_id: UUID
    kind: str
    state: RunState
    version: int
    change_cursor: int
    change_xid: int
    """The transaction that wrote this version: its position in the change feed."""
    input: dict[str, Any]
    rerun_of: UUID | None
    triggered_by: UUID
    trigger: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NewRun:
    id: UUID
    owner_id: UUID
    lecture_id: UUID
    kind: str
    state: RunState
    input: dict[str, Any]
    triggered_by: UUID
    trigger: str
    rerun_of: UUID | None = None


@dataclass(frozen=True)
class Applied:
    """The outcome of `RunStore.apply`: the record after it, and whether anything changed."""

    record: RunRecord
    changed: bool


class RunNotFound(LookupError):
    def __init__(self, run_id: UUID) -> None:
        super().__init__(f"no run {run_id}")
        self.run_id = run_id


Guard = Callable[[RunState], object]
"""Checks the current state before events apply; raises to refuse (nothing is written)."""


class RunStore:
    """Reads runs and writes their transitions.

    Every operation is retried through transient database errors (a lost connection, a
    restarting server) for at most `retry.total_seconds`; then it raises `DatabaseUnavailable`.
    Retrying is safe: a write repeated after a lost commit finds its events already applied
    (transitions are idempotent) and a repeated create finds its run already there.
    """

    update_sql = _UPDATE
    """The write statement; benchmarks swap it to price the global ordering. Its parameters:
    id, version, state, status, started, finished; it returns change_cursor, change_xid
    (as bigint), version and updated_at."""

    patch_sql: str | None = _APPEND
    """The write of a `StatePatch` (one message appended; parameters: id, version, the message,
    the step's index); None writes every state whole."""

    def __init__(
        self,
        database: Database,
        *,
        retry: DatabaseRetry | None = None,
        claim_grace_seconds: float | None = None,
        observe: TransitionObserver | None = observe_transition,
    ) -> None:
        """`claim_grace_seconds`: how long a new run waits to be claimed by an executor before
        a watchdog may mark it interrupted (the local runner); None: never (Inngest owns it)."""
        self._pool = database.pool
        self._read_pool = database.read_pool
        self._lane = database.lane
        self.notifier = CommitNotifier(database.pool, lane=database.wake_lane)
        """Wakes the change feeds after each committed write (`CommitNotifier`)."""
        # Each statement is its own transaction: the write is one statement that bumps the
        # version and stamps the change, so nothing needs an explicit BEGIN.
        self._engine = database.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._recent: OrderedDict[UUID, RunRecord] = OrderedDict()
        self.retry = retry or DatabaseRetry()
        self._claim_grace = claim_grace_seconds
        self._observe = observe
        """Sees each committed change (metrics); None switches that off (benchmarks)."""

    @property
    def engine(self) -> AsyncEngine:
        """The engine this store reads with (each statement its own transaction)."""
        return self._engine

    @property
    def pool(self) -> asyncpg.Pool:
        """The asyncpg pool this store writes with."""
        return self._pool

    @property
    def read_pool(self) -> asyncpg.Pool:
        """The asyncpg pool of viewers' reads (`Database.read_pool`)."""
        return self._read_pool

    def recent(self, run_id: UUID) -> RunRecord | None:
        """The latest record of the run this process has written or read, if it remembers one
        (it may be stale: only a read tells)."""
        return self._recent.get(run_id)

    async def create(self, run: NewRun) -> RunRecord:
        return await self.retry.call(lambda: self._create(run))

    async def _create(self, run: NewRun) -> RunRecord:
        async with self._lane.connection() as conn:
            row = await conn.fetchrow(
                _INSERT,
                run.id,
                run.owner_id,
                run.lecture_id,
                run.kind,
                run.state.status.value,
                run.state.model_dump_json(),
                json.dumps(run.input),
                run.rerun_of,
                run.triggered_by,
                run.trigger,
                run.state.created_at,
                self._claim_grace,
                run.state.started_at,
                run.state.finished_at,
            )
            if row is None:  # a retry after a commit whose answer was lost
                existing = await conn.fetchrow(_GET_OWNED, run.id, run.owner_id)
                if existing is None:
                    raise RuntimeError(f"run {run.id} exists with another owner")
                return self._remember(record_from_row(existing))
        self.notifier.committed(row["change_xid"], run.id)
        record = RunRecord(
            id=run.id,
            owner_id=run.owner_id,
            lecture_id=run.lecture_id,
            kind=run.kind,
            state=run.state,
            version=1,
            change_cursor=row["change_cursor"],
            change_xid=row["change_xid"],
            input=run.input,
            rerun_of=run.rerun_of,
            triggered_by=run.triggered_by,
            trigger=run.trigger,
            created_at=run.state.created_at,
            updated_at=run.state.created_at,
        )
        self._remember(record)
        return record

    async def get(self, run_id: UUID, *, owner_id: UUID | None = None) -> RunRecord | None:
        """The run as committed now; with `owner_id` (a viewer's read, on the read pool) only
        if that owner's, reusing the parsed state when this process holds its version."""
        return await self.retry.call(lambda: self._get(run_id, owner_id))

    async def _get(self, run_id: UUID, owner_id: UUID | None) -> RunRecord | None:
        if owner_id is None:
            async with self._pool.acquire() as conn:
                row = await conn.fetchrow(_GET, run_id)
            return None if row is None else self._remember(record_from_row(row))
        known = self._recent.get(run_id)
        async with self._read_pool.acquire() as conn:
            if known is None:
                row = await conn.fetchrow(_GET_OWNED, run_id, owner_id)
            else:
                row = await conn.fetchrow(_GET_OWNED_UNLESS, run_id, owner_id, known.version)
        if row is None:
            return None
        return self._remember(record_from_row(row, known))

    async def require(self, run_id: UUID) -> RunRecord:
        record = await self.get(run_id)
        if record is None:
            raise RunNotFound(run_id)
        return record

    async def apply(
        self, run_id: UUID, events: Sequence[Event], *, guard: Guard | None = None
    ) -> Applied:
        """Apply `events` in order and persist the result in one transaction.

        On a concurrent write the version check fails and the whole read-apply-write repeats
        on the fresh state, so no update is ever lost. A no-op writes and notifies nothing.
        """
        return await self.retry.call(lambda: self._apply(run_id, events, guard))

    async def _apply(self, run_id: UUID, events: Sequence[Event], guard: Guard | None) -> Applied:
        async with self._lane.connection() as conn:
            if guard is None:
                # This process usually wrote the run last: try the write on that version and
                # skip the read. A stale version only fails the check and falls through.
                written = await self._write_on_recent(conn, run_id, events)
                if written is not None:
                    return Applied(written, changed=True)
            while True:
                row = await conn.fetchrow(_GET, run_id)
                if row is None:
                    raise RunNotFound(run_id)
                record = self._remember(record_from_row(row))
                if guard is not None:
                    guard(record.state)
                state = apply_all(record.state, events)
                if state is record.state:  # transitions return the state itself for a no-op
                    return Applied(record, changed=False)
                written = await self._write(conn, record, state)
                if written is not None:
                    return Applied(written, changed=True)

    async def _write_on_recent(
        self, conn: Any, run_id: UUID, events: Sequence[Event]
    ) -> RunRecord | None:
        recent = self._recent.get(run_id)
        if recent is None:
            return None
        try:
            state = apply_all(recent.state, events)
        except TransitionError:
            return None  # perhaps only against the stale version: decide on a fresh read
        if state is recent.state:
            return None  # a no-op is confirmed against a fresh read, never a remembered one
        return await self._write(conn, recent, state)

    async def _write(self, conn: Any, record: RunRecord, state: RunState) -> RunRecord | None:
        patch = None if self.patch_sql is None else state_patch(record.state, state)
        if patch is None:
            row = await conn.fetchrow(
                self.update_sql,
                record.id,
                record.version,
                state_json(state),
                state.status.value,
                state.started_at,
                state.finished_at,
            )
        else:
            row = await conn.fetchrow(
                self.patch_sql, record.id, record.version, patch.message, patch.step
            )
        if row is None:
            self._recent.pop(record.id, None)
            return None
        self.notifier.committed(row["change_xid"], record.id)
        if self._observe is not None:
            self._observe(record.state, state, trigger=record.trigger)
        # Built field by field: `dataclasses.replace` cost ~10 µs per write (it introspects).
        return self._remember(
            RunRecord(
                id=record.id,
                owner_id=record.owner_id,
                lecture_id=record.lecture_id,
                kind=record.kind,
                state=state,
                version=row["version"],
                change_cursor=row["change_cursor"],
                change_xid=row["change_xid"],
                input=record.input,
                rerun_of=record.rerun_of,
                triggered_by=record.triggered_by,
                trigger=record.trigger,
                created_at=record.created_at,
                updated_at=row["updated_at"],
            )
        )

    def remember(self, record: RunRecord) -> RunRecord:
        """Keep `record` as the run's latest known (unless a newer one is); return it."""
        return self._remember(record)

    def _remember(self, record: RunRecord) -> RunRecord:
        known = self._recent.get(record.id)
        if known is None or known.version <= record.version:
            self._recent[record.id] = record
            self._recent.move_to_end(record.id)
            if len(self._recent) > RECENT_RUNS:
                self._recent.popitem(last=False)
        return record

    async def unfinished(self) -> list[RunRecord]:
        """Runs not yet in a terminal status."""
        terminal = [s.value for s in RunStatus if s.is_terminal]
        query = sa.select(*RUN_COLUMNS).where(workflow_runs.c.status.not_in(terminal))

        async def read() -> list[RunRecord]:
            async with self._engine.connect() as conn:
                return [record_from_row(row._mapping) for row in await conn.execute(query)]

        return await self.retry.call(read)

    async def horizon(self) -> int:
        """The lowest transaction ID still running (or the next one if none is): every change
        with a lower `change_xid` has committed or never will. It never goes back."""

        async def read() -> int:
            async with self._pool.acquire() as conn:
                return int(await conn.fetchval(_HORIZON))

        return await self.retry.call(read)

    async def window(
        self,
        after: tuple[int, int],
        *,
        below: int | None = None,
        limit: int = CHANGES_PAGE,
        owner_id: UUID | None = None,
        lecture_id: UUID | None = None,
    ) -> Window:
        """Runs whose latest change is past `after` (a (change_xid, change_cursor) key) and
        below the horizon — `below`, or this read's own horizon when None — oldest first.

        In one statement, so the horizon is the snapshot's the rows are read in: every
        transaction below it has ended, and what it committed is visible unless a later
        change of the same run (whose transaction ID is at or above the horizon) replaced it.
        """
        sql, args = _window_query(owner_id, lecture_id)
        xid, seq = after

        async def read() -> Window:
            async with self._pool.acquire() as conn:
                rows = await conn.fetch(sql, max(xid, 0), seq, below, limit, *args)
            horizon = int(rows[0]["horizon"])
            found = [row for row in rows if row["id"] is not None]
            complete = len(found) < limit
            position = horizon - 1 if complete else found[-1]["xid"] - 1
            return Window(_changes(found, position), horizon, complete)

        return await self.retry.call(read)

    async def changes_after_legacy_cursor(
        self, cursor: int, *, owner_id: UUID, lecture_id: UUID | None
    ) -> Window:
        """The runs of one owner (or lecture) whose latest change took a `change_cursor` above
        `cursor` and is below this read's horizon: the resume of a cursor handed out before
        the feed read by transaction ID (cursors were then in commit order). All in one read,
        so that the one batch it makes ends at a position the new cursor can name."""
        sql = _LEGACY_BY_LECTURE if lecture_id is not None else _LEGACY_BY_OWNER
        args = (owner_id,) if lecture_id is None else (owner_id, lecture_id)

        async def read() -> Window:
            async with self._pool.acquire() as conn:
                rows = await conn.fetch(sql, cursor, *args)
            horizon = int(rows[0]["horizon"])
            found = [row for row in rows if row["id"] is not None]
            return Window(_changes(found, horizon - 1), horizon, complete=True)

        return await self.retry.call(read)


@dataclass(frozen=True)
class Window:
    """One read of the change feed's table."""

    changes: list[Change]
    """Oldest first (by transaction ID, then change cursor)."""
    horizon: int
    """The horizon the read was bounded by."""
    complete: bool
    """Whether every change below the horizon is in `changes` (else read on from the last)."""


_HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"

_CHANGE_COLUMNS = """id, owner_id, lecture_id, change_xid::text::bigint AS xid,
    change_cursor AS seq, extract(epoch FROM updated_at)::float8 AS stamp"""

# The horizon is computed once per statement (the lateral subquery reads it) and returned even
# when no row qualifies. `$3` fixes it while a window is read page by page.
_WINDOW = f"""
    SELECT h.horizon, r.*
    FROM (SELECT COALESCE($3::bigint, ({_HORIZON.removeprefix("SELECT ")})) AS horizon) h
    LEFT JOIN LATERAL (
        SELECT {_CHANGE_COLUMNS}
        FROM workflow_runs
        WHERE (change_xid, change_cursor) > ($1::bigint::text::xid8, $2::bigint)
            AND change_xid < h.horizon::text::xid8 {{interest}}
        ORDER BY change_xid, change_cursor
        LIMIT $4
    ) r ON true
"""
_WINDOW_ALL = _WINDOW.format(interest="")
_WINDOW_BY_OWNER = _WINDOW.format(interest="AND owner_id = $5")
_WINDOW_BY_LECTURE = _WINDOW.format(interest="AND owner_id = $5 AND lecture_id = $6")

_LEGACY = f"""
    SELECT h.horizon, r.*
    FROM ({_HORIZON} AS horizon) h
    LEFT JOIN LATERAL (
        SELECT {_CHANGE_COLUMNS}
        FROM workflow_runs
        WHERE change_cursor > $1 AND change_xid < h.horizon::text::xid8 AND owner_id = $2
            {{interest}}
        ORDER BY change_xid, change_cursor
    ) r ON true
"""
_LEGACY_BY_OWNER = _LEGACY.format(interest="")
_LEGACY_BY_LECTURE = _LEGACY.format(interest="AND lecture_id = $3")


def _window_query(owner_id: UUID | None, lecture_id: UUID | None) -> tuple[str, tuple[UUID, ...]]:
    if lecture_id is not None:
        if owner_id is None:
            raise ValueError("a lecture's changes are read with its owner")
        return _WINDOW_BY_LECTURE, (owner_id, lecture_id)
    if owner_id is not None:
        return _WINDOW_BY_OWNER, (owner_id,)
    return _WINDOW_ALL, ()


def _changes(rows: Sequence[Mapping[str, Any]], position: int) -> list[Change]:
    return [
        Change(
            row["id"],
            row["owner_id"],
            row["lecture_id"],
            row["xid"],
            committed_at=row["stamp"],
            seq=row["seq"],
            position=position,
        )
        for row in rows
    ]


def record_from_row(row: Mapping[Any, Any], known: RunRecord | None = None) -> RunRecord:
    """A run record from a row of the run columns (`RUN_COLUMNS` or `_SELECT`). With `known`
    (a record of the same run) and a row without its state (`state_json` null: a read that
    asked for the state only past `known.version`), the parsed state and input are `known`'s."""
    state_json = row["state_json"]
    if state_json is None:
        if known is None or known.id != row["id"] or known.version != row["version"]:
            raise ValueError("a run row without its state, and no record of that version")
        state, input_ = known.state, known.input
    else:
        state, input_ = RunState.model_validate_json(state_json), json.loads(row["input_json"])
    return RunRecord(
        id=row["id"],
        owner_id=row["owner_id"],
        lecture_id=row["lecture_id"],
        kind=row["kind"],
        state=state,
        version=row["version"],
        change_cursor=row["change_cursor"],
        change_xid=row["change_xid"],
        input=input_,
        rerun_of=row["rerun_of"],
        triggered_by=row["triggered_by"],
        trigger=row["trigger"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
