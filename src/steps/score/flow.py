"""Background Score Generation: the lecture's music track, generated and reviewed."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.lectures.slots import SCORE as SLOT
from src.lectures.timeline import audio_seconds
from src.state.model import Decision, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.asset_review import ReviewCopy, generate_and_review
from src.steps.kind import Route, WorkflowKind
from src.steps.lecture_context import load_lecture
from src.steps.media import make_music
from src.steps.prompts import music_prompt, with_feedback
from src.steps.runtime import FlowContext

KEY = "background_score"
STEP = "generate_score"

COPY = ReviewCopy(
    step=STEP,
    request_id="review-score",
    generating="Generating background score",
    start="Starting background score generation",
    review_title="Review Background Score",
    ready="Background Score Ready for Review",
    accepted="The background score is now saved and will be used in video",
    rejected="The background score is not selected. You can try another generation",
    saved="Background score saved",
    not_selected="Background score not selected",
)


class ScoreInput(BaseModel):
    """What "Generate Background Score" takes: optionally a different music style."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    music_style: str | None = Field(default=None, min_length=1, max_length=200)
    """Overrides the lecture's music style; empty keeps it."""


@register_payload
class ScoreGenerationPayload(Payload):
    kind: Literal["score_generation"] = "score_generation"
    prompt: str
    model: str
    duration_seconds: float
    candidate: AssetRef
    previous: AssetRef | None
    decision: Decision | None = None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


@register_payload
class ScoreReviewPayload(Payload):
    """What the "Review Background Score" dialog plays."""

    kind: Literal["score_review"] = "score_review"
    candidate: AssetRef
    previous: AssetRef | None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


async def generate_score(ctx: FlowContext[ScoreInput]) -> None:
    run, services, given = ctx.run, ctx.services, ctx.input

    async def generate(feedback: tuple[str, ...]) -> ScoreGenerationPayload:
        lecture = await load_lecture(services, run)
        config = lecture.config
        if given.music_style:
            config = config.model_copy(update={"music_style": given.music_style})
        timeline_length = (lecture.timeline or {}).get("duration_seconds")
        length = (
            float(timeline_length)
            if isinstance(timeline_length, (int, float)) and timeline_length > 0
            else float(config.duration_seconds)
        )
        prompt = with_feedback(music_prompt(config, length), feedback)
        candidate = await make_music(
            services, run, slot=SLOT, model=config.music_model, prompt=prompt, seconds=length
        )
        return ScoreGenerationPayload(
            prompt=prompt,
            model=config.music_model,
            duration_seconds=audio_seconds(candidate),
            candidate=candidate,
            previous=await services.assets.current(run.lecture_id, SLOT),
        )

    await generate_and_review(
        ctx.runtime,
        services,
        COPY,
        generate=generate,
        output=ScoreGenerationPayload,
        review=lambda p: ScoreReviewPayload(
            candidate=p.candidate, candidates=p.candidates, previous=p.previous
        ),
        changes=True,
    )


class ScoreRoute(BaseModel):
    """What a sentence asking for music says."""

    music_style: str | None = Field(description="The music style asked for.")


def _offline_route(sentence: str) -> ScoreRoute | None:
    lowered = sentence.lower()
    if not re.search(r"\b(music|score|soundtrack)\b", lowered):
        return None
    style = re.search(r"(?:with|make it|more) ([\w ,-]+?) (?:music|score|soundtrack)", lowered)
    return ScoreRoute(music_style=style.group(1).strip() if style else None)


KIND = WorkflowKind(
    key=KEY,
    title="Generating Background Score",
    description="Generate the lecture's background music and let a person accept or reject it.",
    steps=(StepDefinition(key=STEP, title="Generate Background Score"),),
    input_model=ScoreInput,
    flow=generate_score,
    settling_requests=frozenset({COPY.request_id}),
    route=Route(
        fields=ScoreRoute,
        to_input=lambda fields, _: (
            {"music_style": fields.music_style} if fields.music_style else {}
        ),
        offline=_offline_route,
        offline_reason="The request is about the background music.",
        offline_rank=20,
    ),
    step_nodes="src.steps.score.graphql",
)
