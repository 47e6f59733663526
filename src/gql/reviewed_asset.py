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
    candidates: list[Asset] = strawberry.field(
        description="Every candidate to choose from (one unless variations were asked for); "
        "accept one by passing its id as `choice`."
    )
    previous: Asset | None = strawberry.field(
        description="The asset in use now; kept if the candidate is rejected."
    )


def _asset_review(review: Any, _: int) -> AssetReview:
    several = getattr(review, "candidates", ()) or (review.candidate,)
    return AssetReview(
        candidate=Asset(ref=review.candidate),
        candidates=[Asset(ref=ref) for ref in several],
        previous=Asset.maybe(review.previous),
    )


def asset_review_view(review_payload: type[Payload]) -> None:
    """Show a kind's review payload (with `candidate` and `previous`) as an `AssetReview`."""
    view_of(review_payload, AssetReview, _asset_review)


@strawberry.interface(
    description="A step that generates one asset (or several to choose from) and asks a person "
    "to accept or reject it, or, where offered, to request changes."
)
class ReviewedAsset:
    candidate: Asset | None = strawberry.field(description="The generated asset.")
    candidates: list[Asset] = strawberry.field(
        description="All candidates of the current round (the variations, when several)."
    )
    previous: Asset | None = strawberry.field(
        description="The asset it would replace; kept if the candidate is rejected."
    )
    decision: Decision | None = strawberry.field(description="The review's outcome.")
    review: AssetReview | None = strawberry.field(description="The pending review.")


def reviewed_fields(what: str, replaced: str) -> dict[str, Shown]:
    return {
        "candidate": Shown(f"The generated {what} (the chosen one, once accepted)."),
        "candidates": Shown(f"Every generated {what} of the current round, to choose from."),
        "previous": Shown(f"The {replaced} it would replace."),
        "decision": Shown("The review's outcome."),
    }
