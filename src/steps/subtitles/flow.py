"""Subtitles Generation: "Generating Subtitles", WebVTT captions for the lecture's video from its
script and its narration's real durations, reviewed (text editable), then attached to the
timeline."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from src.assets.library import AssetRef
from src.errors import InvalidInput
from src.lectures.repository import Lecture
from src.lectures.timeline import Timeline, TrackSlot, resolve_current
from src.state.model import Decision, HumanRequest, StepDefinition
from src.state.payloads import Payload, register_payload
from src.steps.asset_review import ReviewCopy, generate_and_review
from src.steps.kind import EditInput, Route, WorkflowKind
from src.steps.lecture_context import load_lecture, store_candidate
from src.steps.runtime import FlowContext, RunInfo, Services
from src.steps.subtitles.vtt import SubtitleCue, cues_of, render_vtt

KEY = "subtitles"
STEP = "generate_subtitles"
SLOT = "subtitles"
MEDIA_TYPE = "text/vtt"
MAX_CUE_TEXT = 500

COPY = ReviewCopy(
    step=STEP,
    request_id="review-subtitles",
    generating="Generating subtitles",
    start="Starting subtitle generation",
    review_title="Review Subtitles",
    ready="Subtitles Ready for Review",
    accepted="Subtitles are saved and will be shown in the video",
    rejected="The subtitles are not selected. You can try another generation",
    saved="Subtitles saved",
    not_selected="Subtitles not selected",
)

NO_VIDEO = (
    "This lecture has no script and narration yet: generate the full video first, "
    "then its subtitles."
)


class SubtitlesInput(BaseModel):
    """What "Generate Subtitles" takes: how long a subtitle line may be."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    max_line_length: int = Field(default=42, ge=20, le=80)
    """Characters per subtitle line; longer sentences wrap onto more lines."""


@register_payload
class SubtitlesPayload(Payload):
    """The step's data: the cues, the WebVTT file made of them and the one it would replace."""

    kind: Literal["subtitles_generation"] = "subtitles_generation"
    max_line_length: int
    cues: tuple[SubtitleCue, ...]
    candidate: AssetRef
    previous: AssetRef | None
    decision: Decision | None = None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


@register_payload
class SubtitlesReviewPayload(Payload):
    """What the "Review Subtitles" dialog shows: the cues (their text editable) and the files."""

    kind: Literal["subtitles_review"] = "subtitles_review"
    cues: tuple[SubtitleCue, ...]
    candidate: AssetRef
    previous: AssetRef | None
    candidates: tuple[AssetRef, ...] = ()
    """Every candidate of the latest round (here always the one `candidate`)."""


class SubtitleCueEdit(BaseModel):
    """A cue's new text."""

    number: int = Field(description="The cue, as numbered in the review.")
    text: str = Field(description="What it should say instead.")


class SubtitlesEdit(BaseModel):
    """Edits in "Review Subtitles": new text for some cues (their timing stays)."""

    cues: list[SubtitleCueEdit] = Field(description="The cues whose text changes.")


def check_subtitles_input(given: SubtitlesInput, lecture: Lecture) -> None:
    """Subtitles follow a script and its narration: the lecture needs an assembled video."""
    segments = (lecture.timeline or {}).get("segments")
    if not isinstance(segments, list) or not segments:
        raise InvalidInput(NO_VIDEO)


