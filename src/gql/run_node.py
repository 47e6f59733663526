"""The `WorkflowRun` node: one progress block, loaded on behalf of the viewer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Union
from uuid import UUID

import strawberry
from pydantic import ValidationError
from strawberry import relay
from strawberry.scalars import JSON

from src.errors import AppError, NotFound
from src.gql import steps as _step_nodes  # noqa: F401  (registers the step node types)
from src.gql.common import RunError, RunOrigin
from src.gql.context import Info
from src.gql.naming import graphql_value
from src.gql.run_batch import owned_runs
from src.gql.step import step_node_for, step_node_types
from src.runs.follow_ups import RETRY
from src.state import model
from src.state.resume import start_choices
from src.state.store import RunRecord
from src.steps import get_kind

if TYPE_CHECKING:
    from src.gql.lecture_node import Lecture

# Built from the registry, so a new workflow kind adds its step nodes without editing this.
WorkflowStep = Annotated[  # type: ignore[valid-type]
    Union[step_node_types()],  # noqa: UP007
    strawberry.union("WorkflowStep", description="A step node, typed per workflow kind and step."),
]


def _can_retry(record: RunRecord) -> bool:
    status = record.state.status
    return status.is_terminal and status is not model.RunStatus.COMPLETED


def uuids(node_ids: Iterable[str]) -> list[UUID | None]:
    """Node IDs as UUIDs; None for any that is not one (resolved as missing)."""
    out: list[UUID | None] = []
    for node_id in node_ids:
        try:
            out.append(UUID(node_id))
        except ValueError:
            out.append(None)
    return out


@strawberry.type(description="One workflow run: a progress block in the Agent Progress panel.")
class WorkflowRun(relay.Node):
    id: relay.NodeID[str]
    record: strawberry.Private[RunRecord]

    @strawberry.field(description="The workflow kind's key, e.g. `image`.")
    def kind(self) -> str:
        return self.record.kind

    @strawberry.field(description='Block title, e.g. "Generating Image".')
    def title(self) -> str:
        return self.record.state.title

    @strawberry.field(description="Where the run is in its life.")
    def status(self) -> model.RunStatus:
        return self.record.state.status

    @strawberry.field(description="Number of the latest started step (header: current/total).")
    def current_step(self) -> int:
        return self.record.state.current_step

    @strawberry.field(description="How many steps the run has.")
    def total_steps(self) -> int:
        return self.record.state.total_steps

    @strawberry.field(description="The steps, each a typed node of its kind.")
    def steps(self) -> list[WorkflowStep]:  # type: ignore[valid-type]
        state = self.record.state
        return [step_node_for(state.kind, s, state.total_steps) for s in state.steps]

    @strawberry.field(description="What the run achieved, once completed.")
    def outcome(self) -> str | None:
        return self.record.state.outcome

    @strawberry.field(description="Why the run failed, if it did.")
    def error(self) -> RunError | None:
        error = self.record.state.error
        if error is None:
            return None
        return RunError(code=error.code, message=error.message, step_key=error.step_key)

    @strawberry.field(description="True while the run can still be cancelled.")
    def can_cancel(self) -> bool:
        state = self.record.state
        return not state.status.is_terminal and not get_kind(self.record.kind).settled(state)

    @strawberry.field(description="True once the run has finished and can be re-run.")
    def can_rerun(self) -> bool:
        return self.record.state.status.is_terminal

    @strawberry.field(
        description="True once the run failed, was cancelled or was interrupted: `retryRun` can "
        "resume it."
    )
    def can_retry(self) -> bool:
        return _can_retry(self.record)

    @strawberry.field(
        description="The step keys `retryRun` may start at, in order; the last is where the run "
        "stopped, and the steps before the chosen one are reused. Empty unless `canRetry`."
    )
    def retry_steps(self) -> list[str]:
        if not _can_retry(self.record):
            return []
        kind = get_kind(self.record.kind)
        return list(start_choices(self.record.state, kind.resumable_steps))

    @strawberry.field(description="Increases with every persisted change.")
    def version(self) -> int:
        return self.record.version

    @strawberry.field(description="For runs started from a sentence: the sentence and why.")
    def origin(self) -> RunOrigin | None:
        origin = self.record.state.origin
        return None if origin is None else RunOrigin(request=origin.request, reason=origin.reason)

    @strawberry.field(
        description="The input the run was started with (re-runs reuse it), as its "
        "`WorkflowInput` field takes it: GraphQL field and enum names."
    )
    def input(self) -> JSON:
        try:
            parsed = get_kind(self.record.kind).input_model.model_validate(self.record.input)
        except (AppError, ValidationError):  # an input stored by an older version
            return JSON(graphql_value(self.record.input))
        return JSON(graphql_value(parsed))

    @strawberry.field(description="Seconds from start to finish, once finished.")
    def duration_seconds(self) -> float | None:
        state = self.record.state
        if state.started_at is None or state.finished_at is None:
            return None
        return (state.finished_at - state.started_at).total_seconds()

    @strawberry.field(description="Who started the run (a viewer ID).")
    def triggered_by(self) -> strawberry.ID:
        return strawberry.ID(str(self.record.triggered_by))

    @strawberry.field(description="How the run was started: api, prompt, rerun or retry.")
    def trigger(self) -> str:
        return self.record.trigger

    @strawberry.field(description="When the run was created.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="When execution began.")
    def started_at(self) -> datetime | None:
        return self.record.state.started_at

    @strawberry.field(description="When the run completed, failed or was cancelled.")
    def finished_at(self) -> datetime | None:
        return self.record.state.finished_at

    @strawberry.field(description="The run this one re-runs from scratch, if any.")
    async def rerun_of(self, info: Info) -> WorkflowRun | None:
        return None if self.record.trigger == RETRY else await self._linked(info)

    @strawberry.field(
        description="The run this one resumes (`retryRun`), if any; that run stays as it was."
    )
    async def retry_of(self, info: Info) -> WorkflowRun | None:
        return await self._linked(info) if self.record.trigger == RETRY else None

    async def _linked(self, info: Info) -> WorkflowRun | None:
        if self.record.rerun_of is None:
            return None
        try:
            return WorkflowRun.of(
                await info.context.service.run(info.context.viewer, self.record.rerun_of)
            )
        except NotFound:
            return None

    @strawberry.field(description="The lecture the run works on.")
    async def lecture(
        self, info: Info
    ) -> Annotated[Lecture, strawberry.lazy("src.gql.lecture_node")]:
        from src.gql.lecture_node import Lecture

        return Lecture.of(
            await info.context.service.lecture(info.context.viewer, self.record.lecture_id)
        )

    @classmethod
    def of(cls, record: RunRecord) -> WorkflowRun:
        return cls(id=str(record.id), record=record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[WorkflowRun | None]:
        run_ids = uuids(node_ids)
        found = await owned_runs(
            info.context.service.runs,
            [run_id for run_id in run_ids if run_id is not None],
            info.context.viewer.id,
        )
        return [
            None if run_id is None or run_id not in found else cls.of(found[run_id])
            for run_id in run_ids
        ]
