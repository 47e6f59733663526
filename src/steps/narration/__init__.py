"""Narration Audio Generation: one segment's narration, generated and reviewed like an image."""

from src.steps.narration.flow import (
    COPY,
    KEY,
    KIND,
    STEP,
    NarrationGenerationPayload,
    NarrationInput,
    NarrationReviewPayload,
)

__all__ = [
    "COPY",
    "KEY",
    "KIND",
    "STEP",
    "NarrationGenerationPayload",
    "NarrationInput",
    "NarrationReviewPayload",
]
