"""GraphQL nodes for the single-asset workflows (Image, Narration, Background Score), derived
from their payloads; all three show a reviewed candidate the same way (`ReviewedAsset`)."""

from __future__ import annotations

from typing import Any

import strawberry

from src.gql.common import Asset
from src.gql.derive import Review, Shown, derive_step_node, view_of
from src.state.model import Decision
from src.steps import image, narration, score


@strawberry.type(description="What a single-asset review dialog shows: the new and the current.")
class AssetReview:
    candidate: Asset = strawberry.field(description="The new asset, not yet used.")
    previous: Asset | None = strawberry.field(
        description="The asset in use now; kept if the candidate is rejected."
    )


def _asset_review(review: Any, _: int) -> AssetReview:
    return AssetReview(candidate=Asset(ref=review.candidate), previous=Asset.maybe(review.previous))


for _review_payload in (
    image.ImageReviewPayload,
    narration.NarrationReviewPayload,
    score.ScoreReviewPayload,
):
    view_of(_review_payload, AssetReview, _asset_review)


@strawberry.interface(
    description="A step that generates one asset and asks a person to accept or reject it."
)
class ReviewedAsset:
    candidate: Asset | None = strawberry.field(description="The generated asset.")
    previous: Asset | None = strawberry.field(
        description="The asset it would replace; kept if the candidate is rejected."
    )
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: AssetReview | None = strawberry.field(description="The pending review.")


def _reviewed(what: str, replaced: str) -> dict[str, Shown]:
    return {
        "candidate": Shown(f"The generated {what}."),
        "previous": Shown(f"The {replaced} it would replace."),
        "decision": Shown("The review's outcome."),
    }


ImageGenerationStep = derive_step_node(
    kind=image.KIND,
    step=image.STEP,
    name="ImageGenerationStep",
    description="Generate Image: the candidate image and its review.",
    payload=image.ImageGenerationPayload,
    shown={
        "prompt": Shown("The prompt sent to the image model."),
        "model": Shown("The image model used."),
        "size": Shown("The picture's frame."),
        "slot": Shown("Which lecture image this replaces."),
        **_reviewed("image", "image"),
    },
    review=Review("review", image.ImageReviewPayload, 'The pending "Review Image".'),
    interfaces=(ReviewedAsset,),
)

NarrationGenerationStep = derive_step_node(
    kind=narration.KIND,
    step=narration.STEP,
    name="NarrationGenerationStep",
    description="Generate Narration: one segment's candidate audio and its review.",
    payload=narration.NarrationGenerationPayload,
    shown={
        "segment": Shown("Which script segment is narrated."),
        "text": Shown("The words spoken."),
        "voice": Shown("The voice used."),
        "model": Shown("The speech model used."),
        "slot": Shown("Which lecture audio this replaces: `segment-N-narration`."),
        **_reviewed("audio", "audio"),
    },
    review=Review("review", narration.NarrationReviewPayload, 'The pending "Review Narration".'),
    interfaces=(ReviewedAsset,),
)

ScoreGenerationStep = derive_step_node(
    kind=score.KIND,
    step=score.STEP,
    name="ScoreGenerationStep",
    description="Generate Background Score: the candidate track and its review.",
    payload=score.ScoreGenerationPayload,
    shown={
        "prompt": Shown("The prompt sent to the music model."),
        "model": Shown("The music model used."),
        "duration_seconds": Shown("The track's length."),
        **_reviewed("track", "track"),
    },
    review=Review("review", score.ScoreReviewPayload, 'The pending "Review Background Score".'),
    interfaces=(ReviewedAsset,),
)
