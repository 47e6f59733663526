"""GraphQL nodes for the Image Generation workflow."""

from __future__ import annotations

import strawberry

from src.gql.common import Asset
from src.gql.step import Step, step_fields, step_node
from src.state.model import Decision, StepState
from src.steps import image


@strawberry.type(description='What the "Review Image" dialog shows.')
class ImageReview:
    candidate: Asset = strawberry.field(description="The new image, not yet used.")
    previous: Asset | None = strawberry.field(
        description="The image in use now; kept if the candidate is rejected."
    )


@step_node(image.KIND, image.STEP)
@strawberry.type(description="Generate Image: the candidate image and its review.")
class ImageGenerationStep(Step):
    prompt: str | None = strawberry.field(description="The prompt sent to the image model.")
    model: str | None = strawberry.field(description="The image model used.")
    size: str | None = strawberry.field(description="Requested size, e.g. 1536x1024.")
    slot: str | None = strawberry.field(description="Which lecture image this replaces.")
    candidate: Asset | None = strawberry.field(description="The generated image.")
    previous: Asset | None = strawberry.field(description="The image it would replace.")
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: ImageReview | None = strawberry.field(description="The pending review, if any.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> ImageGenerationStep:
        data = step.payload if isinstance(step.payload, image.ImageGenerationPayload) else None
        pending = step.request.payload if step.request is not None else None
        review = (
            ImageReview(
                candidate=Asset(ref=pending.candidate), previous=Asset.maybe(pending.previous)
            )
            if isinstance(pending, image.ImageReviewPayload)
            else None
        )
        return cls(
            **step_fields(step, total),
            prompt=data.prompt if data else None,
            model=data.model if data else None,
            size=data.size if data else None,
            slot=data.slot if data else None,
            candidate=Asset.maybe(data.candidate if data else None),
            previous=Asset.maybe(data.previous if data else None),
            decision=data.decision if data else None,
            review=review,
        )
