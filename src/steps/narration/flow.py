"""Narration Audio Generation: one segment's narration, generated and reviewed like an image."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.lectures.repository import Lecture
from src.lectures.slots import narration_slot_name
from src.state.model import Decision, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.asset_review import ReviewCopy, generate_and_review
from src.steps.kind import Route, WorkflowKind
from src.steps.lecture_context import check_segment, load_lecture
from src.steps.media import make_speech
from src.steps.runtime import FlowContext

KEY = "narration"
STEP = "generate_narration"

COPY = ReviewCopy(
    step=STEP,
    request_id="review-narration",
    generating="Generating narration",
    start="Starting narration audio generation",
    review_title="Review Narration",
    ready="Narration Ready for Review",
    accepted="The narration audio is now saved and will be used in video",
    rejected="The narration audio is not selected. You can try another generation",
    saved="Narration saved",
    not_selected="Narration not selected",
)


class NarrationInput(BaseModel):
    """What "Generate Narration" takes: which segment, and optionally new words or voice."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    segment: int = Field(default=1, ge=1, le=999)
    """Which script segment to narrate (1-based)."""
    text: str = Field(default="", max_length=4000)
    """The words to speak; empty means the segment's text in the lecture's timeline."""
    voice: str | None = Field(default=None, min_length=1, max_length=50)
    """Overrides the lecture's voice."""


@register_payload
class NarrationGenerationPayload(Payload):
    kind: Literal["narration_generation"] = "narration_generation"
    segment: int
    text: str
    voice: str
    model: str
    slot: str
    candidate: AssetRef
    previous: AssetRef | None
    decision: Decision | None = None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


@register_payload
class NarrationReviewPayload(Payload):
    """What the "Review Narration" dialog plays."""

    kind: Literal["narration_review"] = "narration_review"
    text: str
    candidate: AssetRef
    previous: AssetRef | None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


def segment_text(timeline: dict[str, object] | None, segment: int) -> str | None:
    segments = (timeline or {}).get("segments")
    if isinstance(segments, list):
        for item in segments:
            if isinstance(item, dict) and item.get("number") == segment:
                text = item.get("text")
                return text if isinstance(text, str) else None
    return None


def check_narration_input(given: NarrationInput, lecture: Lecture) -> None:
    """The segment must be one the lecture has."""
    check_segment(lecture, given.segment, "segment")


async def generate_narration(ctx: FlowContext[NarrationInput]) -> None:
    run, services, given = ctx.run, ctx.services, ctx.input
    slot = narration_slot_name(given.segment)

    async def generate(feedback: tuple[str, ...]) -> NarrationGenerationPayload:
        lecture = await load_lecture(services, run)
        check_narration_input(given, lecture)  # the lecture may have changed since the start
        config = lecture.config
        text = (
            given.text
            or segment_text(lecture.timeline, given.segment)
            or config.prompt
            or lecture.title
        )
        voice = given.voice or config.voice
        candidate = await make_speech(
            services, run, slot=slot, config=config, voice=voice, text=text, feedback=feedback
        )
        return NarrationGenerationPayload(
            segment=given.segment,
            text=text,
            voice=voice,
            model=config.speech_model,
            slot=slot,
            candidate=candidate,
            previous=await services.assets.current(run.lecture_id, slot),
        )

    await generate_and_review(
        ctx.runtime,
        services,
        COPY,
        generate=generate,
        output=NarrationGenerationPayload,
        review=lambda p: NarrationReviewPayload(
            text=p.text, candidate=p.candidate, candidates=p.candidates, previous=p.previous
        ),
        changes=True,
    )


class NarrationRoute(BaseModel):
    """What a sentence asking for narration says."""

    segment: int | None = Field(description="Which segment to narrate (1-based).")


def _offline_route(sentence: str) -> NarrationRoute | None:
    lowered = sentence.lower()
    if not re.search(r"narrat|voice[- ]?over|voiceover", lowered):
        return None
    segment = re.search(r"segment (\d+)", lowered)
    return NarrationRoute(segment=int(segment.group(1)) if segment else None)


KIND = WorkflowKind(
    key=KEY,
    title="Generating Narration",
    description="Generate one segment's narration audio and let a person accept or reject it.",
    steps=(StepDefinition(key=STEP, title="Generate Narration"),),
    input_model=NarrationInput,
    flow=generate_narration,
    settling_requests=frozenset({COPY.request_id}),
    check_input=check_narration_input,
    route=Route(
        fields=NarrationRoute,
        to_input=lambda fields, _: {"segment": fields.segment or 1},
        offline=_offline_route,
        offline_reason="The request is about narration audio.",
        offline_rank=10,
    ),
    step_nodes="src.steps.narration.graphql",
)
