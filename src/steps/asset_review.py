"""The single-asset pattern shared by Image, Narration and Background Score generation:
generate a candidate, let a person review it, then keep it (accept) or discard it (reject).
A rejected candidate never replaces the asset in use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from src.assets.library import AssetRef
from src.state.events import MessageAdded, PayloadRecorded, RunCompleted, StepCompleted, StepStarted
from src.state.model import Decision, HumanRequest, MessageLevel
from src.state.payloads import Payload
from src.steps.runtime import Runtime, Services


class CandidatePayload(Protocol):
    """A step payload that names a candidate asset and the one it would replace."""

    @property
    def candidate(self) -> AssetRef: ...

    @property
    def previous(self) -> AssetRef | None: ...


PayloadT = TypeVar("PayloadT", bound=Payload)


@dataclass(frozen=True)
class ReviewCopy:
    """The words of one single-asset workflow, as the person reads them."""

    step: str
    request_id: str
    generating: str
    """Step summary while generating."""
    start: str
    """First bullet message."""
    review_title: str
    """The HIL button label."""
    ready: str
    """Step summary while waiting for the review."""
    accepted: str
    rejected: str
    saved: str
    """Step summary and outcome after accept."""
    not_selected: str
    """Step summary and outcome after reject."""


async def generate_and_review(
    runtime: Runtime,
    services: Services,
    copy: ReviewCopy,
    *,
    generate: Callable[[], Awaitable[PayloadT]],
    output: type[PayloadT],
    review: Callable[[PayloadT], Payload],
    revise: Callable[[PayloadT, Payload], Awaitable[PayloadT]] | None = None,
) -> None:
    """Run the whole single-asset flow; `generate` stores a candidate and describes it.

    For an editable review, `revise` turns the generated payload and the person's edited review
    into the payload to keep: it stores the edited file as a new candidate, which is accepted in
    place of the generated one (discarded)."""
    rt = runtime
    await rt.record(
        StepStarted(step=copy.step, summary=copy.generating, at=rt.now()),
        MessageAdded(step=copy.step, key="start", text=copy.start, at=rt.now()),
    )
    generated = await rt.unit("generate-candidate", generate, output)
    candidate = _candidate(generated)
    await rt.record(
        PayloadRecorded(step=copy.step, key="generated", payload=generated, at=rt.now())
    )

    request = HumanRequest(
        id=copy.request_id,
        title=copy.review_title,
        payload=review(generated),
        requested_at=rt.now(),
    )
    decision = await rt.ask(copy.step, request, summary=copy.ready)

    edited = decision.edited_payload
    if decision.decision is Decision.ACCEPT and edited is not None and revise is not None:

        async def keep_edited() -> PayloadT:
            revised = await revise(generated, edited)
            await services.assets.discard(candidate.id)
            await services.assets.accept(_candidate(revised).id)
            return revised

        generated = await rt.unit("accept-edited-candidate", keep_edited, output)
        text, summary, level = copy.accepted, copy.saved, MessageLevel.SUCCESS
    elif decision.decision is Decision.ACCEPT:

        async def keep() -> AssetRef:
            return await services.assets.accept(candidate.id)

        await rt.unit("accept-candidate", keep, AssetRef)
        text, summary, level = copy.accepted, copy.saved, MessageLevel.SUCCESS
    else:

        async def drop() -> AssetRef:
            await services.assets.discard(candidate.id)
            return candidate

        await rt.unit("discard-candidate", drop, AssetRef)
        text, summary, level = copy.rejected, copy.not_selected, MessageLevel.INFO
    decided = generated.model_copy(update={"decision": decision.decision})
    await rt.record(
        PayloadRecorded(step=copy.step, key="decided", payload=decided, at=rt.now()),
        MessageAdded(step=copy.step, key="decided", text=text, level=level, at=rt.now()),
        StepCompleted(step=copy.step, summary=summary, at=rt.now()),
        RunCompleted(outcome=summary, at=rt.now()),
    )


def _candidate(payload: Payload) -> AssetRef:
    candidate = getattr(payload, "candidate", None)
    if not isinstance(candidate, AssetRef):
        raise TypeError(f"{type(payload).__name__} has no candidate asset")
    return candidate
