"""The persisted, user-visible state of one workflow run (`workflow_runs.workflow_state`)."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, PlainSerializer

from src.state.payloads import AnyPayload


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    WAITING_FOR_INPUT = "waiting_for_input"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in _TERMINAL


_TERMINAL = frozenset({RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED})


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING_FOR_INPUT = "waiting_for_input"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class MessageLevel(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


class Decision(StrEnum):
    """A person's answer to a human request: accept (confirm), reject (cancel), or ask for
    another candidate made with their feedback (single-asset reviews that offer it)."""

    ACCEPT = "accept"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"


_AS_STRING = PlainSerializer(str.__str__, return_type=str, when_used="json")
"""Writes a StrEnum member to JSON as its string without a Python call: pydantic's default reads
each member's `.value` through the enum module's Python descriptor, which was a fifth of the
time of serialising a run's state on every write. Same JSON either way."""

_RunStatus = Annotated[RunStatus, _AS_STRING]
_StepStatus = Annotated[StepStatus, _AS_STRING]
_MessageLevel = Annotated[MessageLevel, _AS_STRING]
_Decision = Annotated[Decision, _AS_STRING]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Message(_Frozen):
    """One bullet progress message."""

    key: str
    """Stable within its step; re-adding the same key is a no-op (replay safety)."""
    text: str
    level: _MessageLevel = MessageLevel.INFO
    at: datetime


class HumanRequest(_Frozen):
    """A pending human-in-the-loop block: what is asked and what it is about."""

    id: str
    """Stable within the run, e.g. `review-image`."""
    title: str
    """The button label, e.g. "Review Image"."""
    payload: AnyPayload
    """What the reviewer looks at (and may edit)."""
    requested_at: datetime
    version: int = 0
    """Which request of the run this is (1, 2, ...): set when it is issued, so a decision made
    while looking at an earlier request can be told apart (stale-review protection)."""
    expires_at: datetime | None = None
    """When an unanswered request ends the run; set by the runtime that waits for it."""
    choices: tuple[UUID, ...] = ()
    """Asset IDs the person picks one of when accepting; empty when there is nothing to pick."""
    change_rounds_left: int | None = None
    """How many more times the person may request changes; None where it is not offered."""


class HumanDecision(_Frozen):
    """The recorded answer to a human request."""

    request_id: str
    decision: _Decision
    edited_payload: AnyPayload | None = None
    """For editable reviews: the payload as the person confirmed it."""
    feedback: str | None = None
    """With REQUEST_CHANGES: what the person wants changed."""
    choice: UUID | None = None
    """With ACCEPT among several candidates: the asset the person picked."""
    reviewed: AnyPayload | None = None
    """What the person was looking at (the request's payload), kept so every round's
    candidates stay in the step's history."""
    decided_by: str
    decided_at: datetime


class RunError(_Frozen):
    """Why a run (or step) failed, in words a person can read."""

    code: str
    message: str
    step_key: str | None = None


class RunOrigin(_Frozen):
    """How a run started from a person's sentence was chosen."""

    request: str
    """The sentence, verbatim."""
    reason: str
    """Why this workflow kind was chosen."""


class StepProgress(_Frozen):
    """How far a step made of many units of work has come (a progress bar)."""

    total: int
    """How many units the step has."""
    unit: str
    """What a unit is, in a plain word: "images", "audio files"."""
    done_keys: tuple[str, ...] = ()
    """Keys of the units finished so far; a key already here is a no-op (replay safety)."""

    @property
    def done(self) -> int:
        return len(self.done_keys)


class StepState(_Frozen):
    """One user-facing step of a run."""

    key: str
    number: int
    """1-based position in the run."""
    title: str
    status: _StepStatus = StepStatus.PENDING
    summary: str = ""
    """The status summary shown in the step header."""
    messages: tuple[Message, ...] = ()
    request: HumanRequest | None = None
    """The pending human request, if any; gone once decided."""
    decisions: tuple[HumanDecision, ...] = ()
    payload: AnyPayload | None = None
    """The step's typed data (candidate asset, script, configuration, ...)."""
    payload_keys: tuple[str, ...] = ()
    """Keys of the payload events applied so far, in order."""
    progress: StepProgress | None = None
    """For a step made of many units: how many are done; None for the others."""
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def decision_for(self, request_id: str) -> HumanDecision | None:
        return next((d for d in self.decisions if d.request_id == request_id), None)


class RunState(_Frozen):
    """Everything a client needs to render a run's progress block."""

    kind: str
    title: str
    """The block title, e.g. "Generating Image"."""
    status: _RunStatus = RunStatus.QUEUED
    current_step: int = 0
    """Number of the latest started step; 0 before the first starts."""
    steps: tuple[StepState, ...]
    outcome: str | None = None
    error: RunError | None = None
    cancelled_by: str | None = None
    origin: RunOrigin | None = None
    """Set when the run was started from a sentence rather than chosen in the UI."""
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def total_steps(self) -> int:
        return len(self.steps)

    def step(self, key: str) -> StepState | None:
        return next((s for s in self.steps if s.key == key), None)

    def pending_request(self) -> tuple[StepState, HumanRequest] | None:
        for step in self.steps:
            if step.request is not None:
                return step, step.request
        return None

    def requests_issued(self) -> int:
        """How many human requests this run has issued: every decided one, and the pending one."""
        decided = sum(len(step.decisions) for step in self.steps)
        return decided + (1 if self.pending_request() is not None else 0)

    def decision_for(self, request_id: str) -> HumanDecision | None:
        for step in self.steps:
            found = step.decision_for(request_id)
            if found is not None:
                return found
        return None


_LATER_ROUND = re.compile(r"^(?P<first>.+)-(?:[2-9]|[1-9][0-9]+)$")


def first_round_id(request_id: str) -> str:
    """The ID of round 1 of the review `request_id` belongs to: a review asked again after a
    request for changes adds `-2`, `-3`, ... to its first ID (src/steps/asset_review.py)."""
    match = _LATER_ROUND.match(request_id)
    return match.group("first") if match else request_id


class StepDefinition(_Frozen):
    """A step as a workflow kind declares it."""

    key: str
    title: str


def initial_state(
    *,
    kind: str,
    title: str,
    steps: tuple[StepDefinition, ...],
    created_at: datetime,
    origin: RunOrigin | None = None,
) -> RunState:
    """The state of a freshly created run: every step pending."""
    return RunState(
        kind=kind,
        title=title,
        created_at=created_at,
        origin=origin,
        steps=tuple(
            StepState(key=s.key, number=i, title=s.title) for i, s in enumerate(steps, start=1)
        ),
    )
