"""Full Video Generation: "Generating Full Video", six steps from prompt to timeline.

`flow` holds the steps and the declaration, `models` the typed data, `config_edit` the
configuration merge/diff/validation, `timeline` the assembly, `offline` the offline text model's
answers, `graphql` the step nodes derived from the payloads."""

from src.steps.full_video import offline
from src.steps.full_video.flow import (
    CONFIGURE_STEP,
    IMAGES_STEP,
    KEY,
    KIND,
    NARRATION_STEP,
    REVIEW,
    SCORE_STEP,
    SCRIPT_STEP,
    TIMELINE_STEP,
    FullVideoInput,
)

__all__ = [
    "CONFIGURE_STEP",
    "IMAGES_STEP",
    "KEY",
    "KIND",
    "NARRATION_STEP",
    "REVIEW",
    "SCORE_STEP",
    "SCRIPT_STEP",
    "TIMELINE_STEP",
    "FullVideoInput",
    "offline",
]
