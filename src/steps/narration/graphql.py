"""The narration kind's step node, derived from its payload (a `ReviewedAsset`)."""

from __future__ import annotations

from src.gql.derive import Review, Shown, derive_step_node
from src.gql.reviewed_asset import ReviewedAsset, asset_review_view, reviewed_fields
from src.steps.narration.flow import KEY, STEP, NarrationGenerationPayload, NarrationReviewPayload

asset_review_view(NarrationReviewPayload)

NarrationGenerationStep = derive_step_node(
    kind=KEY,
    step=STEP,
    name="NarrationGenerationStep",
    description="Generate Narration: one segment's candidate audio and its review.",
    payload=NarrationGenerationPayload,
    shown={
        "segment": Shown("Which script segment is narrated."),
        "text": Shown("The words spoken."),
        "voice": Shown("The voice used."),
        "model": Shown("The speech model used."),
        "slot": Shown("Which lecture audio this replaces: `segment-N-narration`."),
        **reviewed_fields("audio", "audio"),
    },
    review=Review("review", NarrationReviewPayload, 'The pending "Review Narration".'),
    interfaces=(ReviewedAsset,),
)
