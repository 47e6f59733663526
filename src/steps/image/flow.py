"""Image Generation: "Generating Image", one step with a human review of the candidate."""

from __future__ import annotations

import asyncio
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.errors import InvalidInput
from src.lectures.config import ImageSize
from src.lectures.repository import Lecture
from src.lectures.slots import IMAGE_SLOT_PATTERN, image_slot
from src.state.model import Decision, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.asset_review import ReviewCopy, generate_and_review
from src.steps.kind import Route, WorkflowKind
from src.steps.lecture_context import check_segment, load_lecture
from src.steps.media import make_image
from src.steps.prompts import image_prompt, with_feedback
from src.steps.runtime import FlowContext

KEY = "image"
STEP = "generate_image"

COPY = ReviewCopy(
    step=STEP,
    request_id="review-image",
    generating="Generating image",
    start="Starting image generation",
    review_title="Review Image",
    ready="Image Ready for Review",
    accepted="The image is now saved and will be used in video",
    rejected="The image is not selected. You can try another generation",
    saved="Image saved",
    not_selected="Image not selected",
)


class ImageGenerationInput(BaseModel):
    """What "Generate Image" takes: the picture's subject, model and size, and where it goes."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    prompt: str = Field(default="", max_length=4000)
    """The image prompt; empty means the lecture's own prompt."""
    model: str | None = Field(default=None, min_length=1, max_length=100)
    """Overrides the lecture's image model."""
    size: ImageSize | None = None
    """Overrides the lecture's image size."""
    slot: str = Field(default="cover", pattern=IMAGE_SLOT_PATTERN)
    """Which of the lecture's images this replaces: `cover` or `segment-N-image-K`."""
    variations: int = Field(default=1, ge=1, le=4)
    """How many candidates to generate (1 to 4); the review shows them all to pick one."""


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
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (the variations); `candidate` is the first, or the
    one chosen once accepted."""


@register_payload
class ImageReviewPayload(Payload):
    """What the "Review Image" dialog shows."""

    kind: Literal["image_review"] = "image_review"
    candidate: AssetRef
    previous: AssetRef | None
    candidates: tuple[AssetRef, ...] = ()


def check_image_input(given: ImageGenerationInput, lecture: Lecture) -> None:
    """A segment slot must name a picture the lecture has (`cover` always exists)."""
    named = image_slot(given.slot)
    if named is None or named.segment == 0:
        return
    segment, index = named.segment, named.position
    pictures = check_segment(lecture, segment, "slot")
    if index > pictures:
        plural = "" if pictures == 1 else "s"
        raise InvalidInput(
            f"Segment {segment} has {pictures} image{plural}, so there is no image {index}.",
            field=("slot",),
        )


async def generate_image(ctx: FlowContext[ImageGenerationInput]) -> None:
    run, services, given = ctx.run, ctx.services, ctx.input

    async def generate(feedback: tuple[str, ...]) -> ImageGenerationPayload:
        lecture = await load_lecture(services, run)
        check_image_input(given, lecture)  # the lecture may have changed since the start
        config = lecture.config
        subject = given.prompt or config.prompt or lecture.title
        prompt = with_feedback(image_prompt(config, subject), feedback)
        model = given.model or config.image_model
        size = given.size or config.image_size
        several = given.variations > 1
        candidates = await asyncio.gather(
            *(
                make_image(
                    services,
                    run,
                    slot=given.slot,
                    model=model,
                    prompt=prompt,
                    size=size,
                    variation=n if several else 0,
                )
                for n in range(1, given.variations + 1)
            )
        )
        return ImageGenerationPayload(
            prompt=prompt,
            model=model,
            size=size,
            slot=given.slot,
            candidate=candidates[0],
            candidates=tuple(candidates),
            previous=await services.assets.current(run.lecture_id, given.slot),
        )

    await generate_and_review(
        ctx.runtime,
        services,
        COPY,
        generate=generate,
        output=ImageGenerationPayload,
        review=lambda p: ImageReviewPayload(
            candidate=p.candidate, candidates=p.candidates, previous=p.previous
        ),
        changes=True,
    )


class ImageRoute(BaseModel):
    """What a sentence asking for a picture says."""

    subject: str | None = Field(description="What the picture shows.")


def _offline_route(sentence: str) -> ImageRoute | None:
    lowered = sentence.lower()
    asks = re.search(r"\b(image|picture|illustration|cover|photo)\b", lowered)
    if asks and not re.search(r"\b(video|lecture)\b", lowered):
        return ImageRoute(subject=sentence)
    return None


KIND = WorkflowKind(
    key=KEY,
    title="Generating Image",
    description="Generate one image (or up to four to choose from) for the lecture and let a "
    "person accept one, reject them, or ask for changes.",
    steps=(StepDefinition(key=STEP, title="Generate Image"),),
    input_model=ImageGenerationInput,
    flow=generate_image,
    settling_requests=frozenset({COPY.request_id}),
    check_input=check_image_input,
    route=Route(
        fields=ImageRoute,
        to_input=lambda fields, sentence: {"prompt": fields.subject or sentence},
        offline=_offline_route,
        offline_reason="The request asks for a new picture.",
        offline_rank=30,
    ),
    step_nodes="src.steps.image.graphql",
)
