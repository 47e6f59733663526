"""The Inngest functions: one per registered workflow kind, built from the registry (a new kind
gets its function with no code here), plus the finalizers for failed and cancelled functions."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import inngest

from src.errors import AppError, DatabaseUnavailable, ErrorCode
from src.inngest_fns.errors import UnitCrashed, code_named
from src.inngest_fns.events import (
    FUNCTION_CANCELLED,
    FUNCTION_FAILED,
    RUN_CANCEL_REQUESTED,
    RUN_REQUESTED,
    FunctionEnded,
    RunRequested,
)
from src.inngest_fns.runtime import InngestRuntime, ReviewPolicy, RunEnded
from src.ops.correlation import bind_run
from src.providers.resilience import PortPolicy
from src.runner.failure import fail_run, failure_described, failure_of
from src.state.errors import TransitionError
from src.state.events import RunCancelled, RunStarted
from src.state.model import RunStatus
from src.state.store import RunStore
from src.steps import WorkflowKind, all_kinds
from src.steps.runtime import FlowContext, RunInfo, Services

log = logging.getLogger(__name__)

CANCELLED_IN_INNGEST = "Workflow cancelled by an operator"
"""The bullet shown when a run's function was cancelled in Inngest itself (dashboard, API)."""


@dataclass(frozen=True)
class FunctionOptions:
    retries: int = 3
    """Retries of each unit of work (and of the function body) before the run fails."""
    review: ReviewPolicy = field(
        default_factory=lambda: ReviewPolicy(window=timedelta(minutes=15), limit=timedelta(days=1))
    )
    lecture_concurrency: int = 1
    """Runs of one kind that execute steps for the same lecture at once."""
    model_concurrency: int = 10
    """Units of work (model calls) executing at once across every run of this app."""
    ports: Mapping[str, PortPolicy] = field(default_factory=dict)
    """The per-port retry policy (attempts), as the local runner applies it."""


