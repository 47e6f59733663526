"""Relay nodes: workflow runs and lectures, always loaded on behalf of the viewer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Union
from uuid import UUID

import strawberry
from strawberry import relay

from src.errors import NotFound
from src.gql import steps as _step_nodes  # noqa: F401  (registers the step node types)
from src.gql.common import Asset, RunError, RunOrigin
from src.gql.context import Info
from src.gql.pydantic_types import LectureConfiguration, configuration
from src.gql.step import step_node_for, step_node_types
from src.gql.timeline import Timeline
from src.lectures.repository import Lecture as LectureRecord
from src.lectures.timeline import Timeline as TimelineModel
from src.state import model
from src.state.store import RunRecord

# Built from the registry, so a new workflow kind adds its step nodes without editing this.
WorkflowStep = Annotated[  # type: ignore[valid-type]
    Union[step_node_types()],  # noqa: UP007
    strawberry.union("WorkflowStep", description="A step node, typed per workflow kind and step."),
]


def _uuids(node_ids: Iterable[str]) -> list[UUID | None]:
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
        return not self.record.state.status.is_terminal

    @strawberry.field(description="True once the run has finished and can be re-run.")
    def can_rerun(self) -> bool:
        return self.record.state.status.is_terminal

    @strawberry.field(description="Increases with every persisted change.")
    def version(self) -> int:
        return self.record.version

    @strawberry.field(description="For runs started from a sentence: the sentence and why.")
    def origin(self) -> RunOrigin | None:
        origin = self.record.state.origin
        return None if origin is None else RunOrigin(request=origin.request, reason=origin.reason)

    @strawberry.field(description="How the run was started: api, prompt or rerun.")
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

    @strawberry.field(description="The run this one re-runs, if any.")
    async def rerun_of(self, info: Info) -> WorkflowRun | None:
        if self.record.rerun_of is None:
            return None
        try:
            return WorkflowRun.of(
                await info.context.service.run(info.context.viewer, self.record.rerun_of)
            )
        except NotFound:
            return None

    @strawberry.field(description="The lecture the run works on.")
    async def lecture(self, info: Info) -> Lecture:
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
        out: list[WorkflowRun | None] = []
        for run_id in _uuids(node_ids):
            record = None
            if run_id is not None:
                record = await info.context.service.runs.get(
                    run_id, owner_id=info.context.viewer.id
                )
            out.append(None if record is None else cls.of(record))
        return out


@strawberry.type(description="A video lecture: its prompt, configuration, assets and runs.")
class Lecture(relay.Node):
    id: relay.NodeID[str]
    record: strawberry.Private[LectureRecord]

    @strawberry.field(description="The lecture's title.")
    def title(self) -> str:
        return self.record.title

    @strawberry.field(description="The prompt the lecture was configured from.")
    def prompt(self) -> str:
        return self.record.prompt

    @strawberry.field(description="The saved generation settings.")
    def config(self) -> LectureConfiguration:
        return configuration(self.record.config)

    @strawberry.field(description="The assembled video, once a full video run has completed.")
    def timeline(self) -> Timeline | None:
        if self.record.timeline is None:
            return None
        return Timeline.from_model(TimelineModel.model_validate(self.record.timeline))

    @strawberry.field(
        description="The image in use for a slot: `cover` (default) or `segment-N-image-K`."
    )
    async def image(self, info: Info, slot: str = "cover") -> Asset | None:
        return Asset.maybe(await info.context.assets.current(self.record.id, slot))

    @strawberry.field(description="The narration audio in use for a segment.")
    async def narration(self, info: Info, segment: int) -> Asset | None:
        slot = f"segment-{segment}-narration"
        return Asset.maybe(await info.context.assets.current(self.record.id, slot))

    @strawberry.field(description="The background score in use.")
    async def score(self, info: Info) -> Asset | None:
        return Asset.maybe(await info.context.assets.current(self.record.id, "score"))

    @strawberry.field(description="Runs of this lecture, in creation order (oldest first).")
    async def runs(self, info: Info) -> list[WorkflowRun]:
        records = await info.context.service.runs.list_for_lecture(
            self.record.id, owner_id=info.context.viewer.id
        )
        return [WorkflowRun.of(r) for r in records]

    @classmethod
    def of(cls, record: LectureRecord) -> Lecture:
        return cls(id=str(record.id), record=record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Lecture | None]:
        out: list[Lecture | None] = []
        for lecture_id in _uuids(node_ids):
            try:
                record = (
                    None
                    if lecture_id is None
                    else await info.context.service.lecture(info.context.viewer, lecture_id)
                )
            except NotFound:
                record = None
            out.append(None if record is None else cls.of(record))
        return out


def node_types() -> list[Any]:
    return [WorkflowRun, Lecture]
