"""The workflow-engine port: how the service hands runs, decisions and cancels to a runtime."""

from __future__ import annotations

from typing import Protocol

from src.state.store import RunRecord


class RunEngine(Protocol):
    """The local runner (embedded default) and Inngest both implement this."""

    async def submit(self, run: RunRecord) -> None:
        """Begin executing a freshly created run."""
        ...

    async def decision_recorded(self, run: RunRecord, request_id: str) -> None:
        """A decision is persisted; wake the flow waiting for it."""
        ...

    async def cancel_requested(self, run: RunRecord) -> None:
        """The cancellation is persisted; stop executing the run."""
        ...