class WorkflowFunctions:
    """Builds the functions over the given store and services."""

    def __init__(
        self,
        client: inngest.Inngest,
        store: RunStore,
        services: Services,
        options: FunctionOptions | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._services = services
        self._options = options or FunctionOptions()
        self.runs: dict[str, inngest.Function[None]] = {
            kind.key: self._run_function(kind) for kind in all_kinds()
        }
        self.failed = self._failed_function()
        self.cancelled = self._cancelled_function()

    def all(self) -> list[inngest.Function[Any]]:
        return [*self.runs.values(), self.failed, self.cancelled]

    def _run_function(self, kind: WorkflowKind[Any]) -> inngest.Function[None]:
        options = self._options

        @self._client.create_function(
            fn_id=f"run-{kind.key.replace('_', '-')}",
            name=kind.title,
            trigger=inngest.TriggerEvent(
                event=RUN_REQUESTED, expression=f"event.data.kind == {json.dumps(kind.key)}"
            ),
            cancel=[
                inngest.Cancel(
                    event=RUN_CANCEL_REQUESTED, if_exp="async.data.run_id == event.data.run_id"
                )
            ],
            concurrency=[
                inngest.Concurrency(limit=options.lecture_concurrency, key="event.data.lecture_id"),
                inngest.Concurrency(
                    limit=options.model_concurrency,
                    key=json.dumps(f"{self._client.app_id}-model-calls"),
                    scope="env",
                ),
            ],
            retries=options.retries,
        )
        async def run(ctx: inngest.Context) -> None:
            await self._execute(kind, ctx)

        return run

    async def _execute(self, kind: WorkflowKind[Any], ctx: inngest.Context) -> None:
        request = RunRequested.model_validate(ctx.event.data)
        bind_run(run_id=request.run_id, kind=kind.key, viewer=request.owner_id)
        runtime = InngestRuntime(
            ctx,
            self._store,
            request.run_id,
            review=self._options.review,
            retries=self._options.retries,
            ports=self._options.ports,
        )
        try:
            context = FlowContext(
                runtime=runtime,
                run=RunInfo(
                    run_id=request.run_id, owner_id=request.owner_id, lecture_id=request.lecture_id
                ),
                input=kind.parse_input(request.input),
                services=self._services,
                reused=request.reused,
            )
            await runtime.record(RunStarted(at=runtime.now()))
            await kind.flow(context)
            await runtime.flush()
        except RunEnded as ended:
            if ended.status is RunStatus.FAILED:
                # Keep Inngest's view of the run in line with ours.
                raise inngest.NonRetriableError(str(ended), quiet=True) from ended
        except inngest.RetryAfterError:
            raise  # a unit was rate limited: Inngest calls again after the hint
        except DatabaseUnavailable as error:
            # The store waited out its own bound; Inngest calls again with its backoff.
            await self._unless_last_attempt(ctx, runtime, request.run_id, error)
            raise
        except (AppError, UnitCrashed, TransitionError, inngest.StepError) as error:
            # A unit failed for good, a review expired, the input or a transition was refused:
            # nothing a retry of the whole call would change.
            code, message = _failure(error, request.run_id)
            await self._settle(runtime, request.run_id, code, message)
            raise inngest.NonRetriableError(message) from error
        except Exception as error:
            # Possibly transient (the database, the network): Inngest calls again.
            await self._unless_last_attempt(ctx, runtime, request.run_id, error)
            raise

    async def _unless_last_attempt(
        self, ctx: inngest.Context, runtime: InngestRuntime, run_id: UUID, error: Exception
    ) -> None:
        """On the last attempt, settle the run with what a person may see of `error`."""
        if ctx.attempt >= self._options.retries:
            failure = failure_of(error, run_id=run_id)
            await self._settle(runtime, run_id, failure.code, failure.message)

    async def _settle(
        self, runtime: InngestRuntime, run_id: UUID, code: ErrorCode, message: str
    ) -> None:
        """Persist what the flow recorded before it failed, then the failure."""
        with contextlib.suppress(RunEnded):
            await runtime.flush()
        await fail_run(self._store, run_id, code, message)
        await self._services.assets.discard_candidates_of_run(run_id)

    def _failed_function(self) -> inngest.Function[None]:
        @self._client.create_function(
            fn_id="finalize-failed-run",
            name="Finalize a failed workflow run",
            trigger=inngest.TriggerEvent(
                event=FUNCTION_FAILED,
                expression=f"event.data.event.name == {json.dumps(RUN_REQUESTED)}",
            ),
        )
        async def finalize_failed(ctx: inngest.Context) -> None:
            ended = FunctionEnded.model_validate(ctx.event.data)
            request = ended.run_request()
            if request is None:
                return
            code = code_named(ended.error.name)
            message = ended.error.message or "The workflow failed."
            if code is None:
                # Not one of ours: its text may be anything (a traceback line, SQL, a path).
                detail = f"{ended.error.name}: {message}"
                failure = failure_described(detail, run_id=request.run_id)
                code, message = failure.code, failure.message
            await fail_run(self._store, request.run_id, code, message)
            await self._services.assets.discard_candidates_of_run(request.run_id)

        return finalize_failed

    def _cancelled_function(self) -> inngest.Function[None]:
        @self._client.create_function(
            fn_id="finalize-cancelled-run",
            name="Finalize a cancelled workflow run",
            trigger=inngest.TriggerEvent(
                event=FUNCTION_CANCELLED,
                expression=f"event.data.event.name == {json.dumps(RUN_REQUESTED)}",
            ),
        )
        async def finalize_cancelled(ctx: inngest.Context) -> None:
            # `on_failure` does not run on cancel; this does. Usually the cancel mutation has
            # already recorded the cancellation and this changes nothing.
            request = FunctionEnded.model_validate(ctx.event.data).run_request()
            if request is None:
                return
            cancelled = RunCancelled(
                by="inngest", message=CANCELLED_IN_INNGEST, at=datetime.now(UTC)
            )
            await self._store.apply(request.run_id, [cancelled])
            await self._services.assets.discard_candidates_of_run(request.run_id)

        return finalize_cancelled


def _failure(error: Exception, run_id: UUID) -> tuple[ErrorCode, str]:
    if isinstance(error, inngest.StepError):
        # Memoized by an older deployment or another retry budget: name and message only.
        code = code_named(error.name)
        if code is not None:
            return code, error.message
        failure = failure_described(f"{error.name}: {error.message}", run_id=run_id)
        return failure.code, failure.message
    if isinstance(error, UnitCrashed):
        return ErrorCode.INTERNAL, str(error)  # already a plain sentence (`UnitFailure.of`)
    failure = failure_of(error, run_id=run_id)
    return failure.code, failure.message
