"""The local runner: flows in asyncio tasks inside the server process (the embedded default).

It makes no durability claim. Runs it was executing when the process stopped are marked
interrupted (failed, re-runnable) on the next start, never left "running".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from src.errors import AppError, ErrorCode, ReviewExpired
from src.state.events import (
    Event,
    HumanInputRequested,
    MessageAdded,
    ProgressPlanned,
    RunFailed,
    RunStarted,
    UnitFinished,
)
from src.state.model import HumanDecision, HumanRequest, MessageLevel, RunError
from src.state.store import RunRecord, RunStore
from src.steps.kind import get_kind
from src.steps.runtime import FlowContext, OutputT, RunInfo, Services, UnitProgress, Work

log = logging.getLogger(__name__)


class RetryPolicy:
    """Exponential backoff with full jitter for retriable failures of a unit of work."""

    def __init__(self, attempts: int = 3, base_seconds: float = 0.2, cap_seconds: float = 5.0):
        self.attempts = attempts
        self.base = base_seconds
        self.cap = cap_seconds

    def delay(self, attempt: int, error: AppError) -> float:
        hinted = getattr(error, "retry_after_seconds", None)
        if isinstance(hinted, (int, float)):
            return float(min(hinted, self.cap))
        return random.uniform(0, min(self.cap, self.base * 2**attempt))


class LocalRuntime:
    """The runtime port over the store, with in-process waiting for decisions."""

    def __init__(
        self,
        run_id: UUID,
        store: RunStore,
        wakeups: dict[UUID, asyncio.Event],
        *,
        review_window: float,
        review_limit: float,
        retry: RetryPolicy,
    ) -> None:
        self._run_id = run_id
        self._store = store
        self._wakeups = wakeups
        self._window = review_window
        self._limit = review_limit
        self._retry = retry

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def record(self, *events: Event) -> None:
        await self._store.apply(self._run_id, events)

    async def unit(self, unit_id: str, work: Work[OutputT], output: type[OutputT]) -> OutputT:
        attempt = 0
        while True:
            try:
                result = await work()
                # Round-trip through JSON, as Inngest memoizes it, so both runtimes agree.
                return output.model_validate_json(result.model_dump_json())
            except AppError as error:
                attempt += 1
                if not error.retriable or attempt >= self._retry.attempts:
                    raise
                delay = self._retry.delay(attempt, error)
                log.info("unit %s failed (%s); retry %d in %.2fs", unit_id, error, attempt, delay)
                await asyncio.sleep(delay)

    async def units(
        self,
        units: Sequence[tuple[str, Work[OutputT]]],
        output: type[OutputT],
        *,
        limit: int,
        progress: UnitProgress | None = None,
    ) -> list[OutputT]:
        gate = asyncio.Semaphore(limit)
        if progress is not None:
            await self.record(
                ProgressPlanned(
                    step=progress.step, total=len(units), unit=progress.unit, at=self.now()
                )
            )

        async def bounded(unit_id: str, work: Work[OutputT]) -> OutputT:
            async with gate:
                result = await self.unit(unit_id, work, output)
            if progress is not None:
                await self.record(UnitFinished(step=progress.step, key=unit_id, at=self.now()))
            return result

        return list(await asyncio.gather(*(bounded(uid, work) for uid, work in units)))

    async def ask(self, step: str, request: HumanRequest, *, summary: str) -> HumanDecision:
        wakeup = self._wakeups.setdefault(self._run_id, asyncio.Event())
        requested = HumanInputRequested(step=step, request=request, summary=summary, at=self.now())
        state = (await self._store.apply(self._run_id, [requested])).record.state
        deadline = asyncio.get_running_loop().time() + self._limit
        while True:
            decision = state.decision_for(request.id)
            if decision is not None:
                return decision
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise ReviewExpired.after(request.title, self._limit)
            # Bounded waits that re-read the stored decision: a missed wake-up costs one window.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), timeout=min(self._window, remaining))
            wakeup.clear()
            state = (await self._store.require(self._run_id)).state


class LocalRunner:
    """Executes runs as asyncio tasks; implements the `Engine` port."""

    def __init__(
        self,
        store: RunStore,
        services: Services,
        *,
        review_window: float = 30.0,
        review_limit: float = 86400.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._store = store
        self._services = services
        self._window = review_window
        self._limit = review_limit
        self._retry = retry or RetryPolicy()
        self._tasks: dict[UUID, asyncio.Task[None]] = {}
        self._wakeups: dict[UUID, asyncio.Event] = {}

    async def submit(self, run: RunRecord) -> None:
        task = asyncio.create_task(self._execute(run), name=f"run-{run.id}")
        self._tasks[run.id] = task
        task.add_done_callback(lambda _t: self._forget(run.id))

    async def decision_recorded(self, run: RunRecord, request_id: str) -> None:
        wakeup = self._wakeups.get(run.id)
        if wakeup is not None:
            wakeup.set()

    async def cancel_requested(self, run: RunRecord) -> None:
        task = self._tasks.get(run.id)
        if task is not None:
            task.cancel()

    async def wait_idle(self) -> None:
        """Wait until every run this runner started has stopped (for tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def recover(self) -> int:
        """Mark runs left unfinished by an earlier process as interrupted; return how many."""
        count = 0
        for run in await self._store.unfinished():
            if run.id in self._tasks:
                continue
            await self._fail(
                run.id,
                ErrorCode.INTERRUPTED,
                "The server restarted while this workflow was running. You can re-run it.",
            )
            count += 1
        return count

    async def shutdown(self) -> None:
        tasks = list(self._tasks.items())
        for _, task in tasks:
            task.cancel()
        for run_id, task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self._fail(
                run_id,
                ErrorCode.INTERRUPTED,
                "The server stopped while this workflow was running. You can re-run it.",
            )

    def _forget(self, run_id: UUID) -> None:
        self._tasks.pop(run_id, None)
        self._wakeups.pop(run_id, None)

    async def _execute(self, run: RunRecord) -> None:
        kind = get_kind(run.kind)
        runtime = LocalRuntime(
            run.id,
            self._store,
            self._wakeups,
            review_window=self._window,
            review_limit=self._limit,
            retry=self._retry,
        )
        context = FlowContext(
            runtime=runtime,
            run=RunInfo(run_id=run.id, owner_id=run.owner_id, lecture_id=run.lecture_id),
            input=kind.parse_input(run.input),
            services=self._services,
        )
        try:
            await runtime.record(RunStarted(at=runtime.now()))
            await kind.flow(context)
        except asyncio.CancelledError:
            raise
        except AppError as error:
            await self._fail(run.id, error.code, error.message)
        except Exception as error:
            log.exception("run %s failed", run.id)
            await self._fail(run.id, ErrorCode.INTERNAL, f"Unexpected error: {error}")

    async def _fail(self, run_id: UUID, code: ErrorCode, message: str) -> None:
        await fail_run(self._store, run_id, code, message)
        await self._services.assets.discard_candidates_of_run(run_id)


async def fail_run(store: RunStore, run_id: UUID, code: ErrorCode, message: str) -> None:
    """Record a failure: an error bullet on the active step, then the run fails."""
    now = datetime.now(UTC)
    record = await store.require(run_id)
    if record.state.status.is_terminal:
        return
    events: list[Event] = []
    active = next((s for s in record.state.steps if s.number == record.state.current_step), None)
    if active is not None and active.started_at is not None:
        events.append(
            MessageAdded(
                step=active.key,
                key=f"failed-{code.value.lower()}",
                text=message,
                level=MessageLevel.ERROR,
                summary="Failed",
                at=now,
            )
        )
    events.append(
        RunFailed(
            error=RunError(
                code=code.value, message=message, step_key=active.key if active else None
            ),
            at=now,
        )
    )
    await store.apply(run_id, events)
