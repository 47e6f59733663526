"""What a killed process leaves on its runs: a lease that nobody renews any more."""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa

from src.db import Database


async def expire_lease(database: Database, run_id: UUID) -> None:
    """Make `run_id` belong to a dead process whose lease has run out."""
    async with database.engine.begin() as conn:
        await conn.execute(
            sa.text(
                "UPDATE workflow_runs SET executor_id = 'a-dead-process', "
                "lease_expires_at = now() - interval '1 second' WHERE id = :id"
            ),
            {"id": run_id},
        )
