"""`InngestRuntime`: the runtime port on Inngest steps.

Inngest calls the function again from the top for every step, handing back what earlier calls
memoized. Three rules make that safe:

- A unit is `step.run` under the flow's stable ID; its result (or its final failure) is
  memoized, so a replay never repeats it and always takes the same path.
- A record is held until the execution reaches a step Inngest has not memoized yet (or the
  end of the flow), and only then persisted. A record that a memoized step follows was
  persisted by the call that first reached that step, so on replay it is dropped without
  touching the database: no write, no version bump, no notification, and no chance of an
  older payload overwriting a newer one. A record persisted twice (a retried call) is a no-op,
  because transitions are idempotent.
- Whatever decides the control flow, a stored decision included, is read inside a step.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID

import inngest
from pydantic import BaseModel, ConfigDict

from src.errors import AppError, ReviewExpired
from src.inngest_fns.errors import UnitFailure, retry_signal
from src.inngest_fns.events import HUMAN_INPUT_RESOLVED, HumanInputResolvedData
from src.ops.metrics import record_retry
from src.providers.resilience import PortPolicy, port_of, retry_reason
from src.runner.provider_notice import show_waiting
from src.state.events import (
    Event,
    HumanInputRequested,
    HumanInputResolved,
    ProgressPlanned,
    UnitFinished,
)
from src.state.model import HumanDecision, HumanRequest, RunStatus
from src.state.store import RunStore
from src.steps.runtime import OutputT, UnitProgress, Work

log = logging.getLogger(__name__)
T = TypeVar("T")

DECISION_RECEIVED = "Decision received"
"""The step summary once a decision is in (the words the decide mutation records)."""


class RunEnded(Exception):
    """The run reached a terminal state elsewhere (cancelled, failed): stop the flow quietly."""

    def __init__(self, status: RunStatus) -> None:
        super().__init__(f"the run has {status.value}")
        self.status = status


@dataclass(frozen=True)
class ReviewPolicy:
    """How a flow waits for a person: bounded windows, re-checking the stored decision between
    them, until `limit` has passed. Inngest durations are whole seconds."""

    window: timedelta
    limit: timedelta

    def __post_init__(self) -> None:
        if self.window < timedelta(seconds=1) or self.window % timedelta(seconds=1):
            raise ValueError("a review window is a whole number of seconds")

    @property
    def windows(self) -> int:
        return max(1, math.ceil(self.limit / self.window))


class UnitResult(BaseModel):
    """A unit's step output: its result, its final failure, or "the run had already ended"."""

    model_config = ConfigDict(frozen=True)

    output: Any = None
    failure: UnitFailure | None = None
    ended: RunStatus | None = None


class DecisionCheck(BaseModel):
    """What a look at the stored state found (a step output, so replays agree on it)."""

    model_config = ConfigDict(frozen=True)

    status: RunStatus
    decision: HumanDecision | None = None


