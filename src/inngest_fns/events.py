"""The events this app sends to Inngest and the system events it reads, as typed payloads.

Every name shares the `agent-progress/` prefix. Each sent event carries a deterministic `id`,
so a retried send is deduplicated by Inngest instead of starting or resuming a run twice.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import inngest
from pydantic import BaseModel, ConfigDict, Field

from src.state.model import HumanDecision

RUN_REQUESTED = "agent-progress/run.requested"
HUMAN_INPUT_RESOLVED = "agent-progress/human-input.resolved"
RUN_CANCEL_REQUESTED = "agent-progress/run.cancel-requested"
FUNCTION_FAILED = "inngest/function.failed"
FUNCTION_CANCELLED = "inngest/function.cancelled"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunRequested(_Data):
    """Start executing a persisted run. Carries the run's immutable columns, so a function
    never has to read them back."""

    run_id: UUID
    kind: str
    owner_id: UUID
    lecture_id: UUID
    input: dict[str, Any]
    rerun_of: UUID | None = None
    reused: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """A resumed run's taken-over steps: their final payloads by step key (immutable too)."""

    def to_event(self) -> inngest.Event:
        return _event(RUN_REQUESTED, f"run-requested-{self.run_id}", self)


class HumanInputResolvedData(_Data):
    """A decision was persisted; wakes the function waiting on `request_id` of `run_id`."""

    run_id: UUID
    request_id: str
    decision: HumanDecision

    def to_event(self) -> inngest.Event:
        return _event(HUMAN_INPUT_RESOLVED, f"decision-{self.run_id}-{self.request_id}", self)


class RunCancelRequested(_Data):
    """The cancellation was persisted; Inngest cancels the run's function on it."""

    run_id: UUID
    by: str

    def to_event(self) -> inngest.Event:
        return _event(RUN_CANCEL_REQUESTED, f"cancel-{self.run_id}", self)


class _SystemData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class EndedError(_SystemData):
    name: str = "Error"
    message: str = ""


class OriginalEvent(_SystemData):
    name: str
    data: dict[str, Any] = Field(default_factory=dict)


class FunctionEnded(_SystemData):
    """The data of `inngest/function.failed` and `inngest/function.cancelled`."""

    function_id: str
    run_id: str
    error: EndedError = EndedError()
    event: OriginalEvent

    def run_request(self) -> RunRequested | None:
        """The run whose function ended, or None when the function was not a workflow run."""
        if self.event.name != RUN_REQUESTED:
            return None
        return RunRequested.model_validate(self.event.data)


def _event(name: str, event_id: str, data: BaseModel) -> inngest.Event:
    return inngest.Event(name=name, id=event_id, data=data.model_dump(mode="json"))
