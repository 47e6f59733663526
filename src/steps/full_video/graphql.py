"""GraphQL nodes for the six steps of Full Video Generation, derived from their payloads."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from src.gql.common import Asset
from src.gql.derive import Review, Shown, derive_step_node, view_of
from src.gql.naming import graphql_name
from src.gql.pydantic_types import LectureConfiguration, configuration
from src.steps.full_video import flow
from src.steps.full_video import models as data


@strawberry.type(description="One setting that differs from what it was.")
class ConfigurationChange:
    field: str = strawberry.field(
        description="The setting's name, as in `LectureConfiguration` (e.g. `durationSeconds`)."
    )
    before: JSON = strawberry.field(description="Its value before.")
    after: JSON = strawberry.field(description="Its value after.")


view_of(
    data.ConfigChange,
    ConfigurationChange,
    lambda c, _: ConfigurationChange(field=graphql_name(c.field), before=c.before, after=c.after),
)


@strawberry.type(description='What "Review and Confirm Configuration" shows and lets you edit.')
class ConfigurationReview:
    candidate: LectureConfiguration = strawberry.field(
        description="The defaults merged with what the prompt asked for; not saved yet."
    )
    changes: list[ConfigurationChange] = strawberry.field(description="What the prompt changed.")


view_of(
    data.ConfigurationReview,
    ConfigurationReview,
    lambda review, _: ConfigurationReview(
        candidate=configuration(review.candidate),
        changes=[
            ConfigurationChange(field=graphql_name(c.field), before=c.before, after=c.after)
            for c in review.changes
        ],
    ),
)


@strawberry.type(description="One narrative segment of the script.")
class ScriptSegment:
    number: int = strawberry.field(description="1-based position.")
    narration: str = strawberry.field(description="What the narrator says.")
    visual: str = strawberry.field(description="What is on screen.")


view_of(
    data.ScriptSegment,
    ScriptSegment,
    lambda s, number: ScriptSegment(number=number, narration=s.narration, visual=s.visual),
)


@strawberry.type(description="The pictures of one segment.")
class SegmentImages:
    number: int = strawberry.field(description="The segment.")
    prompts: list[str] = strawberry.field(description="One image prompt per picture.")
    images: list[Asset] = strawberry.field(description="The saved pictures (empty until saved).")


view_of(
    data.SegmentImages,
    SegmentImages,
    lambda s, _: SegmentImages(
        number=s.number, prompts=list(s.prompts), images=[Asset(ref=i) for i in s.images]
    ),
)


@strawberry.type(description="The narration of one segment.")
class NarrationFile:
    segment: int = strawberry.field(description="The segment.")
    text: str = strawberry.field(description="The words spoken.")
    audio: Asset = strawberry.field(description="The audio file.")


view_of(
    data.NarrationFile,
    NarrationFile,
    lambda f, _: NarrationFile(segment=f.segment, text=f.text, audio=Asset(ref=f.audio)),
)


def _graphql_names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(graphql_name(n) for n in names)


ConfigurationStep = derive_step_node(
    kind=flow.KEY,
    step=flow.CONFIGURE_STEP,
    name="ConfigurationStep",
    description="Step 1: parse the prompt, review and save the configuration.",
    payload=data.ConfigurationPayload,
    shown={
        "request": Shown("The person's request.", name="prompt"),
        "candidate": Shown("The proposed configuration.", name="candidate_configuration"),
        "changes": Shown("What the prompt changed."),
        "ignored": Shown(
            "Settings the prompt asked for with out-of-range values (as named in "
            "`LectureConfiguration`).",
            name="ignored_fields",
            convert=_graphql_names,
        ),
        "saved": Shown(
            "The configuration saved on the lecture, once confirmed.", name="saved_configuration"
        ),
    },
    review=Review(
        "configuration_review",
        data.ConfigurationReview,
        'The pending "Review and Confirm Configuration".',
    ),
)

ScriptStep = derive_step_node(
    kind=flow.KEY,
    step=flow.SCRIPT_STEP,
    name="ScriptStep",
    description="Step 2: the script, as narrative segments.",
    payload=data.ScriptPayload,
    shown={
        "title": Shown("The script's title.", name="script_title"),
        "segments": Shown("Segments in order.", name="script_segments"),
    },
)

SegmentImagesStep = derive_step_node(
    kind=flow.KEY,
    step=flow.IMAGES_STEP,
    name="SegmentImagesStep",
    description="Step 3: image prompts, then the pictures of every segment.",
    payload=data.SegmentImagesPayload,
    shown={
        "images_per_segment": Shown("Pictures per segment."),
        "segments": Shown("Per segment, in order.", name="segment_images"),
    },
)

NarrationStep = derive_step_node(
    kind=flow.KEY,
    step=flow.NARRATION_STEP,
    name="NarrationStep",
    description="Step 4: one narration audio file per segment.",
    payload=data.NarrationPayload,
    shown={"voice": Shown("The voice used."), "files": Shown("Per segment, in order.")},
)

BackgroundScoreStep = derive_step_node(
    kind=flow.KEY,
    step=flow.SCORE_STEP,
    name="BackgroundScoreStep",
    description="Step 5: one background track for the whole timeline.",
    payload=data.ScorePayload,
    shown={"prompt": Shown("The prompt sent to the music model."), "music": Shown("The track.")},
)

TimelineStep = derive_step_node(
    kind=flow.KEY,
    step=flow.TIMELINE_STEP,
    name="TimelineStep",
    description="Step 6: everything assembled into a playable timeline.",
    payload=data.TimelinePayload,
    shown={"timeline": Shown("The assembled timeline.")},
)
