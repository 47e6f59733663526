"""Image Generation: "Generating Image", one step with a human review of the candidate."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.errors import NotFound
from src.lectures.config import ImageSize
from src.providers.ports import ImageRequest
from src.state.events import MessageAdded, PayloadRecorded, RunCompleted, StepCompleted, StepStarted
from src.state.model import Decision, HumanRequest, MessageLevel, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.kind import WorkflowKind, register_kind
from src.steps.prompts import image_prompt
from src.steps.runtime import FlowContext

KIND = "image"
STEP = "generate_image"
REVIEW = "review-image"

START = "Starting image generation"
ACCEPTED = "The image is now saved and will be used in video"
REJECTED = "The image is not selected. You can try another generation"

_SLOT = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ImageGenerationInput(BaseModel):
    """What "Generate Image" takes: the picture's subject, model and size, and where it goes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: str = Field(default="", max_length=4000)
    """The image prompt; empty means the lecture's own prompt."""
    model: str | None = Field(default=None, min_length=1, max_length=100)
    """Overrides the lecture's image model."""
    size: ImageSize | None = None
    slot: str = Field(default="cover", pattern=_SLOT.pattern)
    """Which of the lecture's images this replaces (`cover`, `segment-1-image-1`, ...)."""


@register_payload
class ImageGenerationPayload(Payload):
    """The step's data: what was asked for, the candidate, and the image it would replace."""

    kind: Literal["image_generation"] = "image_generation"
    prompt: str
    model: str
    size: ImageSize
    slot: str
    candidate: AssetRef
    previous: AssetRef | None
    decision: Decision | None = None


@register_payload
class ImageReviewPayload(Payload):
    """What the "Review Image" dialog shows."""

    kind: Literal["image_review"] = "image_review"
    candidate: AssetRef
    previous: AssetRef | None


async def generate_image(ctx: FlowContext[ImageGenerationInput]) -> None:
    rt, run, services = ctx.runtime, ctx.run, ctx.services
    await rt.record(
        StepStarted(step=STEP, summary="Generating image", at=rt.now()),
        MessageAdded(step=STEP, key="start", text=START, at=rt.now()),
    )

    async def make_candidate() -> ImageGenerationPayload:
        lecture = await services.lectures.get(run.lecture_id)
        if lecture is None:
            raise NotFound(f"lecture {run.lecture_id} is gone")
        config = lecture.config
        request_prompt = image_prompt(config, ctx.input.prompt or config.prompt or lecture.title)
        model = ctx.input.model or config.image_model
        size = ctx.input.size or config.image_size
        image = await services.providers.image.generate(
            ImageRequest(model=model, prompt=request_prompt, size=size)
        )
        candidate = await services.assets.add_candidate(
            owner_id=run.owner_id,
            lecture_id=run.lecture_id,
            run_id=run.run_id,
            slot=ctx.input.slot,
            data=image.data,
            media_type=image.media_type,
            details={"width": image.width, "height": image.height},
        )
        previous = await services.assets.current(run.lecture_id, ctx.input.slot)
        return ImageGenerationPayload(
            prompt=request_prompt,
            model=model,
            size=size,
            slot=ctx.input.slot,
            candidate=candidate,
            previous=previous,
        )

    generated = await rt.unit("generate-image", make_candidate, ImageGenerationPayload)
    await rt.record(PayloadRecorded(step=STEP, payload=generated, at=rt.now()))

    review = HumanRequest(
        id=REVIEW,
        title="Review Image",
        payload=ImageReviewPayload(candidate=generated.candidate, previous=generated.previous),
        requested_at=rt.now(),
    )
    decision = await rt.ask(STEP, review, summary="Image Ready for Review")
    decided = generated.model_copy(update={"decision": decision.decision})

    if decision.decision is Decision.ACCEPT:

        async def keep() -> AssetRef:
            return await services.assets.accept(generated.candidate.id)

        await rt.unit("accept-image", keep, AssetRef)
        text, summary, level = ACCEPTED, "Image saved", MessageLevel.SUCCESS
    else:

        async def drop() -> AssetRef:
            await services.assets.discard(generated.candidate.id)
            return generated.candidate

        await rt.unit("discard-image", drop, AssetRef)
        text, summary, level = REJECTED, "Image not selected", MessageLevel.INFO
    await rt.record(
        PayloadRecorded(step=STEP, payload=decided, at=rt.now()),
        MessageAdded(step=STEP, key="decided", text=text, level=level, at=rt.now()),
        StepCompleted(step=STEP, summary=summary, at=rt.now()),
        RunCompleted(outcome=summary, at=rt.now()),
    )


IMAGE = register_kind(
    WorkflowKind(
        key=KIND,
        title="Generating Image",
        description="Generate one image for the lecture and let a person accept or reject it.",
        steps=(StepDefinition(key=STEP, title="Generate Image"),),
        input_model=ImageGenerationInput,
        flow=generate_image,
    )
)
