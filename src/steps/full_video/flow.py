"""Full Video Generation: "Generating Full Video", six steps from prompt to timeline."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from src.assets.library import AssetRef
from src.errors import AppError, ProviderError
from src.lectures.config import LectureConfig
from src.lectures.slots import SCORE as SCORE_SLOT
from src.lectures.slots import image_slot_name, narration_slot_name
from src.lectures.timeline import audio_seconds
from src.providers.ports import TextRequest
from src.state.events import (
    Event,
    MessageAdded,
    PayloadRecorded,
    RunCancelled,
    RunCompleted,
    RunFailed,
    StepCompleted,
    StepFailed,
    StepStarted,
)
from src.state.model import (
    Decision,
    HumanRequest,
    MessageLevel,
    RunError,
    StepDefinition,
)
from src.state.payloads import Payload
from src.steps import prompts
from src.steps.full_video.config_edit import (
    check_confirmed_configuration,
    merge_delta,
    validate_config_edit,
)
from src.steps.full_video.models import (
    ConfigDelta,
    ConfigurationPayload,
    ConfigurationReview,
    GeneratedAssets,
    ImagePrompts,
    NarrationFile,
    NarrationPayload,
    ScorePayload,
    Script,
    ScriptPayload,
    SegmentImages,
    SegmentImagesPayload,
    TimelinePayload,
)
from src.steps.full_video.timeline import assemble_timeline
from src.steps.kind import Route, WorkflowKind
from src.steps.lecture_context import load_lecture
from src.steps.media import make_image, make_music, make_speech
from src.steps.runtime import FlowContext, Runtime, Services, UnitProgress

KEY = "full_video"
CONFIGURE_STEP, SCRIPT_STEP, IMAGES_STEP, NARRATION_STEP, SCORE_STEP, TIMELINE_STEP = (
    "configuration",
    "script",
    "segment_images",
    "narration",
    "background_score",
    "timeline",
)
REVIEW = "review-configuration"
PARALLEL_MODEL_CALLS = 3
"""How many image or speech calls one run makes at once."""


class FullVideoInput(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    prompt: str = Field(min_length=1, max_length=4000)
    """The person's request, e.g. "A 2 minute lecture on volcanoes for kids"."""


async def full_video(ctx: FlowContext[FullVideoInput]) -> None:
    # A resumed run (`retryRun`) takes over the steps the run it resumes completed: each
    # step's final payload is its output, so those steps make no model call again.
    configured = ctx.reused_output(CONFIGURE_STEP, ConfigurationPayload)
    config = configured.saved if configured is not None else None
    config = config or await _configure(ctx)
    if config is None:
        return
    script = ctx.reused_output(SCRIPT_STEP, ScriptPayload) or await _script(
        ctx.runtime, ctx.services, config
    )
    if script is None:
        return
    images = ctx.reused_output(IMAGES_STEP, SegmentImagesPayload) or await _images(
        ctx, config, script
    )
    narration = ctx.reused_output(NARRATION_STEP, NarrationPayload) or await _narration(
        ctx, config, script
    )
    music = ctx.reused_output(SCORE_STEP, ScorePayload) or await _score(ctx, config, narration)
    await _timeline(ctx, config, images, narration, music)


