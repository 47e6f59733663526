"""GraphQL types shared by every workflow kind: assets, messages, requests, enums."""

from __future__ import annotations

from datetime import datetime

import strawberry

from src.assets.library import AssetRef
from src.gql.context import Info
from src.state import model

RunStatus = strawberry.enum(model.RunStatus, description="Where a run is in its life.")
StepStatus = strawberry.enum(model.StepStatus, description="Where a step is in its life.")
MessageLevel = strawberry.enum(model.MessageLevel, description="How a bullet message reads.")
Decision = strawberry.enum(model.Decision, description="A person's answer to a review.")


@strawberry.type(description="A stored media file, with a cache-busting URL.")
class Asset:
    ref: strawberry.Private[AssetRef]

    @strawberry.field(description="The asset's ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.ref.id))

    @strawberry.field(description="Where to fetch it; the URL changes whenever the content does.")
    def url(self, info: Info) -> str:
        return info.context.asset_url(self.ref)

    @strawberry.field(description="MIME type, e.g. image/png or audio/wav.")
    def media_type(self) -> str:
        return self.ref.media_type

    @strawberry.field(description="SHA-256 of the content.")
    def content_hash(self) -> str:
        return self.ref.content_hash

    @strawberry.field(description="Size in bytes.")
    def byte_size(self) -> int:
        return self.ref.byte_size

    @strawberry.field(description="Pixel width, for images.")
    def width(self) -> int | None:
        value = self.ref.details.get("width")
        return int(value) if isinstance(value, int) else None

    @strawberry.field(description="Pixel height, for images.")
    def height(self) -> int | None:
        value = self.ref.details.get("height")
        return int(value) if isinstance(value, int) else None

    @strawberry.field(description="Length in seconds, for audio.")
    def duration_seconds(self) -> float | None:
        value = self.ref.details.get("duration_seconds")
        return float(value) if isinstance(value, (int, float)) else None

    @classmethod
    def maybe(cls, ref: AssetRef | None) -> Asset | None:
        return None if ref is None else cls(ref=ref)


@strawberry.type(description="One bullet progress message of a step.")
class ProgressMessage:
    key: str = strawberry.field(description="Stable within the step.")
    text: str = strawberry.field(description="The message, as shown to the person.")
    level: model.MessageLevel = strawberry.field(description="Info, success or error.")
    at: datetime = strawberry.field(description="When it was recorded.")

    @classmethod
    def from_state(cls, message: model.Message) -> ProgressMessage:
        return cls(key=message.key, text=message.text, level=message.level, at=message.at)


@strawberry.type(description="A pending human-in-the-loop block: the button and what it opens.")
class HumanRequest:
    id: str = strawberry.field(description="Pass this to resolveHumanRequest.")
    title: str = strawberry.field(description='The button label, e.g. "Review Image".')
    requested_at: datetime = strawberry.field(description="When the request was raised.")
    version: int = strawberry.field(
        description="Changes every time a request is (re-)issued in the run; pass it to "
        "resolveHumanRequest so a decision on what you no longer see is refused (CONFLICT)."
    )
    expires_at: datetime | None = strawberry.field(
        description="When the review ends if nobody answers it (the run then fails, saying so); "
        "null if it never does."
    )
    change_rounds_left: int | None = strawberry.field(
        description="How many more times REQUEST_CHANGES may be sent; 0 once the rounds are "
        "used (accept or reject remain); null where the review does not offer it."
    )

    @classmethod
    def from_state(cls, request: model.HumanRequest) -> HumanRequest:
        return cls(
            id=request.id,
            title=request.title,
            requested_at=request.requested_at,
            version=request.version,
            expires_at=request.expires_at,
            change_rounds_left=request.change_rounds_left,
        )


@strawberry.type(description="A recorded answer to a human request.")
class HumanDecisionRecord:
    request_id: str = strawberry.field(description="Which request was answered.")
    decision: model.Decision = strawberry.field(
        description="Accepted, rejected, or changes requested."
    )
    decided_at: datetime = strawberry.field(description="When.")
    feedback: str | None = strawberry.field(
        description="With REQUEST_CHANGES: what the person asked to change."
    )
    choice: strawberry.ID | None = strawberry.field(
        description="With ACCEPT among several candidates: the id of the one picked."
    )
    candidates: list[Asset] = strawberry.field(
        description="The candidates the person was looking at when deciding (that round's)."
    )

    @classmethod
    def from_state(cls, decision: model.HumanDecision) -> HumanDecisionRecord:
        reviewed = decision.reviewed
        several = getattr(reviewed, "candidates", ()) or ()
        one = getattr(reviewed, "candidate", None)
        refs = [r for r in (several or (one,)) if isinstance(r, AssetRef)]
        return cls(
            request_id=decision.request_id,
            decision=decision.decision,
            decided_at=decision.decided_at,
            feedback=decision.feedback,
            choice=None if decision.choice is None else strawberry.ID(str(decision.choice)),
            candidates=[Asset(ref=ref) for ref in refs],
        )


@strawberry.type(description="Why a run failed.")
class RunError:
    code: str = strawberry.field(description="A stable code, e.g. PROVIDER_FAILED.")
    message: str = strawberry.field(description="What went wrong, in readable words.")
    step_key: str | None = strawberry.field(description="The step that failed, if any.")


@strawberry.type(description="How a run started from a sentence was chosen.")
class RunOrigin:
    request: str = strawberry.field(description="The person's sentence.")
    reason: str = strawberry.field(description="Why this workflow was chosen.")
