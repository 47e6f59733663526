"""The subtitles kind's step node, derived from its payload (a `ReviewedAsset` with cues)."""

from __future__ import annotations

import strawberry

from src.gql.derive import Review, Shown, derive_step_node, view_of
from src.gql.reviewed_asset import ReviewedAsset, asset_review_view, reviewed_fields
from src.steps.subtitles.flow import KEY, STEP, SubtitlesPayload, SubtitlesReviewPayload
from src.steps.subtitles.vtt import SubtitleCue


@strawberry.type(name="SubtitleCue", description="One sentence on screen, and when.")
class SubtitleCueNode:
    number: int = strawberry.field(description="1-based; name it to edit its text.")
    segment: int = strawberry.field(description="The script segment it belongs to.")
    start_seconds: float = strawberry.field(description="When it appears.")
    end_seconds: float = strawberry.field(description="When it goes.")
    text: str = strawberry.field(description="What it says.")


view_of(
    SubtitleCue,
    SubtitleCueNode,
    lambda c, _: SubtitleCueNode(
        number=c.number,
        segment=c.segment,
        start_seconds=c.start_seconds,
        end_seconds=c.end_seconds,
        text=c.text,
    ),
)
asset_review_view(SubtitlesReviewPayload)

SubtitlesGenerationStep = derive_step_node(
    kind=KEY,
    step=STEP,
    name="SubtitlesGenerationStep",
    description="Generate Subtitles: the candidate WebVTT file, its cues and its review.",
    payload=SubtitlesPayload,
    shown={
        "max_line_length": Shown("Characters per subtitle line."),
        "cues": Shown(
            "One cue per sentence, timed within its segment's narration (the edited text, "
            "once accepted with edits)."
        ),
        **reviewed_fields("subtitles file (WebVTT)", "subtitles"),
    },
    review=Review("review", SubtitlesReviewPayload, 'The pending "Review Subtitles".'),
    interfaces=(ReviewedAsset,),
)
