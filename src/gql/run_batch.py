"""Several runs of one viewer in one query: the batch behind `nodes(ids:)`, which the panel
and pollers send with up to `MAX_NODES` run IDs at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from src.state.store import RunRecord, RunStore, columns_unless_known, record_from_row

# One round trip for the whole batch instead of one per ID, on the store's read pool. The
# state and input come back only for runs whose version differs from the one this process
# already holds parsed (`$3`/`$4`: IDs and versions; only the store writes a run's state, and
# every write bumps its version in the same statement); the other columns always.
_OWNED_RUNS = f"""
    SELECT {columns_unless_known("r", "k.version")}
    FROM workflow_runs r
    LEFT JOIN unnest($3::uuid[], $4::int[]) AS k(id, version) ON k.id = r.id
    WHERE r.id = ANY($1::uuid[]) AND r.owner_id = $2
"""


async def owned_runs(
    store: RunStore, run_ids: Sequence[UUID], owner_id: UUID
) -> dict[UUID, RunRecord]:
    """The runs among `run_ids` that `owner_id` owns, by ID (others are simply absent)."""
    if not run_ids:
        return {}
    wanted = list(set(run_ids))
    known = {run_id: record for run_id in wanted if (record := store.recent(run_id)) is not None}

    async def read() -> list[Any]:
        async with store.read_pool.acquire() as conn:
            return list(
                await conn.fetch(
                    _OWNED_RUNS,
                    wanted,
                    owner_id,
                    list(known),
                    [record.version for record in known.values()],
                )
            )

    records: dict[UUID, RunRecord] = {}
    for row in await store.retry.call(read):
        if row["state_json"] is not None and records:
            # Parsing a state holds the loop (and the GIL); fifty back to back would be one
            # long stall, so other callbacks run between them.
            await asyncio.sleep(0)
        records[row["id"]] = store.remember(record_from_row(row, known.get(row["id"])))
    return records
