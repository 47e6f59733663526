"""GraphQL nodes for the single-asset workflows: Image, Narration, Background Score."""

from __future__ import annotations

from typing import Any

import strawberry

from src.gql.common import Asset
from src.gql.step import Step, step_fields, step_node
from src.lectures.config import ImageSize
from src.state.model import Decision, StepState
from src.steps import image, narration, score
from src.steps.asset_review import CandidatePayload


@strawberry.type(description="What a single-asset review dialog shows: the new and the current.")
class AssetReview:
    candidate: Asset = strawberry.field(description="The new asset, not yet used.")
    previous: Asset | None = strawberry.field(
        description="The asset in use now; kept if the candidate is rejected."
    )


def _review(step: StepState) -> AssetReview | None:
    pending = step.request.payload if step.request is not None else None
    candidate = getattr(pending, "candidate", None)
    if candidate is None:
        return None
    return AssetReview(candidate=Asset(ref=candidate), previous=Asset.maybe(pending.previous))  # type: ignore[union-attr]


def _reviewed_asset(step: StepState, data: CandidatePayload | None) -> dict[str, Any]:
    """The fields every single-asset step shares: candidate, previous, decision, review."""
    return {
        "candidate": Asset.maybe(data.candidate if data else None),
        "previous": Asset.maybe(data.previous if data else None),
        "decision": getattr(data, "decision", None),
        "review": _review(step),
    }


@step_node(image.KIND, image.STEP)
@strawberry.type(description="Generate Image: the candidate image and its review.")
class ImageGenerationStep(Step):
    prompt: str | None = strawberry.field(description="The prompt sent to the image model.")
    model: str | None = strawberry.field(description="The image model used.")
    size: ImageSize | None = strawberry.field(description="The picture's frame.")
    slot: str | None = strawberry.field(description="Which lecture image this replaces.")
    candidate: Asset | None = strawberry.field(description="The generated image.")
    previous: Asset | None = strawberry.field(description="The image it would replace.")
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: AssetReview | None = strawberry.field(description='The pending "Review Image".')

    @classmethod
    def from_state(cls, step: StepState, total: int) -> ImageGenerationStep:
        data = step.payload if isinstance(step.payload, image.ImageGenerationPayload) else None
        return cls(
            **step_fields(step, total),
            prompt=data.prompt if data else None,
            model=data.model if data else None,
            size=data.size if data else None,
            slot=data.slot if data else None,
            **_reviewed_asset(step, data),
        )


@step_node(narration.KIND, narration.STEP)
@strawberry.type(description="Generate Narration: one segment's candidate audio and its review.")
class NarrationGenerationStep(Step):
    segment: int | None = strawberry.field(description="Which script segment is narrated.")
    text: str | None = strawberry.field(description="The words spoken.")
    voice: str | None = strawberry.field(description="The voice used.")
    model: str | None = strawberry.field(description="The speech model used.")
    candidate: Asset | None = strawberry.field(description="The generated audio.")
    previous: Asset | None = strawberry.field(description="The audio it would replace.")
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: AssetReview | None = strawberry.field(description='The pending "Review Narration".')

    @classmethod
    def from_state(cls, step: StepState, total: int) -> NarrationGenerationStep:
        data = (
            step.payload if isinstance(step.payload, narration.NarrationGenerationPayload) else None
        )
        return cls(
            **step_fields(step, total),
            segment=data.segment if data else None,
            text=data.text if data else None,
            voice=data.voice if data else None,
            model=data.model if data else None,
            **_reviewed_asset(step, data),
        )


@step_node(score.KIND, score.STEP)
@strawberry.type(description="Generate Background Score: the candidate track and its review.")
class ScoreGenerationStep(Step):
    prompt: str | None = strawberry.field(description="The prompt sent to the music model.")
    model: str | None = strawberry.field(description="The music model used.")
    duration_seconds: float | None = strawberry.field(description="The track's length.")
    candidate: Asset | None = strawberry.field(description="The generated track.")
    previous: Asset | None = strawberry.field(description="The track it would replace.")
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: AssetReview | None = strawberry.field(
        description='The pending "Review Background Score".'
    )

    @classmethod
    def from_state(cls, step: StepState, total: int) -> ScoreGenerationStep:
        data = step.payload if isinstance(step.payload, score.ScoreGenerationPayload) else None
        return cls(
            **step_fields(step, total),
            prompt=data.prompt if data else None,
            model=data.model if data else None,
            duration_seconds=data.duration_seconds if data else None,
            **_reviewed_asset(step, data),
        )
