"""Run leases: a run belongs to the process executing it while that process renews its claim.

The local runner claims every run it starts (`executor_id`, `lease_expires_at`) and renews
the claims of the runs it still executes on a heartbeat. Another process — or this one, for a
run whose task is gone — may take a run over only once its lease has expired, and then only
to mark it interrupted. Expiry is judged by the database's clock, so processes need not agree
on theirs. A lease of NULL (rows from before leases) counts as expired.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection
from uuid import UUID

import asyncpg

from src.db.transient import DatabaseRetry
from src.state.model import RunStatus

UNFINISHED = [s.value for s in RunStatus if not s.is_terminal]
_EXPIRED = "(lease_expires_at IS NULL OR lease_expires_at < now())"
_LEASE = "now() + $2::float8 * interval '1 second'"

# A run nobody has claimed yet (executor NULL) or already ours: with several runners on one
# database, the one that created a run and one polling for queued runs may race for it.
_CLAIM = f"""
    UPDATE workflow_runs SET executor_id = $3, lease_expires_at = {_LEASE}
    WHERE id = $1 AND (executor_id IS NULL OR executor_id = $3)
    RETURNING id
"""
# Only unfinished runs: a run cancelled through another process drops out, and its executor
# stops it (the backstop to the cancel signal).
_RENEW = f"""
    UPDATE workflow_runs SET lease_expires_at = {_LEASE}
    WHERE id = ANY($1::uuid[]) AND executor_id = $3 AND status = ANY($4::text[])
    RETURNING id
"""
_EXPIRED_RUNS = f"SELECT id FROM workflow_runs WHERE status = ANY($1::text[]) AND {_EXPIRED}"
_TAKE_OVER = f"""
    UPDATE workflow_runs SET executor_id = $3, lease_expires_at = {_LEASE}
    WHERE id = $1 AND status = ANY($4::text[]) AND {_EXPIRED}
    RETURNING id
"""

QUEUED_FOR_RUNNERS = "queued"
"""`executor_id` of a run an API-only process stored for the runner processes to claim. Only
such runs are picked up: a run its creating runner is about to claim is never raced for."""

_MARK_QUEUED = """
    UPDATE workflow_runs SET executor_id = $2
    WHERE id = $1 AND executor_id IS NULL AND status = 'queued'
"""
_PICK_UP = f"""
    UPDATE workflow_runs SET executor_id = $3, lease_expires_at = {_LEASE}
    WHERE id = $1 AND executor_id = $4 AND status = 'queued'
    RETURNING id
"""
_QUEUED_RUNS = """
    SELECT id FROM workflow_runs
    WHERE status = 'queued' AND executor_id = $2 AND lease_expires_at > now()
    ORDER BY created_at LIMIT $1
"""


async def mark_queued(pool: asyncpg.Pool, run_id: UUID) -> None:
    """Hand a new run to the runner processes (an API-only process executes nothing)."""
    await pool.execute(_MARK_QUEUED, run_id, QUEUED_FOR_RUNNERS)


def new_executor_id() -> str:
    """This process's name in `executor_id`: host, pid and a random part (one per runner)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Leases:
    """Claims, renewals and take-overs of runs for one executor."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        executor_id: str,
        lease_seconds: float,
        retry: DatabaseRetry,
    ) -> None:
        self._pool = pool
        self.executor_id = executor_id
        self.seconds = lease_seconds
        self._retry = retry

    async def claim(self, run_id: UUID) -> bool:
        """Take a run this executor is about to execute: one it created, or a queued one nobody
        has claimed. False if another runner holds it (that one executes it)."""
        row = await self._retry.call(
            lambda: self._pool.fetchrow(_CLAIM, run_id, self.seconds, self.executor_id)
        )
        return row is not None

    async def renew(self, run_ids: Collection[UUID]) -> set[UUID]:
        """Extend the leases of these runs; return those still ours and unfinished (the rest
        were taken over, or finished elsewhere: cancelled through another process)."""
        if not run_ids:
            return set()
        rows = await self._pool.fetch(
            _RENEW, list(run_ids), self.seconds, self.executor_id, UNFINISHED
        )
        return {row["id"] for row in rows}

    async def pick_up(self, run_id: UUID) -> bool:
        """Claim a run an API-only process queued for the runners; False if another runner
        claimed it first (or it is no longer queued: cancelled before anyone claimed it)."""
        row = await self._pool.fetchrow(
            _PICK_UP, run_id, self.seconds, self.executor_id, QUEUED_FOR_RUNNERS
        )
        return row is not None

    async def queued(self, limit: int = 100) -> list[UUID]:
        """Runs queued for the runners that none has claimed yet, within their claim grace
        (oldest first)."""
        rows = await self._pool.fetch(_QUEUED_RUNS, limit, QUEUED_FOR_RUNNERS)
        return [row["id"] for row in rows]

    async def expired(self) -> list[UUID]:
        """Unfinished runs whose lease has expired (their executor is gone)."""
        rows = await self._pool.fetch(_EXPIRED_RUNS, UNFINISHED)
        return [row["id"] for row in rows]

    async def take_over(self, run_id: UUID) -> bool:
        """Claim an unfinished run whose lease has expired; False if it is not (any more)."""
        row = await self._pool.fetchrow(
            _TAKE_OVER, run_id, self.seconds, self.executor_id, UNFINISHED
        )
        return row is not None
