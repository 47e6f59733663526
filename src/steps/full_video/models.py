"""Typed data of the Full Video workflow: model answers, step payloads, review payloads."""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, create_model

from src.assets.library import AssetRef
from src.lectures.config import LectureConfig
from src.lectures.timeline import Timeline
from src.state.payloads import Payload, register_payload


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Every configuration field, optional: what a prompt asks to change. Derived from
# LectureConfig so that a new setting is parseable without touching this module.
ConfigDelta = cast(
    type[BaseModel],
    create_model(  # type: ignore[call-overload]
        "ConfigDelta",
        __config__=ConfigDict(extra="forbid"),
        **{
            name: (field.annotation | None, Field(None, description=field.description))  # type: ignore[operator]
            for name, field in LectureConfig.model_fields.items()
        },
    ),
)


class ConfigChange(_Frozen):
    """One setting the prompt changed."""

    field: str
    before: Any
    after: Any


class ScriptSegment(_Frozen):
    narration: str = Field(description="What the narrator says over this segment.")
    visual: str = Field(description="What is on screen while it is said.")


class Script(_Frozen):
    title: str
    segments: list[ScriptSegment]


class SegmentPrompts(_Frozen):
    prompts: list[str]


class ImagePrompts(_Frozen):
    segments: list[SegmentPrompts]


@register_payload
class ConfigurationPayload(Payload):
    """Step 1: the candidate configuration, what the prompt changed, and what was saved."""

    kind: Literal["video_configuration"] = "video_configuration"
    request: str
    candidate: LectureConfig
    changes: tuple[ConfigChange, ...]
    ignored: tuple[str, ...] = ()
    """Settings the prompt asked for with values out of range (kept at their defaults)."""
    saved: LectureConfig | None = None


@register_payload
class ConfigurationReview(Payload):
    """What the "Review and Confirm Configuration" dialog shows and lets the person edit."""

    kind: Literal["configuration_review"] = "configuration_review"
    candidate: LectureConfig
    changes: tuple[ConfigChange, ...]


@register_payload
class ScriptPayload(Payload):
    kind: Literal["video_script"] = "video_script"
    title: str
    segments: tuple[ScriptSegment, ...]


class SegmentImages(_Frozen):
    number: int
    prompts: tuple[str, ...]
    images: tuple[AssetRef, ...] = ()


@register_payload
class SegmentImagesPayload(Payload):
    kind: Literal["segment_images"] = "segment_images"
    images_per_segment: int
    segments: tuple[SegmentImages, ...]


class NarrationFile(_Frozen):
    segment: int
    text: str
    audio: AssetRef


@register_payload
class NarrationPayload(Payload):
    kind: Literal["video_narration"] = "video_narration"
    voice: str
    files: tuple[NarrationFile, ...]


@register_payload
class ScorePayload(Payload):
    kind: Literal["video_score"] = "video_score"
    prompt: str
    music: AssetRef


@register_payload
class TimelinePayload(Payload):
    kind: Literal["video_timeline"] = "video_timeline"
    timeline: Timeline


class GeneratedAssets(_Frozen):
    """A unit's result when it stores several assets."""

    assets: tuple[AssetRef, ...]