async def _configure(ctx: FlowContext[FullVideoInput]) -> LectureConfig | None:
    rt, services, run = ctx.runtime, ctx.services, ctx.run
    await rt.record(
        StepStarted(step=CONFIGURE_STEP, summary="Analyzing prompt", at=rt.now()),
        MessageAdded(
            step=CONFIGURE_STEP, key="analyzing", text="Analyzing the input prompt", at=rt.now()
        ),
    )

    async def parse() -> ConfigurationPayload:
        lecture = await load_lecture(services, run)
        base = lecture.config
        request = TextRequest(
            model=base.text_model,
            system=prompts.CONFIG_SYSTEM,
            prompt=prompts.config_prompt(base, ctx.input.prompt),
            task="parse_config",
            context={"request": ctx.input.prompt, "config": base.model_dump()},
        )
        delta = await services.providers.text.structured(request, ConfigDelta)
        candidate, changes, ignored = merge_delta(base, delta.model_dump(), ctx.input.prompt)
        return ConfigurationPayload(
            request=ctx.input.prompt, candidate=candidate, changes=changes, ignored=ignored
        )

    parsed = await rt.unit("parse-prompt", parse, ConfigurationPayload)
    await rt.record(PayloadRecorded(step=CONFIGURE_STEP, key="parsed", payload=parsed, at=rt.now()))
    review = HumanRequest(
        id=REVIEW,
        title="Review and Confirm Configuration",
        payload=ConfigurationReview(candidate=parsed.candidate, changes=parsed.changes),
        requested_at=rt.now(),
    )
    decision = await rt.ask(CONFIGURE_STEP, review, summary="Configuration Ready for Review")
    if decision.decision is Decision.REJECT:
        await rt.record(RunCancelled(by=decision.decided_by, at=rt.now()))
        return None
    edited = decision.edited_payload
    config = edited.candidate if isinstance(edited, ConfigurationReview) else parsed.candidate
    await rt.record(
        MessageAdded(
            step=CONFIGURE_STEP,
            key="accepted",
            text="Configuration accepted, saving configuration",
            summary="Saving configuration",
            at=rt.now(),
        )
    )

    async def save() -> ConfigurationPayload:
        services.limits.check(config)  # the decision was checked; the limits may have changed
        await services.lectures.save_config(run.lecture_id, prompt=ctx.input.prompt, config=config)
        return parsed.model_copy(update={"saved": config})

    saved = await rt.unit("save-configuration", save, ConfigurationPayload)
    await rt.record(
        *step_done(
            rt,
            CONFIGURE_STEP,
            payload=("saved", saved),
            message=("saved", "Configuration saved, proceeding to generation"),
            summary="Configuration saved",
        ),
    )
    return config


async def _script(rt: Runtime, services: Services, config: LectureConfig) -> ScriptPayload | None:
    await rt.record(
        StepStarted(step=SCRIPT_STEP, summary="Creating script", at=rt.now()),
        MessageAdded(
            step=SCRIPT_STEP, key="start", text="Starting to create the script", at=rt.now()
        ),
    )

    async def write() -> ScriptPayload:
        request = TextRequest(
            model=config.text_model,
            system=prompts.SCRIPT_SYSTEM,
            prompt=prompts.script_prompt(config),
            task="script",
            context={"config": config.model_dump()},
        )
        script = await services.providers.text.structured(request, Script)
        segments = script.segments[: config.segment_count]
        if len(segments) < config.segment_count:
            raise ProviderError(
                f"the script has {len(segments)} segments; {config.segment_count} were asked for",
                retriable=True,
            )
        return ScriptPayload(title=script.title, segments=tuple(segments))

    try:
        script = await rt.unit("create-script", write, ScriptPayload)
    except AppError as error:
        await rt.record(
            MessageAdded(
                step=SCRIPT_STEP,
                key="error",
                text=f"Error creating script: {error.message}",
                level=MessageLevel.ERROR,
                at=rt.now(),
            ),
            StepFailed(step=SCRIPT_STEP, summary="Script failed", at=rt.now()),
            RunFailed(
                error=RunError(code=error.code.value, message=error.message, step_key=SCRIPT_STEP),
                at=rt.now(),
            ),
        )
        return None
    await rt.record(
        *step_done(
            rt,
            SCRIPT_STEP,
            payload=("script", script),
            message=("done", "Successfully created the script"),
            summary="Script ready",
        ),
    )
    return script


