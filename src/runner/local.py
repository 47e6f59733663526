"""The local runner: flows in asyncio tasks inside the server process (the embedded default).

It makes no durability claim, but no run is left "running" without a live executor: each run
is leased to the runner executing it (`src/runner/leases.py`) and renewed on a heartbeat; a
watchdog in every runner marks runs whose lease expired as interrupted (failed, re-runnable),
and so does the start-up recovery. A second server on the same database leaves the first
one's live runs alone.

Database outages: the store and each unit of work retry transient errors for a bounded time;
a run that still cannot reach the database fails with a plain message, and that final write
is retried until the database is back (or the process stops, when the lease takes over).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Coroutine, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import stamina

from src.db.transient import DatabaseRetry, until_written
from src.errors import RESUME_OR_RERUN, AppError, ErrorCode, ReviewExpired
from src.ops.correlation import bind_run, bind_step
from src.ops.metrics import record_retry
from src.ops.tasks import cancel_until_done
from src.ops.tracing import unit_span
from src.providers.resilience import PortPolicy, ProviderUnavailable, port_of, retry_reason
from src.runner.failure import DATABASE_UNREACHABLE, Failure, fail_run, failure_of
from src.runner.leases import Leases, new_executor_id
from src.runner.provider_notice import show_waiting
from src.runner.signals import RunSignal, SignalKind, SignalListener, send_signal
from src.state.events import (
    Event,
    HumanInputRequested,
    ProgressPlanned,
    RunStarted,
    StepStarted,
    UnitFinished,
)
from src.state.model import HumanDecision, HumanRequest
from src.state.resume import reused_payloads
from src.state.store import RunRecord, RunStore
from src.steps.registry import get_kind
from src.steps.runtime import FlowContext, OutputT, RunInfo, Services, UnitProgress, Work

__all__ = ["LocalRunner", "LocalRuntime", "RetryPolicy", "fail_run"]

RESTARTED = f"The server restarted while this workflow was running. {RESUME_OR_RERUN}"
STOPPED = f"The server stopped while this workflow was running. {RESUME_OR_RERUN}"
EXECUTOR_LOST = f"The server running this workflow stopped responding. {RESUME_OR_RERUN}"

log = logging.getLogger(__name__)

RUN_STOP_GRACE = 5.0
"""Seconds a cancelled run task may take to end at shutdown before it is cancelled again."""


class RetryPolicy:
    """Exponential backoff with jitter for retriable failures of a unit of work (stamina).

    `attempts` counts calls that failed; waits for an open circuit breaker do not count (the
    call was never made), up to `breaker_waits` of them. A provider's hint ("retry after N s")
    is honoured up to `cap_seconds`; an open breaker's wait is honoured as it is."""

    def __init__(
        self,
        attempts: int = 3,
        base_seconds: float = 0.2,
        cap_seconds: float = 5.0,
        breaker_waits: int = 20,
        ports: Mapping[str, PortPolicy] | None = None,
    ):
        self.attempts = attempts
        self.base = base_seconds
        self.cap = cap_seconds
        self.breaker_waits = breaker_waits
        self.ports = dict(ports or {})
        """Per provider port (text, image, speech, music): attempts and backoff for a unit
        whose failure came from that port; other failures use the values above."""

    def retry_on(self, unit_id: str) -> Callable[[Exception], bool | float]:
        """A stamina backoff hook for one unit: whether (and after how long) to retry."""
        failures = 0
        waits = 0

        def decide(error: Exception) -> bool | float:
            nonlocal failures, waits
            if not isinstance(error, AppError) or not error.retriable:
                return False
            hinted = getattr(error, "retry_after_seconds", None)
            if isinstance(error, ProviderUnavailable):
                waits += 1
                if waits > self.breaker_waits:
                    return False
                record_retry("unit", retry_reason(error))
                return float(error.retry_after_seconds or self.base)
            failures += 1
            port = self.ports.get(port_of(error) or "")
            if failures >= (port.attempts if port else self.attempts):
                return False
            record_retry("unit", retry_reason(error))
            log.info("unit %s failed (%s); retry %d", unit_id, error, failures)
            cap = port.cap_seconds if port else self.cap
            if isinstance(hinted, (int, float)):
                return float(min(hinted, cap))
            if port is not None:  # the port's own backoff, with full jitter
                return random.uniform(0, min(cap, port.base_seconds * 2**failures))
            return True

        return decide


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
        database: DatabaseRetry,
    ) -> None:
        self._run_id = run_id
        self._store = store
        self._wakeups = wakeups
        self._window = review_window
        self._limit = review_limit
        self._retry = retry
        self._database = database

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def record(self, *events: Event) -> None:
        for event in events:
            if isinstance(event, StepStarted):
                bind_step(event.step)
        await self._store.apply(self._run_id, events)

    async def unit(self, unit_id: str, work: Work[OutputT], output: type[OutputT]) -> OutputT:
        retry_on = self._retry.retry_on(unit_id)
        async for attempt in stamina.retry_context(
            on=retry_on,
            attempts=None,  # `retry_on` counts: an open breaker's waits are not attempts
            timeout=None,
            wait_initial=self._retry.base,
            wait_max=self._retry.cap,
            wait_jitter=self._retry.base,
        ):
            with attempt:
                try:
                    # Transient database errors (a lost connection, a restarting server) are
                    # retried for a bounded time; then DatabaseUnavailable (not retriable).
                    with unit_span(self._run_id, unit_id):
                        result = await self._database.call(work)
                except AppError as error:
                    await show_waiting(self._store, self._run_id, error)
                    raise
                # Round-trip through JSON, as Inngest memoizes it, so both runtimes agree.
                return output.model_validate_json(result.model_dump_json())
        raise AssertionError("unreachable: stamina either returns or raises")

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
        expires = request.requested_at + timedelta(seconds=self._limit)
        request = request.model_copy(update={"expires_at": expires})
        requested = HumanInputRequested(step=step, request=request, summary=summary, at=self.now())
        state = (await self._store.apply(self._run_id, [requested])).record.state
        # The deadline the person sees: the stored request's (a flow resumed after a restart
        # finds its request already stored, with the deadline it was first given).
        stored = state.pending_request()
        if stored is not None and stored[1].id == request.id and stored[1].expires_at:
            expires = stored[1].expires_at
        left = (expires - self.now()).total_seconds()
        deadline = asyncio.get_running_loop().time() + left
        while True:
            decision = state.decision_for(request.id)
            if decision is not None:
                return decision
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise ReviewExpired.after(request.title, self._limit)
            # Bounded waits that re-read the stored decision: a missed wake-up costs one window.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(self._window, remaining)):
                    await wakeup.wait()
            wakeup.clear()
            state = (await self._store.require(self._run_id)).state


