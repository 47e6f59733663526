"""Small builders for run states and events, shared by the state tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

from src.state import (
    Decision,
    HumanDecision,
    HumanRequest,
    MessageAdded,
    Payload,
    RunStarted,
    RunState,
    StepDefinition,
    StepStarted,
    apply_all,
    initial_state,
    register_payload,
)
from src.state.store import RunRecord

MakeRun = Callable[..., Awaitable[RunRecord]]
"""The `new_run` fixture: creates a run (with a fresh owner and lecture unless given)."""


@register_payload
class NotePayload(Payload):
    """A payload only the tests use."""

    kind: Literal["test_payload"] = "test_payload"
    text: str = "note"


STEP_KEYS = ("prompt", "script", "images")
STEPS = tuple(StepDefinition(key=key, title=f"Step {key}") for key in STEP_KEYS)
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def at(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def added(key: str, step: str = "prompt") -> MessageAdded:
    """A progress message with key `key` on `step`."""
    return MessageAdded(at=at(5), step=step, key=key, text=f"text {key}")


def queued_run() -> RunState:
    """A fresh three-step run: queued, every step pending."""
    return initial_state(kind="test_kind", title="Testing", steps=STEPS, created_at=EPOCH)


def running_run(*started_steps: str) -> RunState:
    """A started run whose `started_steps` (default: the first) are running."""
    keys = started_steps or STEP_KEYS[:1]
    events = [RunStarted(at=at(1))]
    events += [StepStarted(at=at(2), step=key, summary=f"Running {key}") for key in keys]
    return apply_all(queued_run(), events)


def request(request_id: str = "review", text: str = "candidate") -> HumanRequest:
    return HumanRequest(
        id=request_id, title="Review", payload=NotePayload(text=text), requested_at=at(3)
    )


def decision(
    request_id: str = "review",
    answer: Decision = Decision.ACCEPT,
    *,
    edited: str | None = None,
    by: str = "person",
    seconds: int = 4,
) -> HumanDecision:
    return HumanDecision(
        request_id=request_id,
        decision=answer,
        edited_payload=None if edited is None else NotePayload(text=edited),
        decided_by=by,
        decided_at=at(seconds),
    )
