"""The engine of an API-only process (`agent-progress serve --no-runner`): runs execute in the
local runners of other processes on the same database.

A new run is stored as queued with a claim grace of one lease (`RunStore(claim_grace_seconds=)`)
and marked as the runners' to claim (`executor_id = 'queued'`); a runner claims it on the
"queued" signal, or on its next poll. Decisions and cancels are stored
by the service before the engine hears of them; this engine only tells the runners.
"""

from __future__ import annotations

import logging

import asyncpg

from src.runner.leases import mark_queued
from src.runner.signals import RunSignal, SignalKind, send_signal
from src.state.store import RunRecord

log = logging.getLogger(__name__)


class QueuedEngine:
    """Implements the `RunEngine` port by signalling the runner processes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def submit(self, run: RunRecord) -> None:
        # Marked in the database first, so a runner's poll finds it even if the signal is lost.
        await mark_queued(self._pool, run.id)
        await self._signal(RunSignal(SignalKind.QUEUED, run.id))

    async def decision_recorded(self, run: RunRecord, request_id: str) -> None:
        await self._signal(RunSignal(SignalKind.DECISION, run.id))

    async def cancel_requested(self, run: RunRecord) -> None:
        await self._signal(RunSignal(SignalKind.CANCEL, run.id))

    async def _signal(self, signal: RunSignal) -> None:
        # What the signal says is already stored: a lost signal only delays the runner (its
        # poll, review window or lease renewal finds the same), so the request still succeeds.
        try:
            await send_signal(self._pool, signal)
        except Exception:
            log.warning("could not signal the runners (%s); they will poll", signal, exc_info=True)
