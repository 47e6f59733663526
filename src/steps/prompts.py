"""Prompt builders. Each takes the whole lecture configuration, so no setting is ignored."""

from __future__ import annotations

from src.lectures.config import LectureConfig


def image_prompt(config: LectureConfig, subject: str) -> str:
    """The prompt for one picture of a lecture."""
    return (
        f"{subject.strip()}\n\n"
        f"Visual style: {config.image_style}. "
        f"It illustrates a {config.style} video lecture for {config.audience}, "
        f"narrated in {config.language}, about: {config.prompt or 'the subject above'}. "
        f"Frame: {config.image_size} pixels. No text or lettering in the image."
    )
