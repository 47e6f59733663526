"""Timeline assembly: the full video's script, pictures, narration and score, laid out."""

from __future__ import annotations

from src.lectures.config import LectureConfig
from src.lectures.timeline import SegmentParts, Timeline, lay_out
from src.steps.full_video.models import NarrationPayload, ScorePayload, SegmentImagesPayload


def assemble_timeline(
    config: LectureConfig,
    images: SegmentImagesPayload,
    narration: NarrationPayload,
    score: ScorePayload,
) -> Timeline:
    """Segments back to back, each as long as its narration, its pictures sharing that time."""
    return lay_out(
        [
            SegmentParts(
                number=file.segment, text=file.text, narration=file.audio, images=pictures.images
            )
            for file, pictures in zip(narration.files, images.segments, strict=True)
        ],
        score.music,
        config.music_volume,
    )
