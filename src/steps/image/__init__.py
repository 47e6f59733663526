"""Image Generation: "Generating Image", one step with a human review of the candidate."""

from src.steps.image.flow import (
    COPY,
    KEY,
    KIND,
    STEP,
    ImageGenerationInput,
    ImageGenerationPayload,
    ImageReviewPayload,
)

__all__ = [
    "COPY",
    "KEY",
    "KIND",
    "STEP",
    "ImageGenerationInput",
    "ImageGenerationPayload",
    "ImageReviewPayload",
]
