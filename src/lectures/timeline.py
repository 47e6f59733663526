"""The assembled video timeline of a lecture (`video_lectures.timeline`), and how it is laid
out: segments back to back, each as long as its narration audio, its pictures sharing that time.

The stored timeline names the assets it was assembled from; a reader resolves every slot to the
lecture's asset in use now (`resolve_current`), so an image or narration accepted later plays in
the video, and files a kind attaches to the video (`TrackSlot`, e.g. subtitles) come with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from src.assets.library import AssetRef


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TimelineImage(_Frozen):
    asset: AssetRef
    start_seconds: float
    end_seconds: float


class TimelineSegment(_Frozen):
    number: int
    text: str
    start_seconds: float
    end_seconds: float
    narration: AssetRef
    images: tuple[TimelineImage, ...]


class TimelineTrack(_Frozen):
    """A file shown alongside the video (an HTML `<track>`), e.g. subtitles."""

    slot: str
    kind: str
    """The HTML track kind: `subtitles` or `captions`."""
    label: str
    file: AssetRef


class Timeline(_Frozen):
    """Segments back to back, each as long as its narration; the score under all of them."""

    duration_seconds: float
    segments: tuple[TimelineSegment, ...]
    music: AssetRef
    music_volume: float
    tracks: tuple[TimelineTrack, ...] = ()


@dataclass(frozen=True)
class TrackSlot:
    """A lecture slot whose asset in use is attached to the video as a track (a workflow kind
    declares it, see `WorkflowKind.timeline_tracks`)."""

    slot: str
    kind: str
    label: str


@dataclass(frozen=True)
class SegmentParts:
    """What one segment is made of, before it is laid out in time."""

    number: int
    text: str
    narration: AssetRef
    images: tuple[AssetRef, ...]


def audio_seconds(asset: AssetRef) -> float:
    """An audio asset's length, as its generator measured it (0 if unknown)."""
    value = asset.details.get("duration_seconds", 0.0)
    return float(value) if isinstance(value, (int, float)) else 0.0


def lay_out(
    segments: Sequence[SegmentParts],
    music: AssetRef,
    music_volume: float,
    tracks: tuple[TimelineTrack, ...] = (),
) -> Timeline:
    """Segments back to back, each as long as its narration, its pictures sharing that time."""
    laid: list[TimelineSegment] = []
    start = 0.0
    for parts in segments:
        length = audio_seconds(parts.narration)
        share = length / max(1, len(parts.images))
        laid.append(
            TimelineSegment(
                number=parts.number,
                text=parts.text,
                start_seconds=round(start, 3),
                end_seconds=round(start + length, 3),
                narration=parts.narration,
                images=tuple(
                    TimelineImage(
                        asset=image,
                        start_seconds=round(start + i * share, 3),
                        end_seconds=round(start + (i + 1) * share, 3),
                    )
                    for i, image in enumerate(parts.images)
                ),
            )
        )
        start += length
    return Timeline(
        duration_seconds=round(start, 3),
        segments=tuple(laid),
        music=music,
        music_volume=music_volume,
        tracks=tracks,
    )


def resolve_current(
    timeline: Timeline, current: Mapping[str, AssetRef], track_slots: Sequence[TrackSlot] = ()
) -> Timeline:
    """`timeline` with every asset replaced by the one in use now in its slot (`current`, by
    slot), laid out again (a new narration may be longer), with the tracks in use attached."""

    def now(asset: AssetRef) -> AssetRef:
        return current.get(asset.slot, asset)

    return lay_out(
        [
            SegmentParts(
                number=s.number,
                text=s.text,
                narration=now(s.narration),
                images=tuple(now(i.asset) for i in s.images),
            )
            for s in timeline.segments
        ],
        now(timeline.music),
        timeline.music_volume,
        tuple(
            TimelineTrack(slot=t.slot, kind=t.kind, label=t.label, file=current[t.slot])
            for t in track_slots
            if t.slot in current
        ),
    )
