"""Several runs of one viewer in one query: the batch behind `nodes(ids:)`, which the panel
and pollers send with up to `MAX_NODES` run IDs at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from src.db.tables import workflow_runs
from src.state.store import RUN_COLUMNS, RunRecord, RunStore, record_from_row

# The store's own column list (so `record_from_row` reads it), rendered once as plain SQL for
# the asyncpg pool: one round trip for the whole batch instead of one per ID.
_OWNED_RUNS = (
    str(sa.select(*RUN_COLUMNS))
    + f" WHERE {workflow_runs.name}.id = ANY($1::uuid[]) AND {workflow_runs.name}.owner_id = $2"
)


async def owned_runs(
    store: RunStore, run_ids: Sequence[UUID], owner_id: UUID
) -> dict[UUID, RunRecord]:
    """The runs among `run_ids` that `owner_id` owns, by ID (others are simply absent)."""
    if not run_ids:
        return {}

    async def read() -> list[Any]:
        async with store.pool.acquire() as conn:
            return list(await conn.fetch(_OWNED_RUNS, list(set(run_ids)), owner_id))

    records: dict[UUID, RunRecord] = {}
    for index, row in enumerate(await store.retry.call(read)):
        if index:
            # Parsing a state holds the loop (and the GIL); fifty back to back would be one
            # long stall, so other callbacks run between them.
            await asyncio.sleep(0)
        records[row["id"]] = record_from_row(row)
    return records