class InngestRuntime:
    """The runtime port for one call of one run's Inngest function."""

    def __init__(
        self,
        ctx: inngest.Context,
        store: RunStore,
        run_id: UUID,
        *,
        review: ReviewPolicy,
        retries: int,
        ports: Mapping[str, PortPolicy] | None = None,
    ) -> None:
        """`ports`: the per-port retry policy the local runner applies too: a unit whose
        port's attempts are used up fails for good even if Inngest would retry it again."""
        self._step = ctx.step
        self._group = ctx.group
        self._attempt = ctx.attempt
        self._last_attempt = ctx.attempt >= retries
        self._ports = dict(ports or {})
        self._store = store
        self._run_id = run_id
        self._review = review
        self._pending: list[tuple[Event, ...]] = []

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def record(self, *events: Event) -> None:
        self._pending.append(events)

    async def flush(self) -> None:
        """Persist the held records, one transition each (as the local runner does).

        Raises `RunEnded` when the run had already finished: nothing the flow does from here
        (a late step's result after a cancel included) may show up.
        """
        pending, self._pending = self._pending, []
        for events in pending:
            applied = await self._store.apply(self._run_id, events)
            if applied.record.state.status.is_terminal and not applied.changed:
                raise RunEnded(applied.record.state.status)

    async def unit(self, unit_id: str, work: Work[OutputT], output: type[OutputT]) -> OutputT:
        return await self._unit(unit_id, work, output, counts_for=None)

    async def _unit(
        self, unit_id: str, work: Work[OutputT], output: type[OutputT], *, counts_for: str | None
    ) -> OutputT:
        async def run() -> dict[str, Any]:
            try:
                await self.flush()
            except RunEnded as ended:
                return UnitResult(ended=ended.status).model_dump(mode="json")
            try:
                result = await work()
            except AppError as error:
                if error.retriable and not self._gives_up(error):
                    await show_waiting(self._store, self._run_id, error)
                    record_retry("unit", retry_reason(error))
                    signal = retry_signal(error)
                    if signal is error:
                        raise
                    raise signal from error
                return UnitResult(failure=UnitFailure.of(error)).model_dump(mode="json")
            except Exception as error:
                if not self._last_attempt:
                    raise
                return UnitResult(failure=UnitFailure.of(error)).model_dump(mode="json")
            if counts_for is not None:
                # Inside the step: persisted as the unit finishes, never by a replay (the step
                # is memoized then); a retried step finds its key counted already.
                finished = UnitFinished(step=counts_for, key=unit_id, at=self.now())
                await self._store.apply(self._run_id, [finished])
            return UnitResult(output=result.model_dump(mode="json")).model_dump(mode="json")

        raw = await self._through(functools.partial(self._step.run, unit_id, run))
        outcome = UnitResult.model_validate(raw)
        if outcome.ended is not None:
            raise RunEnded(outcome.ended)
        if outcome.failure is not None:
            raise outcome.failure.error()
        return output.model_validate(outcome.output)

    def _gives_up(self, error: AppError) -> bool:
        """No retry left: the function's last attempt, or the failing port's policy says so
        (`ctx.attempt` counts from 0, so this is call number `attempt + 1`)."""
        if self._last_attempt:
            return True
        port = self._ports.get(port_of(error) or "")
        return port is not None and port.exhausted(error, self._attempt + 1)

    async def units(
        self,
        units: Sequence[tuple[str, Work[OutputT]]],
        output: type[OutputT],
        *,
        limit: int,
        progress: UnitProgress | None = None,
    ) -> list[OutputT]:
        # Parallel steps in batches of `limit`: never more than `limit` of this run's units
        # execute at once (the functions' shared concurrency key bounds all runs together).
        if progress is not None:
            await self.record(
                ProgressPlanned(
                    step=progress.step, total=len(units), unit=progress.unit, at=self.now()
                )
            )
        counts_for = None if progress is None else progress.step
        size = max(1, limit)
        results: list[OutputT] = []
        for start in range(0, len(units), size):
            calls = tuple(
                functools.partial(self._unit, unit_id, work, output, counts_for=counts_for)
                for unit_id, work in units[start : start + size]
            )
            results.extend(await self._group.parallel(calls))
        return results

    async def ask(self, step: str, request: HumanRequest, *, summary: str) -> HumanDecision:
        # Its windows end this long after the first call that reached it persisted the request
        # (a replay's copy is dropped), so the stored deadline is the one that holds.
        expires = request.requested_at + self._review.window * self._review.windows
        request = request.model_copy(update={"expires_at": expires})
        await self.record(
            HumanInputRequested(step=step, request=request, summary=summary, at=self.now())
        )
        decision = await self._decision(request)
        # Usually the decide mutation recorded it already (then this is a no-op); recording it
        # here keeps the state right when the decision only arrived as the event.
        await self.record(
            HumanInputResolved(
                step=step, decision=decision, summary=DECISION_RECEIVED, at=self.now()
            )
        )
        return decision

    async def _decision(self, request: HumanRequest) -> HumanDecision:
        # `wait_for_event` only matches events sent after the wait is registered, and a person
        # can decide just before that. The decision is persisted before its event is sent, so
        # looking at the stored decision after each bounded window catches it within one.
        match = (
            f"async.data.run_id == {json.dumps(str(self._run_id))}"
            f" && async.data.request_id == {json.dumps(request.id)}"
        )
        windows = self._review.windows
        for window in range(windows + 1):
            check = await self._check(request.id, window)
            if check.decision is not None:
                return check.decision
            if window == windows:
                break
            wait = functools.partial(
                self._step.wait_for_event,
                f"{request.id}:wait-{window}",
                event=HUMAN_INPUT_RESOLVED,
                if_exp=match,
                timeout=self._review.window,
            )
            resolved = await self._through(wait)
            if resolved is not None:
                return HumanInputResolvedData.model_validate(resolved.data).decision
        raise ReviewExpired.after(request.title, self._review.limit.total_seconds())

    async def _check(self, request_id: str, window: int) -> DecisionCheck:
        async def stored() -> DecisionCheck:
            state = (await self._store.require(self._run_id)).state
            return DecisionCheck(status=state.status, decision=state.decision_for(request_id))

        check = await self.unit(f"{request_id}:check-{window}", stored, DecisionCheck)
        if check.status.is_terminal:
            raise RunEnded(check.status)
        return check

    async def _through(self, call: Callable[[], Awaitable[T]]) -> T:
        """Make a step call, keeping the held records in step with what Inngest memoized."""
        try:
            result = await call()
        except inngest.StepError:
            self._pending.clear()  # memoized (as a failure): its records were persisted
            raise
        except (asyncio.CancelledError, KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            # A step Inngest has not memoized: the SDK ends this call here to run, plan or
            # register it. The records before it are new; persist them before letting go.
            await self.flush()
            raise
        self._pending.clear()  # memoized: the call that first reached it persisted them
        return result
