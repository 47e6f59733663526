"""GraphQL nodes for the six steps of Full Video Generation."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from src.gql.common import Asset
from src.gql.naming import graphql_name
from src.gql.pydantic_types import LectureConfiguration, configuration
from src.gql.step import Step, step_fields, step_node
from src.gql.timeline import Timeline
from src.state.model import StepState
from src.steps import full_video as flow
from src.steps import full_video_models as data


@strawberry.type(description="One setting that differs from what it was.")
class ConfigurationChange:
    field: str = strawberry.field(
        description="The setting's name, as in `LectureConfiguration` (e.g. `durationSeconds`)."
    )
    before: JSON = strawberry.field(description="Its value before.")
    after: JSON = strawberry.field(description="Its value after.")


def _changes(changes: tuple[data.ConfigChange, ...]) -> list[ConfigurationChange]:
    return [
        ConfigurationChange(field=graphql_name(c.field), before=c.before, after=c.after)
        for c in changes
    ]


@strawberry.type(description='What "Review and Confirm Configuration" shows and lets you edit.')
class ConfigurationReview:
    candidate: LectureConfiguration = strawberry.field(
        description="The defaults merged with what the prompt asked for; not saved yet."
    )
    changes: list[ConfigurationChange] = strawberry.field(description="What the prompt changed.")


def _payload(step: StepState, cls: type[Any]) -> Any:
    return step.payload if isinstance(step.payload, cls) else None


@step_node(flow.KIND, flow.CONFIGURE)
@strawberry.type(description="Step 1: parse the prompt, review and save the configuration.")
class ConfigurationStep(Step):
    prompt: str | None = strawberry.field(description="The person's request.")
    candidate_configuration: LectureConfiguration | None = strawberry.field(
        description="The proposed configuration."
    )
    changes: list[ConfigurationChange] = strawberry.field(description="What the prompt changed.")
    ignored_fields: list[str] = strawberry.field(
        description="Settings the prompt asked for with out-of-range values (as named in "
        "`LectureConfiguration`)."
    )
    saved_configuration: LectureConfiguration | None = strawberry.field(
        description="The configuration saved on the lecture, once confirmed."
    )
    configuration_review: ConfigurationReview | None = strawberry.field(
        description='The pending "Review and Confirm Configuration".'
    )

    @classmethod
    def from_state(cls, step: StepState, total: int) -> ConfigurationStep:
        payload = _payload(step, data.ConfigurationPayload)
        pending = step.request.payload if step.request is not None else None
        review = (
            ConfigurationReview(
                candidate=configuration(pending.candidate), changes=_changes(pending.changes)
            )
            if isinstance(pending, data.ConfigurationReview)
            else None
        )
        return cls(
            **step_fields(step, total),
            prompt=payload.request if payload else None,
            candidate_configuration=configuration(payload.candidate) if payload else None,
            changes=_changes(payload.changes) if payload else [],
            ignored_fields=[graphql_name(f) for f in payload.ignored] if payload else [],
            saved_configuration=(
                configuration(payload.saved) if payload and payload.saved else None
            ),
            configuration_review=review,
        )


@strawberry.type(description="One narrative segment of the script.")
class ScriptSegment:
    number: int = strawberry.field(description="1-based position.")
    narration: str = strawberry.field(description="What the narrator says.")
    visual: str = strawberry.field(description="What is on screen.")


@step_node(flow.KIND, flow.SCRIPT)
@strawberry.type(description="Step 2: the script, as narrative segments.")
class ScriptStep(Step):
    script_title: str | None = strawberry.field(description="The script's title.")
    script_segments: list[ScriptSegment] = strawberry.field(description="Segments in order.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> ScriptStep:
        payload = _payload(step, data.ScriptPayload)
        segments = payload.segments if payload else ()
        return cls(
            **step_fields(step, total),
            script_title=payload.title if payload else None,
            script_segments=[
                ScriptSegment(number=n, narration=s.narration, visual=s.visual)
                for n, s in enumerate(segments, start=1)
            ],
        )


@strawberry.type(description="The pictures of one segment.")
class SegmentImages:
    number: int = strawberry.field(description="The segment.")
    prompts: list[str] = strawberry.field(description="One image prompt per picture.")
    images: list[Asset] = strawberry.field(description="The saved pictures (empty until saved).")


@step_node(flow.KIND, flow.IMAGES)
@strawberry.type(description="Step 3: image prompts, then the pictures of every segment.")
class SegmentImagesStep(Step):
    images_per_segment: int | None = strawberry.field(description="Pictures per segment.")
    segment_images: list[SegmentImages] = strawberry.field(description="Per segment, in order.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> SegmentImagesStep:
        payload = _payload(step, data.SegmentImagesPayload)
        return cls(
            **step_fields(step, total),
            images_per_segment=payload.images_per_segment if payload else None,
            segment_images=[
                SegmentImages(
                    number=s.number,
                    prompts=list(s.prompts),
                    images=[Asset(ref=i) for i in s.images],
                )
                for s in (payload.segments if payload else ())
            ],
        )


@strawberry.type(description="The narration of one segment.")
class NarrationFile:
    segment: int = strawberry.field(description="The segment.")
    text: str = strawberry.field(description="The words spoken.")
    audio: Asset = strawberry.field(description="The audio file.")


@step_node(flow.KIND, flow.NARRATION)
@strawberry.type(description="Step 4: one narration audio file per segment.")
class NarrationStep(Step):
    voice: str | None = strawberry.field(description="The voice used.")
    files: list[NarrationFile] = strawberry.field(description="Per segment, in order.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> NarrationStep:
        payload = _payload(step, data.NarrationPayload)
        return cls(
            **step_fields(step, total),
            voice=payload.voice if payload else None,
            files=[
                NarrationFile(segment=f.segment, text=f.text, audio=Asset(ref=f.audio))
                for f in (payload.files if payload else ())
            ],
        )


@step_node(flow.KIND, flow.SCORE)
@strawberry.type(description="Step 5: one background track for the whole timeline.")
class BackgroundScoreStep(Step):
    prompt: str | None = strawberry.field(description="The prompt sent to the music model.")
    music: Asset | None = strawberry.field(description="The track.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> BackgroundScoreStep:
        payload = _payload(step, data.ScorePayload)
        return cls(
            **step_fields(step, total),
            prompt=payload.prompt if payload else None,
            music=Asset(ref=payload.music) if payload else None,
        )


@step_node(flow.KIND, flow.TIMELINE)
@strawberry.type(description="Step 6: everything assembled into a playable timeline.")
class TimelineStep(Step):
    timeline: Timeline | None = strawberry.field(description="The assembled timeline.")

    @classmethod
    def from_state(cls, step: StepState, total: int) -> TimelineStep:
        payload = _payload(step, data.TimelinePayload)
        return cls(
            **step_fields(step, total),
            timeline=Timeline.from_model(payload.timeline) if payload else None,
        )
