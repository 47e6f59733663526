"""Every configuration field reaches every model request that depends on it — and the table in
docs/prompts.md says exactly which."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from src.lectures.config import ImageSize, LectureConfig
from src.steps import prompts

NARRATIONS = ["Tides rise.", "Tides fall."]
TIMELINE_SECONDS = 42.0

# What each model request carries, besides its prompt text: the model name and parameters.
SURFACES = ("parse", "script", "image_prompts", "image", "narration", "music")


def surfaces(config: LectureConfig, feedback: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything sent to a model on each step, as the flows build it; `feedback` is what a
    reviewer asked to change (Request changes on an image, narration or score review)."""
    return {
        "parse": (config.text_model, prompts.config_prompt(config, "make it about tides")),
        "script": (config.text_model, prompts.script_prompt(config)),
        "image_prompts": (config.text_model, prompts.image_prompts_prompt(config, NARRATIONS)),
        "image": (
            config.image_model,
            config.image_size,
            prompts.with_feedback(prompts.image_prompt(config, "a wave"), feedback),
        ),
        "narration": (
            config.speech_model,
            config.voice,
            config.speaking_rate,
            prompts.with_feedback(prompts.narration_instructions(config), feedback),
        ),
        "music": (
            config.music_model,
            prompts.with_feedback(prompts.music_prompt(config, TIMELINE_SECONDS), feedback),
        ),
    }


def other_value(name: str, value: Any) -> Any:
    if isinstance(value, ImageSize):
        return ImageSize.PORTRAIT
    if isinstance(value, bool):
        raise AssertionError(name)
    if isinstance(value, int):
        return value + 5
    if isinstance(value, float):
        return round(value + 0.25, 2)
    return f"{value} (changed)"


def computed_table() -> dict[str, set[str]]:
    base = LectureConfig(prompt="tides")
    before = surfaces(base)
    table = {}
    for name in LectureConfig.model_fields:
        changed = base.model_copy(update={name: other_value(name, getattr(base, name))})
        LectureConfig.model_validate(changed.model_dump())  # the other value is valid too
        after = surfaces(changed)
        table[name] = {s for s in SURFACES if after[s] != before[s]}
    return table


def documented_table() -> dict[str, set[str]]:
    text = (Path(__file__).parent.parent / "docs" / "prompts.md").read_text()
    header = next(line for line in text.splitlines() if line.startswith("| field |"))
    columns = [c.strip() for c in header.strip("|").split("|")][1:]
    table = {}
    for line in text.splitlines():
        match = re.match(r"^\| `(\w+)` \|(.*)\|$", line)
        if match:
            cells = [c.strip() for c in match.group(2).split("|")]
            table[match.group(1)] = {col for col, cell in zip(columns, cells, strict=True) if cell}
    return table


EXPECTED: dict[str, set[str]] = {
    "prompt": {"parse", "script", "image_prompts", "image", "music"},
    "style": {"parse", "script", "image_prompts", "image", "narration", "music"},
    "audience": {"parse", "script", "image_prompts", "image", "narration", "music"},
    "language": {"parse", "script", "image_prompts", "narration"},
    "duration_seconds": {"parse", "script"},
    "segment_length_seconds": {"parse", "script", "image_prompts"},
    "images_per_segment": {"parse", "script", "image_prompts"},
    "image_style": {"parse", "image_prompts", "image"},
    "image_size": {"parse", "image_prompts", "image"},
    "voice": {"parse", "narration"},
    "speaking_rate": {"parse", "script", "narration"},
    "music_style": {"parse", "music"},
    "music_volume": {"parse", "music"},
    "text_model": {"parse", "script", "image_prompts"},
    "image_model": {"parse", "image"},
    "speech_model": {"parse", "narration"},
    "music_model": {"parse", "music"},
}


@pytest.mark.parametrize("field", list(LectureConfig.model_fields))
def test_changing_a_setting_changes_every_request_that_depends_on_it(field: str) -> None:
    assert field in EXPECTED, f"new setting {field!r}: say which prompts it feeds"
    assert computed_table()[field] == EXPECTED[field]


def test_the_documented_table_matches_the_prompts() -> None:
    assert documented_table() == computed_table()


def test_a_reviewers_feedback_reaches_exactly_the_regenerated_requests() -> None:
    """Request changes regenerates an image, a narration or a score: the feedback of every
    round so far, in order, reaches those three requests and no other."""
    base = LectureConfig(prompt="tides")
    before = surfaces(base)
    once = surfaces(base, ("darker sky",))
    twice = surfaces(base, ("darker sky", "add a boat"))
    assert {s for s in SURFACES if once[s] != before[s]} == {"image", "narration", "music"}
    for surface in ("image", "narration", "music"):
        text = twice[surface][-1]
        assert text.index("darker sky") < text.index("add a boat")
    assert surfaces(base, ("  ",)) == before  # blank feedback adds nothing
