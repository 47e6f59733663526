"""Timeline assembly: segments back to back, each as long as its narration audio."""

from __future__ import annotations

from src.lectures.config import LectureConfig
from src.lectures.timeline import Timeline, TimelineImage, TimelineSegment
from src.steps.full_video.models import NarrationPayload, ScorePayload, SegmentImagesPayload
from src.steps.media import duration_seconds


def assemble_timeline(
    config: LectureConfig,
    images: SegmentImagesPayload,
    narration: NarrationPayload,
    score: ScorePayload,
) -> Timeline:
    """Segments back to back, each as long as its narration, its pictures sharing that time."""
    segments = []
    start = 0.0
    for file, pictures in zip(narration.files, images.segments, strict=True):
        length = duration_seconds(file.audio)
        share = length / max(1, len(pictures.images))
        segments.append(
            TimelineSegment(
                number=file.segment,
                text=file.text,
                start_seconds=round(start, 3),
                end_seconds=round(start + length, 3),
                narration=file.audio,
                images=tuple(
                    TimelineImage(
                        asset=image,
                        start_seconds=round(start + i * share, 3),
                        end_seconds=round(start + (i + 1) * share, 3),
                    )
                    for i, image in enumerate(pictures.images)
                ),
            )
        )
        start += length
    return Timeline(
        duration_seconds=round(start, 3),
        segments=tuple(segments),
        music=score.music,
        music_volume=config.music_volume,
    )