async def _images(
    ctx: FlowContext[FullVideoInput], config: LectureConfig, script: ScriptPayload
) -> SegmentImagesPayload:
    rt, services, run = ctx.runtime, ctx.services, ctx.run
    per_segment = config.images_per_segment
    await rt.record(
        StepStarted(step=IMAGES_STEP, summary="Generating images", at=rt.now()),
        MessageAdded(
            step=IMAGES_STEP,
            key="start",
            text=f"Starting to generate images. {per_segment} images will be generated per segment",
            at=rt.now(),
        ),
    )

    async def write_prompts() -> SegmentImagesPayload:
        narrations = [s.narration for s in script.segments]
        visuals = [s.visual for s in script.segments]
        request = TextRequest(
            model=config.text_model,
            system=prompts.IMAGE_PROMPTS_SYSTEM,
            prompt=prompts.image_prompts_prompt(config, narrations),
            task="image_prompts",
            context={"config": config.model_dump(), "narrations": narrations, "visuals": visuals},
        )
        answer = await services.providers.text.structured(request, ImagePrompts)
        segments = []
        for number, segment in enumerate(script.segments, start=1):
            given = answer.segments[number - 1].prompts if number <= len(answer.segments) else []
            # A short answer is completed from the script, so every segment gets its pictures.
            filled = [*given[:per_segment], *([segment.visual] * per_segment)][:per_segment]
            segments.append(
                SegmentImages(
                    number=number, prompts=tuple(prompts.image_prompt(config, p) for p in filled)
                )
            )
        return SegmentImagesPayload(images_per_segment=per_segment, segments=tuple(segments))

    planned = await rt.unit("image-prompts", write_prompts, SegmentImagesPayload)
    await rt.record(PayloadRecorded(step=IMAGES_STEP, key="planned", payload=planned, at=rt.now()))

    def generate(segment: int, index: int, prompt: str) -> Any:
        async def work() -> AssetRef:
            return await make_image(
                services,
                run,
                slot=image_slot_name(segment, index),
                model=config.image_model,
                prompt=prompt,
                size=config.image_size,
            )

        return work

    units = [
        (f"image-{s.number}-{i}", generate(s.number, i, prompt))
        for s in planned.segments
        for i, prompt in enumerate(s.prompts, start=1)
    ]
    generated = await rt.units(
        units, AssetRef, limit=PARALLEL_MODEL_CALLS, progress=UnitProgress(IMAGES_STEP, "images")
    )
    await rt.record(
        MessageAdded(
            step=IMAGES_STEP,
            key="generated",
            text="Images generated, starting to save them",
            summary="Saving images",
            at=rt.now(),
        )
    )
    saved = await rt.unit("save-images", lambda: _accept_all(services, generated), GeneratedAssets)
    done = planned.model_copy(
        update={
            "segments": tuple(
                s.model_copy(
                    update={"images": saved.assets[i * per_segment : (i + 1) * per_segment]}
                )
                for i, s in enumerate(planned.segments)
            )
        }
    )
    await rt.record(
        *step_done(
            rt,
            IMAGES_STEP,
            payload=("saved", done),
            message=("saved", "Images are saved and ready"),
            summary="Images ready",
        ),
    )
    return done


def step_done(
    rt: Runtime,
    step: str,
    *,
    payload: tuple[str, Payload],
    message: tuple[str, str],
    summary: str,
) -> tuple[Event, ...]:
    """How every step of this workflow ends: its final payload, a success bullet, completed."""
    (payload_key, data), (message_key, text) = payload, message
    return (
        PayloadRecorded(step=step, key=payload_key, payload=data, at=rt.now()),
        MessageAdded(
            step=step, key=message_key, text=text, level=MessageLevel.SUCCESS, at=rt.now()
        ),
        StepCompleted(step=step, summary=summary, at=rt.now()),
    )


async def _accept_all(services: Services, assets: list[AssetRef]) -> GeneratedAssets:
    # All or none: a cancel never leaves half of a step's files in use.
    return GeneratedAssets(assets=tuple(await services.assets.accept_all([a.id for a in assets])))


async def _narration(
    ctx: FlowContext[FullVideoInput], config: LectureConfig, script: ScriptPayload
) -> NarrationPayload:
    rt, services, run = ctx.runtime, ctx.services, ctx.run
    count = len(script.segments)
    await rt.record(
        StepStarted(step=NARRATION_STEP, summary="Generating narration", at=rt.now()),
        MessageAdded(
            step=NARRATION_STEP,
            key="start",
            text=f"Starting to generate narrative audio. {count} audio files will be generated",
            at=rt.now(),
        ),
    )

    def speak(number: int, text: str) -> Any:
        async def work() -> AssetRef:
            return await make_speech(
                services,
                run,
                slot=narration_slot_name(number),
                config=config,
                voice=config.voice,
                text=text,
            )

        return work

    units = [
        (f"narration-{n}", speak(n, s.narration)) for n, s in enumerate(script.segments, start=1)
    ]
    generated = await rt.units(
        units,
        AssetRef,
        limit=PARALLEL_MODEL_CALLS,
        progress=UnitProgress(NARRATION_STEP, "audio files"),
    )
    saved = await rt.unit(
        "save-narration", lambda: _accept_all(services, generated), GeneratedAssets
    )
    payload = NarrationPayload(
        voice=config.voice,
        files=tuple(
            NarrationFile(segment=n, text=s.narration, audio=a)
            for n, (s, a) in enumerate(zip(script.segments, saved.assets, strict=True), start=1)
        ),
    )
    await rt.record(
        *step_done(
            rt,
            NARRATION_STEP,
            payload=("files", payload),
            message=("saved", "Audio files are generated and saved"),
            summary="Narration ready",
        ),
    )
    return payload


