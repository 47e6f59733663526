"""Background Score Generation: the lecture's music track, generated and reviewed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.providers.ports import MusicRequest
from src.state.model import Decision, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.asset_review import ReviewCopy, generate_and_review
from src.steps.kind import WorkflowKind, register_kind
from src.steps.lecture_context import load_lecture, store_candidate
from src.steps.prompts import music_prompt
from src.steps.runtime import FlowContext

KIND = "background_score"
STEP = "generate_score"
SLOT = "score"

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


@register_payload
class ScoreReviewPayload(Payload):
    """What the "Review Background Score" dialog plays."""

    kind: Literal["score_review"] = "score_review"
    candidate: AssetRef
    previous: AssetRef | None


async def generate_score(ctx: FlowContext[ScoreInput]) -> None:
    run, services, given = ctx.run, ctx.services, ctx.input

    async def generate() -> ScoreGenerationPayload:
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
        prompt = music_prompt(config, length)
        music = await services.providers.music.compose(
            MusicRequest(model=config.music_model, prompt=prompt, duration_seconds=length)
        )
        candidate = await store_candidate(
            services,
            run,
            slot=SLOT,
            data=music.data,
            media_type=music.media_type,
            details={"duration_seconds": music.duration_seconds},
        )
        return ScoreGenerationPayload(
            prompt=prompt,
            model=config.music_model,
            duration_seconds=music.duration_seconds,
            candidate=candidate,
            previous=await services.assets.current(run.lecture_id, SLOT),
        )

    await generate_and_review(
        ctx.runtime,
        services,
        COPY,
        generate=generate,
        output=ScoreGenerationPayload,
        review=lambda p: ScoreReviewPayload(candidate=p.candidate, previous=p.previous),
    )


SCORE = register_kind(
    WorkflowKind(
        key=KIND,
        title="Generating Background Score",
        description="Generate the lecture's background music and let a person accept or reject it.",
        steps=(StepDefinition(key=STEP, title="Generate Background Score"),),
        input_model=ScoreInput,
        flow=generate_score,
        settling_requests=frozenset({COPY.request_id}),
        from_request=lambda routed: (
            {"music_style": routed.music_style} if routed.music_style else {}
        ),
    )
)