class LocalRunner:
    """Executes runs as asyncio tasks; implements the `RunEngine` port."""

    def __init__(
        self,
        store: RunStore,
        services: Services,
        *,
        review_window: float = 30.0,
        review_limit: float = 86400.0,
        retry: RetryPolicy | None = None,
        lease_seconds: float = 30.0,
        executor_id: str | None = None,
        signals_dsn: str | None = None,
    ) -> None:
        """`signals_dsn`: LISTEN for other processes' run signals (src/runner/signals.py) on
        this database, so that runs queued, decided or cancelled through another process on
        the same database are executed, woken or stopped here."""
        self._store = store
        self._services = services
        self._window = review_window
        self._limit = review_limit
        self._retry = retry or RetryPolicy()
        self._database = DatabaseRetry(store.retry.total_seconds, message=DATABASE_UNREACHABLE)
        self.leases = Leases(
            store.pool,
            executor_id=executor_id or new_executor_id(),
            lease_seconds=lease_seconds,
            retry=store.retry,
        )
        self._tasks: dict[UUID, asyncio.Task[None]] = {}
        self._claimed: set[UUID] = set()
        self._wakeups: dict[UUID, asyncio.Event] = {}
        self._keepers: list[asyncio.Task[None]] = []
        self._picking: set[UUID] = set()
        self._pickups: set[asyncio.Task[None]] = set()
        self.signals: SignalListener | None = None
        if signals_dsn is not None:
            self.signals = SignalListener(
                signals_dsn, self._on_signal, on_connect=self._schedule_poll
            )

    def start(self) -> None:
        """Start the heartbeat (renews this runner's leases), the watchdog (picks up queued
        runs, interrupts runs whose executor is gone) and the signal listener. `submit` starts
        them too, if nobody did."""
        if not self._keepers:
            self._keepers = [
                asyncio.create_task(self._heartbeat(), name="run-lease-heartbeat"),
                asyncio.create_task(self._watchdog(), name="run-lease-watchdog"),
            ]
            if self.signals is not None:
                self.signals.start()

    def stop_heartbeat(self) -> None:
        """Stop renewing leases and watching others' (shutdown; tests simulate a hung process)."""
        for task in self._keepers:
            task.cancel()
        for task in self._pickups:
            task.cancel()

    async def submit(self, run: RunRecord) -> None:
        self.start()
        self._run(run)

    def _run(self, run: RunRecord) -> None:
        if run.id in self._tasks:
            return  # already executing here (a poll picked it up first)
        task = asyncio.create_task(self._execute(run), name=f"run-{run.id}")
        self._tasks[run.id] = task
        task.add_done_callback(lambda _t: self._forget(run.id))

    async def decision_recorded(self, run: RunRecord, request_id: str) -> None:
        if not self._wake(run.id):
            await self._tell_others(RunSignal(SignalKind.DECISION, run.id))

    async def cancel_requested(self, run: RunRecord) -> None:
        if not self._stop(run.id):
            await self._tell_others(RunSignal(SignalKind.CANCEL, run.id))

    def _wake(self, run_id: UUID) -> bool:
        """Wake the flow of a run executing here; False if it executes elsewhere (or nowhere)."""
        wakeup = self._wakeups.get(run_id)
        if wakeup is not None:
            wakeup.set()
        return run_id in self._tasks

    def _stop(self, run_id: UUID) -> bool:
        task = self._tasks.get(run_id)
        if task is not None:
            task.cancel()
        return task is not None

    async def _tell_others(self, signal: RunSignal) -> None:
        """Another process on this database may execute the run: signal its runner. A hint
        only: a lost one costs a review window or a lease renewal, never the decision."""
        try:
            await send_signal(self._store.pool, signal)
        except Exception:
            log.warning("could not signal other runners (%s)", signal, exc_info=True)

    def _on_signal(self, signal: RunSignal) -> None:
        if signal.kind is SignalKind.DECISION:
            self._wake(signal.run_id)
        elif signal.kind is SignalKind.CANCEL:
            self._stop(signal.run_id)
        else:
            self._spawn_pickup(self._pick_up(signal.run_id))

    def _schedule_poll(self) -> None:
        self._spawn_pickup(self._poll_queued())

    def _spawn_pickup(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work, name="run-pickup")
        self._pickups.add(task)
        task.add_done_callback(self._pickups.discard)

    async def _pick_up(self, run_id: UUID) -> None:
        """Execute a queued run if no runner holds it yet (the database decides who wins)."""
        if run_id in self._tasks or run_id in self._picking:
            return
        self._picking.add(run_id)
        try:
            if not await self.leases.pick_up(run_id):
                return
            self._claimed.add(run_id)
            self._run(await self._store.require(run_id))
        except Exception:
            log.warning("could not pick up queued run %s", run_id, exc_info=True)
        finally:
            self._picking.discard(run_id)

    async def _poll_queued(self) -> None:
        """Pick up queued runs whose signal this runner missed (or sent before it started)."""
        try:
            queued = await self.leases.queued()
        except Exception:
            log.warning("could not look for queued runs; the next poll retries", exc_info=True)
            return
        for run_id in queued:
            await self._pick_up(run_id)

    async def wait_idle(self) -> None:
        """Wait until every run this runner started has stopped (for tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def recover(self) -> int:
        """Mark runs whose executor is gone (their lease expired) as interrupted; return how
        many. Runs another live process executes keep their lease and are left alone."""
        return await self._interrupt_expired(RESTARTED)

    async def shutdown(self) -> None:
        self.stop_heartbeat()
        if self.signals is not None:
            await self.signals.stop()
        for task, error in await cancel_until_done(*self._keepers, *self._pickups):
            log.warning("runner task %s had failed", task.get_name(), exc_info=error)
        tasks = list(self._tasks.items())
        # A run's task may tidy up once cancelled (a flow's `finally`): it is asked again only
        # after a grace period, for a cancellation it lost.
        failed = await cancel_until_done(*(t for _, t in tasks), poll_seconds=RUN_STOP_GRACE)
        for task, error in failed:
            log.warning("run task %s had failed", task.get_name(), exc_info=error)
        for run_id, _ in tasks:
            try:
                await self._fail(run_id, Failure(ErrorCode.INTERRUPTED, STOPPED), patient=False)
            except Exception:
                # The database is away: the lease expires and whoever starts next marks it.
                log.warning("could not mark run %s interrupted at shutdown", run_id, exc_info=True)

    def _forget(self, run_id: UUID) -> None:
        self._tasks.pop(run_id, None)
        self._claimed.discard(run_id)
        self._wakeups.pop(run_id, None)

    async def _execute(self, run: RunRecord) -> None:
        runtime = LocalRuntime(
            run.id,
            self._store,
            self._wakeups,
            review_window=self._window,
            review_limit=self._limit,
            retry=self._retry,
            database=self._database,
        )
        bind_run(run_id=run.id, kind=run.kind, viewer=run.triggered_by)
        try:
            if not await self.leases.claim(run.id):
                log.info("run %s is executed by another runner", run.id)
                return
            self._claimed.add(run.id)
            kind = get_kind(run.kind)
            context = FlowContext(
                runtime=runtime,
                run=RunInfo(run_id=run.id, owner_id=run.owner_id, lecture_id=run.lecture_id),
                input=kind.parse_input(run.input),
                services=self._services,
                reused=reused_payloads(run.state),
            )
            await runtime.record(RunStarted(at=runtime.now()))
            await kind.flow(context)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            await self._fail(run.id, failure_of(error, run_id=run.id))

    async def _fail(self, run_id: UUID, failure: Failure, *, patient: bool = True) -> None:
        """The local runner's one failure/interrupt path. `patient`: retry the write through a
        database outage of any length, so the run cannot stay "running" once it is back."""

        async def write() -> None:
            await fail_run(self._store, run_id, failure.code, failure.message)
            await self._services.assets.discard_candidates_of_run(run_id)

        if patient:
            await until_written(write)
        else:
            await write()

    async def _interrupt_expired(self, message: str) -> int:
        count = 0
        for run_id in await self._store.retry.call(self.leases.expired):
            if run_id in self._tasks:
                continue  # ours and alive: the heartbeat renews it
            if await self._take_over(run_id):
                await self._fail(run_id, Failure(ErrorCode.INTERRUPTED, message), patient=False)
                count += 1
        return count

    async def _take_over(self, run_id: UUID) -> bool:
        return await self._store.retry.call(lambda: self.leases.take_over(run_id))

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.leases.seconds / 3)
            claimed = set(self._claimed)
            try:
                kept = await self.leases.renew(claimed)
            except Exception:
                log.warning("could not renew run leases; retrying", exc_info=True)
                continue
            for run_id in claimed - kept:
                # Another process found the lease expired (this one hung or lost the database
                # for longer than a lease) and marked the run interrupted, or the run was
                # cancelled through another process: stop executing it.
                task = self._tasks.get(run_id)
                if task is not None and run_id in self._claimed:
                    log.warning("run %s was finished or taken over elsewhere; stopping it", run_id)
                    task.cancel()

    async def _watchdog(self) -> None:
        while True:
            await asyncio.sleep(self.leases.seconds / 3)
            try:
                await self._poll_queued()
                count = await self._interrupt_expired(EXECUTOR_LOST)
            except Exception:
                log.warning("run watchdog could not check leases; retrying", exc_info=True)
                continue
            if count:
                log.warning("marked %d runs interrupted: their executor is gone", count)
