"""Follow-ups: the new run a re-run or a resume of a finished run creates, linked by `rerun_of`.

A run has at most one follow-up that has not finished. The database holds that rule: a
partial unique index over the unfinished runs' `rerun_of` (migration 0004), so two requests
racing from a double click or two tabs cannot both insert, whichever process serves them. The
loser learns which run won (`open_follow_up`) and the service answers with it.

Once that follow-up has finished, the run may be re-run or resumed again: doing it twice on
purpose is allowed, doing it twice at once is not.
"""

from __future__ import annotations

from uuid import UUID

import asyncpg
import sqlalchemy as sa

from src.db.tables import workflow_runs
from src.state.model import RunStatus
from src.state.store import RUN_COLUMNS, NewRun, RunRecord, RunStore, record_from_row

OPEN_FOLLOW_UP_INDEX = "uq_workflow_runs_open_follow_up"
"""The partial unique index that allows one unfinished follow-up per run."""

RERUN = "rerun"
"""The trigger of a run started by `rerunRun`: the same input, from the first step."""
RETRY = "retry"
"""The trigger of a run started by `retryRun`: resumed, its earlier steps taken over."""

UNFINISHED = tuple(s.value for s in RunStatus if not s.is_terminal)


class FollowUpTaken(Exception):
    """The run already has a follow-up that has not finished; nothing was written."""

    def __init__(self, run_id: UUID) -> None:
        super().__init__(f"run {run_id} already has an unfinished follow-up")
        self.run_id = run_id


async def create_follow_up(store: RunStore, run: NewRun) -> RunRecord:
    """Insert the follow-up `run` of `run.rerun_of`, or raise `FollowUpTaken`."""
    assert run.rerun_of is not None
    try:
        return await store.create(run)
    except asyncpg.UniqueViolationError as error:
        if error.constraint_name != OPEN_FOLLOW_UP_INDEX:
            raise
        raise FollowUpTaken(run.rerun_of) from None


async def open_follow_up(store: RunStore, run_id: UUID, *, owner_id: UUID) -> RunRecord | None:
    """The follow-up of `run_id` that has not finished, if there is one (there is at most one)."""
    c = workflow_runs.c
    query = sa.select(*RUN_COLUMNS).where(
        c.rerun_of == run_id, c.owner_id == owner_id, c.status.in_(UNFINISHED)
    )

    async def read() -> RunRecord | None:
        async with store.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else record_from_row(row._mapping)

    return await store.retry.call(read)
