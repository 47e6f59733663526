"""The single-asset pattern shared by Image, Narration, Background Score and Subtitles
generation: generate a candidate (or several to choose from), let a person review it, then keep
it (accept) or discard it (reject). A rejected candidate never replaces the asset in use.

Where the kind offers it, the person may instead request changes with feedback: the step
generates a new round with the feedback folded into the prompt and asks again, up to the
configured number of rounds. Round 1 keeps its original names (`generate-candidate`,
`review-image`); round n adds `-n` to every unit, payload key and request ID, so each round is
replay-safe on its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar
from uuid import UUID

from src.assets.library import AssetRef
from src.state.events import MessageAdded, PayloadRecorded, RunCompleted, StepCompleted, StepStarted
from src.state.model import Decision, HumanDecision, HumanRequest, MessageLevel
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


def round_suffix(round_: int) -> str:
    """What round `round_` adds to the first round's names: nothing for round 1, else `-n`
    (`first_round_id` in src/state/model.py reads it back)."""
    return "" if round_ == 1 else f"-{round_}"


def regenerating(round_: int, rounds: int) -> str:
    """The bullet shown as a round made with the person's feedback starts."""
    return f"Regenerating with your feedback ({round_} of {rounds})"


async def generate_and_review(
    runtime: Runtime,
    services: Services,
    copy: ReviewCopy,
    *,
    generate: Callable[[tuple[str, ...]], Awaitable[PayloadT]],
    output: type[PayloadT],
    review: Callable[[PayloadT], Payload],
    revise: Callable[[PayloadT, Payload], Awaitable[PayloadT]] | None = None,
    changes: bool = False,
) -> None:
    """Run the whole single-asset flow; `generate` stores a candidate (or several, as the
    payload's `candidates`) made with the feedback given so far, and describes it.

    For an editable review, `revise` turns the generated payload and the person's edited review
    into the payload to keep: it stores the edited file as a new candidate, which is accepted in
    place of the generated one (discarded). With `changes`, the person may request changes
    (`services.limits.review_rounds` candidates in all, the first included)."""
    rt = runtime
    rounds = max(1, services.limits.review_rounds) if changes else 1
    await rt.record(
        StepStarted(step=copy.step, summary=copy.generating, at=rt.now()),
        MessageAdded(step=copy.step, key="start", text=copy.start, at=rt.now()),
    )
    feedback: tuple[str, ...] = ()
    round_ = 1
    while True:
        suffix = round_suffix(round_)
        if round_ > 1:
            await rt.record(
                MessageAdded(
                    step=copy.step,
                    key=f"regenerate{suffix}",
                    text=regenerating(round_, rounds),
                    summary=copy.generating,
                    at=rt.now(),
                )
            )

        async def make(asked: tuple[str, ...] = feedback) -> PayloadT:
            return _with_candidates(await generate(asked))

        generated = await rt.unit(f"generate-candidate{suffix}", make, output)
        candidates = _candidates(generated)
        await rt.record(
            PayloadRecorded(
                step=copy.step, key=f"generated{suffix}", payload=generated, at=rt.now()
            )
        )
        request = HumanRequest(
            id=f"{copy.request_id}{suffix}",
            title=copy.review_title,
            payload=review(generated),
            requested_at=rt.now(),
            choices=tuple(c.id for c in candidates) if len(candidates) > 1 else (),
            change_rounds_left=rounds - round_ if changes else None,
        )
        decision = await rt.ask(copy.step, request, summary=copy.ready)
        # The decide mutation refuses changes past the last round; were one to arrive anyway,
        # it ends the review as a rejection rather than asking a round too many.
        if decision.decision is not Decision.REQUEST_CHANGES or round_ >= rounds:
            break

        async def drop_round(dropped: tuple[AssetRef, ...] = candidates) -> AssetRef:
            for asset in dropped:
                await services.assets.discard(asset.id)
            return dropped[0]

        await rt.unit(f"discard-candidate{suffix}", drop_round, AssetRef)
        feedback = (*feedback, decision.feedback or "")
        round_ += 1

    await _carry_out(rt, services, copy, suffix, generated, decision, output, revise)


async def _carry_out(
    rt: Runtime,
    services: Services,
    copy: ReviewCopy,
    suffix: str,
    generated: PayloadT,
    decision: HumanDecision,
    output: type[PayloadT],
    revise: Callable[[PayloadT, Payload], Awaitable[PayloadT]] | None,
) -> None:
    """Keep (the chosen) candidate or discard them all, then finish the step and the run."""
    candidates = _candidates(generated)
    edited = decision.edited_payload
    if decision.decision is Decision.ACCEPT and edited is not None and revise is not None:
        candidate = candidates[0]

        async def keep_edited() -> PayloadT:
            revised = await revise(generated, edited)
            await services.assets.discard(candidate.id)
            kept = _candidate(revised)
            await services.assets.accept(kept.id)
            return _with_candidates(revised, (kept,))

        generated = await rt.unit(f"accept-edited-candidate{suffix}", keep_edited, output)
        text, summary, level = copy.accepted, copy.saved, MessageLevel.SUCCESS
    elif decision.decision is Decision.ACCEPT:
        chosen = _chosen(candidates, decision.choice)

        async def keep() -> AssetRef:
            # The others of the round are discarded first, so no candidate outlives the run.
            for other in candidates:
                if other.id != chosen.id:
                    await services.assets.discard(other.id)
            return await services.assets.accept(chosen.id)

        await rt.unit(f"accept-candidate{suffix}", keep, AssetRef)
        generated = generated.model_copy(update={"candidate": chosen})
        text, summary, level = copy.accepted, copy.saved, MessageLevel.SUCCESS
    else:

        async def drop() -> AssetRef:
            for asset in candidates:
                await services.assets.discard(asset.id)
            return candidates[0]

        await rt.unit(f"discard-candidate{suffix}", drop, AssetRef)
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


def _candidates(payload: Payload) -> tuple[AssetRef, ...]:
    """Every candidate of the round: the payload's `candidates`, else its one `candidate`."""
    several = getattr(payload, "candidates", ())
    return tuple(several) if several else (_candidate(payload),)


def _with_candidates(payload: PayloadT, refs: tuple[AssetRef, ...] | None = None) -> PayloadT:
    """The payload with its `candidates` filled in (just `candidate` when it made one)."""
    if "candidates" not in type(payload).model_fields:
        return payload
    return payload.model_copy(update={"candidates": refs or _candidates(payload)})


def _chosen(candidates: tuple[AssetRef, ...], choice: UUID | None) -> AssetRef:
    """The candidate the person picked (the decide mutation checked it is one of them)."""
    return next((c for c in candidates if c.id == choice), candidates[0])