async def _score(
    ctx: FlowContext[FullVideoInput], config: LectureConfig, narration: NarrationPayload
) -> ScorePayload:
    rt, services, run = ctx.runtime, ctx.services, ctx.run
    length = round(sum(audio_seconds(f.audio) for f in narration.files), 3)
    await rt.record(
        StepStarted(step=SCORE_STEP, summary="Generating music", at=rt.now()),
        MessageAdded(
            step=SCORE_STEP, key="start", text="Starting to generate background music.", at=rt.now()
        ),
    )

    async def compose() -> ScorePayload:
        prompt = prompts.music_prompt(config, length)
        candidate = await make_music(
            services, run, slot=SCORE_SLOT, model=config.music_model, prompt=prompt, seconds=length
        )
        return ScorePayload(prompt=prompt, music=await services.assets.accept(candidate.id))

    score = await rt.unit("compose-score", compose, ScorePayload)
    await rt.record(
        *step_done(
            rt,
            SCORE_STEP,
            payload=("score", score),
            message=("saved", "Background music is generated and saved"),
            summary="Music ready",
        ),
    )
    return score


async def _timeline(
    ctx: FlowContext[FullVideoInput],
    config: LectureConfig,
    images: SegmentImagesPayload,
    narration: NarrationPayload,
    score: ScorePayload,
) -> None:
    rt, services, run = ctx.runtime, ctx.services, ctx.run
    await rt.record(StepStarted(step=TIMELINE_STEP, summary="Assembling timeline", at=rt.now()))

    async def assemble() -> TimelinePayload:
        timeline = assemble_timeline(config, images, narration, score)
        await services.lectures.save_timeline(run.lecture_id, timeline.model_dump(mode="json"))
        return TimelinePayload(timeline=timeline)

    payload = await rt.unit("assemble-timeline", assemble, TimelinePayload)
    await rt.record(
        *step_done(
            rt,
            TIMELINE_STEP,
            payload=("timeline", payload),
            message=("done", "Timeline is generated. Your video is ready to play"),
            summary="Video ready",
        ),
        RunCompleted(outcome="Your video is ready to play", at=rt.now()),
    )


class FullVideoRoute(BaseModel):
    """A whole lecture needs nothing but the sentence itself."""


KIND = WorkflowKind(
    key=KEY,
    title="Generating Full Video",
    description="From a prompt to a playable video: configuration, script, images, "
    "narration, music and timeline.",
    steps=(
        StepDefinition(key=CONFIGURE_STEP, title="Configuration"),
        StepDefinition(key=SCRIPT_STEP, title="Script"),
        StepDefinition(key=IMAGES_STEP, title="Segment images"),
        StepDefinition(key=NARRATION_STEP, title="Narration audio"),
        StepDefinition(key=SCORE_STEP, title="Background score"),
        StepDefinition(key=TIMELINE_STEP, title="Timeline"),
    ),
    input_model=FullVideoInput,
    flow=full_video,
    edit_validators={REVIEW: validate_config_edit},
    accept_checks={REVIEW: check_confirmed_configuration},
    resumable_steps=frozenset(
        {CONFIGURE_STEP, SCRIPT_STEP, IMAGES_STEP, NARRATION_STEP, SCORE_STEP}
    ),
    route=Route(
        fields=FullVideoRoute,
        to_input=lambda _, sentence: {"prompt": sentence},
        offline=lambda _: FullVideoRoute(),
        offline_reason="The request describes a whole lecture.",
        offline_rank=1000,
        fallback=True,
    ),
    step_nodes="src.steps.full_video.graphql",
)
