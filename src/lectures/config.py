"""A lecture's generation settings. Every prompt sent to a model is built from these."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from src.errors import InvalidInput


class ImageSize(StrEnum):
    """Picture frames the image models support, as `WIDTHxHEIGHT` pixels."""

    SQUARE = "1024x1024"
    LANDSCAPE = "1536x1024"
    PORTRAIT = "1024x1536"

    @property
    def pixels(self) -> tuple[int, int]:
        width, height = self.value.split("x")
        return int(width), int(height)


class LectureConfig(BaseModel):
    """The configuration of a video lecture (`video_lectures.config`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    prompt: str = Field(default="", max_length=4000)
    """What the lecture is about, in the person's words."""
    style: str = Field(default="clear, friendly explainer", min_length=1, max_length=200)
    """The lecture's tone and manner, e.g. "clear, friendly explainer"."""
    audience: str = Field(default="curious adults", min_length=1, max_length=200)
    """Who it is for, e.g. "curious adults" or "kids"."""
    language: str = Field(default="English", min_length=1, max_length=50)
    """The narration's language."""
    duration_seconds: int = Field(default=60, ge=10, le=3600)
    """Target length of the video in seconds (10 to 3600)."""
    segment_length_seconds: int = Field(default=15, ge=5, le=300)
    """Seconds per narrated segment (5 to 300); with the duration it sets the segment count."""
    images_per_segment: int = Field(default=1, ge=1, le=6)
    """Pictures shown during each segment (1 to 6)."""
    image_style: str = Field(default="clean editorial illustration", min_length=1, max_length=200)
    """Visual style of every picture."""
    image_size: ImageSize = ImageSize.LANDSCAPE
    """The pictures' frame."""
    voice: str = Field(default="alloy", min_length=1, max_length=50)
    """The narrator's voice (a speech model voice name)."""
    speaking_rate: float = Field(default=1.0, ge=0.5, le=2.0)
    """Narration speed, 0.5 to 2 times normal."""
    music_style: str = Field(default="calm ambient piano", min_length=1, max_length=200)
    """Style of the background score."""
    music_volume: float = Field(default=0.3, ge=0.0, le=1.0)
    """Score volume under the narration, 0 to 1."""
    text_model: str = Field(default="gpt-4o-mini", min_length=1, max_length=100)
    """The model that parses prompts and writes scripts and image prompts."""
    image_model: str = Field(default="gpt-image-1", min_length=1, max_length=100)
    """The model that paints the pictures."""
    speech_model: str = Field(default="gpt-4o-mini-tts", min_length=1, max_length=100)
    """The model that speaks the narration."""
    music_model: str = Field(default="offline-music", min_length=1, max_length=100)
    """The model that composes the score."""

    @property
    def segment_count(self) -> int:
        """How many narrative segments the script has: duration over segment length."""
        return max(1, math.ceil(self.duration_seconds / self.segment_length_seconds))

    @property
    def image_count(self) -> int:
        """How many pictures a full video paints."""
        return self.segment_count * self.images_per_segment

    @property
    def model_calls(self) -> int:
        """The model calls a full video makes once this is confirmed: the script, the image
        prompts, every picture, every segment's narration and the score."""
        return 3 + self.image_count + self.segment_count


def edited_config(base: LectureConfig, edits: Mapping[str, Any]) -> LectureConfig:
    """`base` with `edits` applied, validated as a whole; InvalidInput names the first bad
    setting (`field` is its name). The review dialog and the Configuration tab both use it."""
    try:
        return LectureConfig.model_validate({**base.model_dump(), **edits})
    except ValidationError as exc:
        first = exc.errors()[0]
        path = tuple(str(p) for p in first["loc"])
        raise InvalidInput(f"{'.'.join(path)}: {first['msg']}", field=path) from exc


@dataclass(frozen=True)
class RunLimits:
    """Caps on the work one run may start (settings), checked when a configuration is confirmed."""

    max_segments: int = 60
    max_model_calls: int = 300
    review_rounds: int = 3
    """Candidates one single-asset review may show, the first included (request changes)."""

    def check(self, config: LectureConfig) -> None:
        """Refuses a configuration over a limit, saying the limit and what it would need."""
        needs: list[str] = []
        if config.segment_count > self.max_segments:
            needs.append(
                f"needs {_count(config.segment_count, 'segment')}; "
                f"the limit is {_count(self.max_segments, 'segment')} per run."
            )
        if config.model_calls > self.max_model_calls:
            needs.append(
                f"needs {_count(config.image_count, 'image')} and "
                f"{_count(config.segment_count, 'narration file')} "
                f"({_count(config.model_calls, 'model call')}); "
                f"the limit is {_count(self.max_model_calls, 'model call')} per run."
            )
        if needs:
            sentences = " ".join(
                f"{'This configuration' if n == 0 else 'It'} {text}" for n, text in enumerate(needs)
            )
            raise InvalidInput(
                f"{sentences} Shorten the video, lengthen its segments or use fewer images per "
                "segment.",
                field=("edits", "configuration"),
            )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