def validate_subtitles_edit(request: HumanRequest, edited: Mapping[str, Any]) -> Payload:
    """New text for numbered cues: each must be a cue of the review, with 1 to 500 characters
    of plain text (a cue's text cannot hold WebVTT's `-->`)."""
    at = ("edits", "subtitles")
    if not isinstance(request.payload, SubtitlesReviewPayload):
        raise InvalidInput("this request has no subtitles to edit", field=("edits",))
    try:
        edit = SubtitlesEdit.model_validate(edited)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(first["msg"], field=(*at, *map(str, first["loc"]))) from None
    texts = {cue.number: cue.text for cue in request.payload.cues}
    for index, cue in enumerate(edit.cues):
        where = (*at, "cues", str(index))
        if cue.number not in texts:
            raise InvalidInput(f"There is no cue {cue.number}.", field=(*where, "number"))
        text = " ".join(cue.text.split())
        if not 1 <= len(text) <= MAX_CUE_TEXT:
            raise InvalidInput(
                f"A cue's text has 1 to {MAX_CUE_TEXT} characters.", field=(*where, "text")
            )
        if "-->" in text:
            raise InvalidInput('A cue\'s text cannot contain "-->".', field=(*where, "text"))
        texts[cue.number] = text
    cues = tuple(c.model_copy(update={"text": texts[c.number]}) for c in request.payload.cues)
    return request.payload.model_copy(update={"cues": cues})


async def _store_vtt(
    services: Services, run: RunInfo, cues: tuple[SubtitleCue, ...], max_line_length: int
) -> AssetRef:
    return await store_candidate(
        services,
        run,
        slot=SLOT,
        data=render_vtt(cues, max_line_length).encode(),
        media_type=MEDIA_TYPE,
        details={"cues": len(cues)},
    )


async def generate_subtitles(ctx: FlowContext[SubtitlesInput]) -> None:
    run, services, given = ctx.run, ctx.services, ctx.input

    async def generate() -> SubtitlesPayload:
        lecture = await load_lecture(services, run)
        check_subtitles_input(given, lecture)  # the lecture may have changed since the start
        assert lecture.timeline is not None
        in_use = await services.assets.current_of_lecture(run.lecture_id)
        # The narration in use now, with its real length, times the cues.
        timeline = resolve_current(
            Timeline.model_validate(lecture.timeline), {a.slot: a for a in in_use}
        )
        cues = cues_of(timeline)
        return SubtitlesPayload(
            max_line_length=given.max_line_length,
            cues=cues,
            candidate=await _store_vtt(services, run, cues, given.max_line_length),
            previous=await services.assets.current(run.lecture_id, SLOT),
        )

    async def revise(generated: SubtitlesPayload, edited: Payload) -> SubtitlesPayload:
        assert isinstance(edited, SubtitlesReviewPayload)
        candidate = await _store_vtt(services, run, edited.cues, generated.max_line_length)
        return generated.model_copy(update={"cues": edited.cues, "candidate": candidate})

    await generate_and_review(
        ctx.runtime,
        services,
        COPY,
        generate=lambda _feedback: generate(),  # subtitles are edited, not regenerated
        output=SubtitlesPayload,
        review=lambda p: SubtitlesReviewPayload(
            cues=p.cues, candidate=p.candidate, previous=p.previous
        ),
        revise=revise,
    )


class SubtitlesRoute(BaseModel):
    """Subtitles need nothing beyond the sentence."""


def _offline_route(sentence: str) -> SubtitlesRoute | None:
    asks = re.search(r"\b(subtitles?|captions?|captioning)\b", sentence.lower())
    return SubtitlesRoute() if asks else None


KIND = WorkflowKind(
    key=KEY,
    title="Generating Subtitles",
    description="Make subtitles (captions) for the lecture's video from its script and "
    "narration, and let a person edit, accept or reject them.",
    steps=(StepDefinition(key=STEP, title="Generate Subtitles"),),
    input_model=SubtitlesInput,
    flow=generate_subtitles,
    settling_requests=frozenset({COPY.request_id}),
    check_input=check_subtitles_input,
    edit_validators={COPY.request_id: validate_subtitles_edit},
    edit_inputs=(
        EditInput(
            name="subtitles", model=SubtitlesEdit, description='Edits in "Review Subtitles".'
        ),
    ),
    route=Route(
        fields=SubtitlesRoute,
        to_input=lambda _, __: {},
        offline=_offline_route,
        offline_reason="The request asks for subtitles.",
        offline_rank=5,
    ),
    timeline_tracks=(TrackSlot(slot=SLOT, kind="subtitles", label="Subtitles"),),
    step_nodes="src.steps.subtitles.graphql",
)
