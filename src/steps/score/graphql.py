"""The background score kind's step node, derived from its payload (a `ReviewedAsset`)."""

from __future__ import annotations

from src.gql.derive import Review, Shown, derive_step_node
from src.gql.reviewed_asset import ReviewedAsset, asset_review_view, reviewed_fields
from src.steps.score.flow import KEY, STEP, ScoreGenerationPayload, ScoreReviewPayload

asset_review_view(ScoreReviewPayload)

ScoreGenerationStep = derive_step_node(
    kind=KEY,
    step=STEP,
    name="ScoreGenerationStep",
    description="Generate Background Score: the candidate track and its review.",
    payload=ScoreGenerationPayload,
    shown={
        "prompt": Shown("The prompt sent to the music model."),
        "model": Shown("The music model used."),
        "duration_seconds": Shown("The track's length."),
        **reviewed_fields("track", "track"),
    },
    review=Review("review", ScoreReviewPayload, 'The pending "Review Background Score".'),
    interfaces=(ReviewedAsset,),
)
