"""Background Score Generation: the lecture's music track, generated and reviewed."""

from src.steps.score.flow import (
    COPY,
    KEY,
    KIND,
    STEP,
    ScoreGenerationPayload,
    ScoreInput,
    ScoreReviewPayload,
)

__all__ = [
    "COPY",
    "KEY",
    "KIND",
    "STEP",
    "ScoreGenerationPayload",
    "ScoreInput",
    "ScoreReviewPayload",
]
