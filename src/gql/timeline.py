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


@strawberry.type(description="A file shown alongside the video, as an HTML `<track>`.")
class TimelineTrack:
    slot: str = strawberry.field(description="The lecture slot it fills, e.g. `subtitles`.")
    kind: str = strawberry.field(description="The HTML track kind: `subtitles` or `captions`.")
    label: str = strawberry.field(description="What a player's menu calls it.")
    file: Asset = strawberry.field(description="The file (WebVTT for subtitles).")


@strawberry.type(description="The video, ready to play: segments back to back, music under all.")
class Timeline:
    duration_seconds: float = strawberry.field(description="Total length.")
    segments: list[TimelineSegment] = strawberry.field(description="Segments in order.")
    music: Asset = strawberry.field(description="The background score.")
    music_volume: float = strawberry.field(description="Score volume under narration, 0 to 1.")
    tracks: list[TimelineTrack] = strawberry.field(
        description="Files attached to the video (e.g. subtitles), the ones in use now."
    )

    @classmethod
    def from_model(cls, timeline: model.Timeline) -> Timeline:
        return cls(
            duration_seconds=timeline.duration_seconds,
            music=Asset(ref=timeline.music),
            music_volume=timeline.music_volume,
            tracks=[
                TimelineTrack(slot=t.slot, kind=t.kind, label=t.label, file=Asset(ref=t.file))
                for t in timeline.tracks
            ],
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
