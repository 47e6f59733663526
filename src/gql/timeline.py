"""GraphQL view of an assembled timeline."""

from __future__ import annotations

import strawberry

from src.gql.common import Asset
from src.lectures import timeline as model


@strawberry.type(description="A picture on screen during part of a segment.")
class TimelineImage:
    image: Asset = strawberry.field(description="The picture.")
    start_seconds: float = strawberry.field(description="When it appears.")
    end_seconds: float = strawberry.field(description="When it gives way.")


@strawberry.type(description="One narrated segment of the video.")
class TimelineSegment:
    number: int = strawberry.field(description="1-based position.")
    text: str = strawberry.field(description="The narration's words.")
    start_seconds: float = strawberry.field(description="Where it starts.")
    end_seconds: float = strawberry.field(description="Where it ends (its narration's length).")
    narration: Asset = strawberry.field(description="The narration audio.")
    images: list[TimelineImage] = strawberry.field(description="Pictures, in order.")


@strawberry.type(description="The video, ready to play: segments back to back, music under all.")
class Timeline:
    duration_seconds: float = strawberry.field(description="Total length.")
    segments: list[TimelineSegment] = strawberry.field(description="Segments in order.")
    music: Asset = strawberry.field(description="The background score.")
    music_volume: float = strawberry.field(description="Score volume under narration, 0 to 1.")

    @classmethod
    def from_model(cls, timeline: model.Timeline) -> Timeline:
        return cls(
            duration_seconds=timeline.duration_seconds,
            music=Asset(ref=timeline.music),
            music_volume=timeline.music_volume,
            segments=[
                TimelineSegment(
                    number=s.number,
                    text=s.text,
                    start_seconds=s.start_seconds,
                    end_seconds=s.end_seconds,
                    narration=Asset(ref=s.narration),
                    images=[
                        TimelineImage(
                            image=Asset(ref=i.asset),
                            start_seconds=i.start_seconds,
                            end_seconds=i.end_seconds,
                        )
                        for i in s.images
                    ],
                )
                for s in timeline.segments
            ],
        )
