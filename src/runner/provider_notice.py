"""The bullet a step shows while a provider's circuit breaker is open (either runtime)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from src.errors import AppError
from src.providers.resilience import ProviderUnavailable
from src.state.events import MessageAdded
from src.state.store import RunStore


async def show_waiting(store: RunStore, run_id: UUID, error: AppError) -> None:
    """For an open breaker: its sentence ("The image service is not responding; retrying in
    30 s") on the run's active step, once per step and port."""
    if not isinstance(error, ProviderUnavailable):
        return
    state = (await store.require(run_id)).state
    active = next((s for s in state.steps if s.number == state.current_step), None)
    if active is None or (active.started_at is not None and active.finished_at is not None):
        return
    notice = MessageAdded(
        step=active.key, key=f"waiting-{error.port}", text=error.message, at=datetime.now(UTC)
    )
    await store.apply(run_id, [notice])
