"""The `Lecture` node: a video lecture with its configuration, assets, timeline and runs."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

from src.errors import NotFound
from src.gql.common import Asset
from src.gql.connections import WorkflowRunConnection
from src.gql.context import Info
from src.gql.pydantic_types import LectureConfiguration, configuration
from src.gql.run_node import uuids
from src.gql.timeline import Timeline
from src.lectures.repository import Lecture as LectureRecord
from src.lectures.timeline import Timeline as TimelineModel
from src.runs.history import RunFilter, RunOrder


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

    @strawberry.field(
        description="Runs of this lecture: the panel's blocks, oldest first by default."
    )
    async def runs(
        self,
        info: Info,
        first: int = 50,
        after: str | None = None,
        order: RunOrder = RunOrder.OLDEST_FIRST,
    ) -> WorkflowRunConnection:
        page = await info.context.service.history.page(
            info.context.viewer.id,
            where=RunFilter(lecture_id=self.record.id),
            order=order,
            first=first,
            after=after,
        )
        return WorkflowRunConnection.from_page(page)

    @classmethod
    def of(cls, record: LectureRecord) -> Lecture:
        return cls(id=str(record.id), record=record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Lecture | None]:
        out: list[Lecture | None] = []
        for lecture_id in uuids(node_ids):
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
