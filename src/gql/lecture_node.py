"""The `Lecture` node: a video lecture with its configuration, assets, timeline and runs."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

from src.errors import NotFound
from src.gql.common import Asset
from src.gql.connections import WorkflowRunConnection, forward_page_info
from src.gql.context import Info
from src.gql.pydantic_types import LectureConfiguration, configuration
from src.gql.run_node import uuids
from src.gql.timeline import Timeline
from src.lectures.repository import Lecture as LectureRecord
from src.lectures.repository import LecturePage
from src.lectures.slots import SCORE, image_slot, narration_segment, narration_slot_name
from src.lectures.timeline import Timeline as TimelineModel
from src.lectures.timeline import resolve_current
from src.pagination import MAX_PAGE
from src.runs.history import RunFilter, RunOrder
from src.steps.registry import KINDS


@strawberry.type(description="A picture of the lecture in use now, and where it goes.")
class LectureImage:
    slot: str = strawberry.field(
        description="`cover` or `segment-N-image-K`; pass it as `ImageInput.slot` to replace it."
    )
    segment: int | None = strawberry.field(description="The segment it is shown in; null: cover.")
    position: int | None = strawberry.field(
        description="1-based place among the segment's pictures; null for the cover."
    )
    image: Asset = strawberry.field(description="The picture.")


@strawberry.type(description="The narration audio of one segment in use now.")
class LectureNarration:
    segment: int = strawberry.field(
        description="The segment; pass it as `NarrationInput.segment` to replace it."
    )
    slot: str = strawberry.field(description="`segment-N-narration`.")
    audio: Asset = strawberry.field(description="The audio file.")


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

    @strawberry.field(
        description="The assembled video, once a full video run has completed: it plays the "
        "assets in use now (an image or narration accepted later replaces the old one)."
    )
    async def timeline(self, info: Info) -> Timeline | None:
        if self.record.timeline is None:
            return None
        in_use = await info.context.assets.current_of_lecture(self.record.id)
        resolved = resolve_current(
            TimelineModel.model_validate(self.record.timeline),
            {ref.slot: ref for ref in in_use},
            [track for kind in KINDS for track in kind.timeline_tracks],
        )
        return Timeline.from_model(resolved)

    @strawberry.field(
        description="The image in use for a slot: `cover` (default) or `segment-N-image-K`."
    )
    async def image(self, info: Info, slot: str = "cover") -> Asset | None:
        return Asset.maybe(await info.context.assets.current(self.record.id, slot))

    @strawberry.field(
        description="Every picture in use (the Visuals tab): the cover first, then by segment "
        "and position. URLs change whenever a picture does."
    )
    async def images(self, info: Info) -> list[LectureImage]:
        slots = []
        for ref in await info.context.assets.current_of_lecture(self.record.id):
            slot = image_slot(ref.slot)
            if slot is not None:
                slots.append((slot, ref))
        return [
            LectureImage(
                slot=slot.name,
                segment=slot.segment or None,
                position=slot.position or None,
                image=Asset(ref=ref),
            )
            for slot, ref in sorted(slots, key=lambda pair: pair[0])
        ]

    @strawberry.field(
        description="Every segment's narration in use (the Audio tab), by segment. URLs change "
        "whenever the audio does."
    )
    async def narrations(self, info: Info) -> list[LectureNarration]:
        found = []
        for ref in await info.context.assets.current_of_lecture(self.record.id):
            segment = narration_segment(ref.slot)
            if segment is not None:
                found.append(LectureNarration(segment=segment, slot=ref.slot, audio=Asset(ref=ref)))
        return sorted(found, key=lambda n: n.segment)

    @strawberry.field(description="The narration audio in use for a segment.")
    async def narration(self, info: Info, segment: int) -> Asset | None:
        slot = narration_slot_name(segment)
        return Asset.maybe(await info.context.assets.current(self.record.id, slot))

    @strawberry.field(description="The background score in use.")
    async def score(self, info: Info) -> Asset | None:
        return Asset.maybe(await info.context.assets.current(self.record.id, SCORE))

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


@strawberry.type(description="A lecture with its place in the list.")
class LectureEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue after this lecture.")
    node: Lecture = strawberry.field(description="The lecture.")


@strawberry.type(description=f"A page of lectures (at most {MAX_PAGE}).")
class LectureConnection:
    edges: list[LectureEdge] = strawberry.field(description="Lectures with cursors.")
    nodes: list[Lecture] = strawberry.field(description="The lectures alone.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page ends.")

    @classmethod
    def from_page(cls, page: LecturePage) -> LectureConnection:
        nodes = [Lecture.of(r) for r in page.records]
        return cls(
            edges=[LectureEdge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
            page_info=forward_page_info(page.cursors, has_next_page=page.has_next_page),
        )
