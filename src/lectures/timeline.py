"""The assembled video timeline of a lecture (`video_lectures.timeline`)."""

from __future__ import annotations

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


class Timeline(_Frozen):
    """Segments back to back, each as long as its narration; the score under all of them."""

    duration_seconds: float
    segments: tuple[TimelineSegment, ...]
    music: AssetRef
    music_volume: float
