"""How the offline text model answers the Full Video tasks: simple, deterministic rules that
read the request and follow the configuration, so the whole workflow runs with no network."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from src.lectures.config import LectureConfig
from src.providers.offline import offline_answer
from src.providers.ports import TextRequest
from src.steps import prompts
from src.steps.full_video.models import (
    ConfigDelta,
    ImagePrompts,
    Script,
    ScriptSegment,
    SegmentPrompts,
)

VOICES = ("alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer")
LANGUAGES = ("English", "Spanish", "French", "German", "Italian", "Portuguese", "Japanese")
AUDIENCES = "kids|children|students|beginners|experts|teenagers|adults"
_NUMBER = r"(\d+(?:\.\d+)?)"


def _config(request: TextRequest) -> LectureConfig:
    return LectureConfig.model_validate(request.context["config"])


def _first(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, flags=re.IGNORECASE)


@offline_answer("parse_config")
def parse_config(request: TextRequest) -> BaseModel:
    text: str = request.context["request"]
    found: dict[str, Any] = {}
    segment = _first(rf"{_NUMBER}[- ]second segments|segments? of {_NUMBER} seconds", text)
    if segment:
        found["segment_length_seconds"] = round(float(segment.group(1) or segment.group(2)))
        text = text.replace(segment.group(0), " ")
    if minutes := _first(rf"{_NUMBER}[- ]?(?:minutes?|mins?)\b", text):
        found["duration_seconds"] = round(float(minutes.group(1)) * 60)
    elif seconds := _first(rf"{_NUMBER}[- ]?(?:seconds?|secs?)\b", text):
        found["duration_seconds"] = round(float(seconds.group(1)))
    if images := _first(r"(\d+) (?:images?|pictures?) (?:per|a|each) segment", text):
        found["images_per_segment"] = int(images.group(1))
    if voice := _first(rf"\b({'|'.join(VOICES)})\b(?: voice)?", text):
        found["voice"] = voice.group(1).lower()
    if language := _first(rf"\bin ({'|'.join(LANGUAGES)})\b", text):
        found["language"] = language.group(1).capitalize()
    if style := _first(r"\bin an? ([\w ,-]+?) style\b", text):
        found["style"] = style.group(1).strip()
    if audience := _first(
        rf"\bfor ((?:young |high school |university )?(?:{AUDIENCES}))\b",
        text,
    ):
        found["audience"] = audience.group(1).lower()
    if music := _first(r"\bwith ([\w ,-]+?) music\b", text):
        found["music_style"] = music.group(1).strip()
    topic = _first(r"\b(?:on|about) (.+?)(?:[.,;!?]| for | in | with |$)", text)
    found["prompt"] = (topic.group(1) if topic else request.context["request"]).strip()
    return ConfigDelta.model_validate(found)


@offline_answer("script")
def write_script(request: TextRequest) -> BaseModel:
    config = _config(request)
    target = prompts.words_per_segment(config)
    topic = config.prompt or "the subject"
    segments = []
    for number in range(1, config.segment_count + 1):
        opening = (
            f"Part {number} of {config.segment_count} on {topic}, for {config.audience}, "
            f"told in a {config.style} way."
        )
        words = opening.split()
        filler = f"Here we look closely at {topic} and what it means".split()
        while len(words) < target:
            words.extend(filler[: target - len(words)])
        segments.append(
            ScriptSegment(
                narration=" ".join(words[:target]),
                visual=f"{topic}, scene {number}: {config.image_style}",
            )
        )
    return Script(title=topic[:1].upper() + topic[1:], segments=segments)


@offline_answer("image_prompts")
def write_image_prompts(request: TextRequest) -> BaseModel:
    config = _config(request)
    visuals: list[str] = request.context["visuals"]
    return ImagePrompts(
        segments=[
            SegmentPrompts(
                prompts=[
                    f"{visual}, view {k} of {config.images_per_segment}"
                    for k in range(1, config.images_per_segment + 1)
                ]
            )
            for visual in visuals
        ]
    )
