"""Timeline assembly: segments back to back, each as long as its narration audio."""

from __future__ import annotations

import uuid

from src.assets.library import AssetRef
from src.lectures.config import LectureConfig
from src.steps.full_video.models import (
    NarrationFile,
    NarrationPayload,
    ScorePayload,
    SegmentImages,
    SegmentImagesPayload,
)
from src.steps.full_video.timeline import assemble_timeline


def _asset(slot: str, media_type: str, **details: float) -> AssetRef:
    return AssetRef(
        id=uuid.uuid4(),
        slot=slot,
        media_type=media_type,
        content_hash="0" * 64,
        byte_size=1,
        details=details,
    )


def test_segments_follow_each_other_and_last_as_long_as_their_narration() -> None:
    pictures = SegmentImagesPayload(
        images_per_segment=2,
        segments=tuple(
            SegmentImages(
                number=n,
                prompts=("a", "b"),
                images=(
                    _asset(f"segment-{n}-image-1", "image/png"),
                    _asset(f"segment-{n}-image-2", "image/png"),
                ),
            )
            for n in (1, 2)
        ),
    )
    narration = NarrationPayload(
        voice="alloy",
        files=(
            NarrationFile(
                segment=1,
                text="one",
                audio=_asset("segment-1-narration", "audio/wav", duration_seconds=4.0),
            ),
            NarrationFile(
                segment=2,
                text="two",
                audio=_asset("segment-2-narration", "audio/wav", duration_seconds=3.0),
            ),
        ),
    )
    music = _asset("score", "audio/wav", duration_seconds=7.0)
    config = LectureConfig(music_volume=0.25)

    timeline = assemble_timeline(config, pictures, narration, ScorePayload(prompt="p", music=music))

    assert timeline.duration_seconds == 7.0
    assert [(s.start_seconds, s.end_seconds) for s in timeline.segments] == [(0.0, 4.0), (4.0, 7.0)]
    second = timeline.segments[1]
    assert [(i.start_seconds, i.end_seconds) for i in second.images] == [(4.0, 5.5), (5.5, 7.0)]
    assert second.narration == narration.files[1].audio
    assert second.text == "two"
    assert (timeline.music, timeline.music_volume) == (music, 0.25)


def test_a_narration_of_unknown_length_gives_its_segment_no_time() -> None:
    pictures = SegmentImagesPayload(
        images_per_segment=1,
        segments=(SegmentImages(number=1, prompts=("a",), images=(_asset("cover", "image/png"),)),),
    )
    narration = NarrationPayload(
        voice="alloy",
        files=(NarrationFile(segment=1, text="x", audio=_asset("n", "audio/wav")),),
    )
    music = _asset("score", "audio/wav")
    timeline = assemble_timeline(
        LectureConfig(), pictures, narration, ScorePayload(prompt="p", music=music)
    )
    assert timeline.duration_seconds == 0.0
    assert timeline.segments[0].images[0].end_seconds == 0.0
