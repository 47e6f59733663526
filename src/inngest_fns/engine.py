"""`InngestEngine`: the engine port as events sent to Inngest.

The service has already persisted every change before it calls here, so a lost event costs
latency, never correctness: a waiting flow re-checks the stored decision after each window,
and a cancelled run's flow stops at its next step. Only a lost start would strand a run, so
a start that cannot be sent fails the run (it can be re-run).
"""

from __future__ import annotations

import logging

import inngest

from src.errors import ErrorCode
from src.inngest_fns.events import HumanInputResolvedData, RunCancelRequested, RunRequested
from src.runner.failure import fail_run
from src.state.resume import reused_payloads
from src.state.store import RunRecord, RunStore

log = logging.getLogger(__name__)

NOT_STARTED = "The workflow engine could not be reached, so the run did not start. Re-run it."


class InngestEngine:
    """Implements `src.runs.engine.RunEngine` by sending events to Inngest."""

    def __init__(self, client: inngest.Inngest, store: RunStore) -> None:
        self._client = client
        self._store = store

    async def submit(self, run: RunRecord) -> None:
        request = RunRequested(
            run_id=run.id,
            kind=run.kind,
            owner_id=run.owner_id,
            lecture_id=run.lecture_id,
            input=run.input,
            rerun_of=run.rerun_of,
            reused=reused_payloads(run.state),
        )
        if not await self._send(request.to_event()):
            await fail_run(self._store, run.id, ErrorCode.INTERNAL, NOT_STARTED)

    async def decision_recorded(self, run: RunRecord, request_id: str) -> None:
        decision = run.state.decision_for(request_id)
        if decision is not None:
            data = HumanInputResolvedData(run_id=run.id, request_id=request_id, decision=decision)
            await self._send(data.to_event())

    async def cancel_requested(self, run: RunRecord) -> None:
        await self._send(
            RunCancelRequested(run_id=run.id, by=run.state.cancelled_by or "").to_event()
        )

    async def _send(self, event: inngest.Event) -> bool:
        try:
            await self._client.send(event)
        except Exception:
            # Whatever the transport raised: the change is persisted; say so and carry on.
            log.exception("could not send %s (%s) to Inngest", event.name, event.id)
            return False
        return True
