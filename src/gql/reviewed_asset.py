"""What single-asset steps share in the API: the `ReviewedAsset` interface and the review
dialog's `AssetReview` (the candidate beside the asset in use)."""

from __future__ import annotations

from typing import Any

import strawberry

from src.gql.common import Asset
from src.gql.derive import Shown, view_of
from src.state.model import Decision
from src.state.payloads import Payload


@strawberry.type(description="What a single-asset review dialog shows: the new and the current.")
class AssetReview:
    candidate: Asset = strawberry.field(description="The new asset, not yet used.")
    previous: Asset | None = strawberry.field(
        description="The asset in use now; kept if the candidate is rejected."
    )


def _asset_review(review: Any, _: int) -> AssetReview:
    return AssetReview(candidate=Asset(ref=review.candidate), previous=Asset.maybe(review.previous))


def asset_review_view(review_payload: type[Payload]) -> None:
    """Show a kind's review payload (with `candidate` and `previous`) as an `AssetReview`."""
    view_of(review_payload, AssetReview, _asset_review)


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


def reviewed_fields(what: str, replaced: str) -> dict[str, Shown]:
    return {
        "candidate": Shown(f"The generated {what}."),
        "previous": Shown(f"The {replaced} it would replace."),
        "decision": Shown("The review's outcome."),
    }
