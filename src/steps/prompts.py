"""Prompt builders. Each takes the whole lecture configuration and uses every field that bears
on its task; `docs/prompts.md` tabulates which field feeds which prompt, and a test proves it."""

from __future__ import annotations

from collections.abc import Sequence

from src.lectures.config import LectureConfig

WORDS_PER_SECOND = 2.5
"""Narration pace at speaking rate 1.0, used to size each segment's text."""

CONFIG_SYSTEM = (
    "You turn a request for a video lecture into configuration changes. Answer only with the "
    "fields the request asks to change; leave every other field null."
)
SCRIPT_SYSTEM = (
    "You write scripts for narrated video lectures, as a list of segments. Each segment has the "
    "narration spoken over it and a short description of what is on screen."
)
IMAGE_PROMPTS_SYSTEM = (
    "You write prompts for an image model, several per lecture segment, each a self-contained "
    "description of one still picture."
)


def words_per_segment(config: LectureConfig) -> int:
    return max(5, round(config.segment_length_seconds * WORDS_PER_SECOND * config.speaking_rate))


def _audience_line(config: LectureConfig) -> str:
    return f"The lecture is a {config.style} explainer for {config.audience}, in {config.language}."


def config_prompt(config: LectureConfig, request: str) -> str:
    """Parse a person's request into a configuration delta, knowing the current settings."""
    current = "\n".join(f"- {name}: {value!r}" for name, value in config.model_dump().items())
    return f"Current configuration:\n{current}\n\nRequest:\n{request.strip()}"


def script_prompt(config: LectureConfig) -> str:
    seconds_per_image = config.segment_length_seconds / config.images_per_segment
    return (
        f"Write the script of a video lecture about: {config.prompt}\n"
        f"{_audience_line(config)}\n"
        f"Total length: {config.duration_seconds} seconds, in exactly {config.segment_count} "
        f"segments of about {config.segment_length_seconds} seconds each.\n"
        f"Narration is read at {config.speaking_rate:g}x normal pace, so each segment's narration "
        f"has about {words_per_segment(config)} words.\n"
        f"Each segment shows {config.images_per_segment} picture(s), one every "
        f"{seconds_per_image:g} seconds: describe a visual moment for each."
    )


def image_prompts_prompt(config: LectureConfig, narrations: Sequence[str]) -> str:
    seconds_per_image = config.segment_length_seconds / config.images_per_segment
    segments = "\n".join(f"{i}. {text}" for i, text in enumerate(narrations, start=1))
    return (
        f"Lecture topic: {config.prompt}\n{_audience_line(config)}\n"
        f"For each of the {len(narrations)} segments below, write {config.images_per_segment} "
        f"image prompt(s), each shown for {seconds_per_image:g} seconds during the narration.\n"
        f"Visual style: {config.image_style}; frame {config.image_size} pixels; "
        "no text or lettering in the pictures.\n\n"
        f"Segments:\n{segments}"
    )


def image_prompt(config: LectureConfig, subject: str) -> str:
    """The prompt for one picture of a lecture."""
    return (
        f"{subject.strip()}\n\n"
        f"Visual style: {config.image_style}. "
        f"It illustrates a {config.style} video lecture for {config.audience} "
        f"about: {config.prompt or 'the subject above'}. "
        f"Frame: {config.image_size} pixels. No text or lettering in the image."
    )


def narration_instructions(config: LectureConfig) -> str:
    """Delivery instructions for the speech model (voice and speed are request parameters)."""
    return (
        f"Narrate in {config.language} as a {config.style} lecturer speaking to "
        f"{config.audience}, at {config.speaking_rate:g}x normal pace."
    )


def music_prompt(config: LectureConfig, duration_seconds: float) -> str:
    return (
        f"Background score, {config.music_style}, {duration_seconds:.0f} seconds long, for a "
        f"{config.style} video lecture for {config.audience} about: {config.prompt}. "
        f"It plays under narration at {config.music_volume:.0%} volume, so keep it unobtrusive."
    )


def with_feedback(prompt: str, feedback: Sequence[str]) -> str:
    """A prompt with the changes a reviewer asked for, every round's in order (the latest last),
    so a regenerated candidate keeps what earlier rounds fixed."""
    asked = [text.strip() for text in feedback if text.strip()]
    if not asked:
        return prompt
    lines = "\n".join(f"- {text}" for text in asked)
    return f"{prompt}\n\nThe reviewer asked for these changes to the previous version:\n{lines}"
