"""The image kind's step node, derived from its payload (a `ReviewedAsset`)."""

from __future__ import annotations

from src.gql.derive import Review, Shown, derive_step_node
from src.gql.reviewed_asset import ReviewedAsset, asset_review_view, reviewed_fields
from src.steps.image.flow import KEY, STEP, ImageGenerationPayload, ImageReviewPayload

asset_review_view(ImageReviewPayload)

ImageGenerationStep = derive_step_node(
    kind=KEY,
    step=STEP,
    name="ImageGenerationStep",
    description="Generate Image: the candidate image and its review.",
    payload=ImageGenerationPayload,
    shown={
        "prompt": Shown("The prompt sent to the image model."),
        "model": Shown("The image model used."),
        "size": Shown("The picture's frame."),
        "slot": Shown("Which lecture image this replaces."),
        **reviewed_fields("image", "image"),
    },
    review=Review("review", ImageReviewPayload, 'The pending "Review Image".'),
    interfaces=(ReviewedAsset,),
)
