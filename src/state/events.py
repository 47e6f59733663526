"""Events: the only way a run's state changes. Each is small, typed and replay-safe."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from src.state.model import HumanDecision, HumanRequest, MessageLevel, RunError
from src.state.payloads import AnyPayload


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    at: datetime


class RunStarted(_Event):
    type: Literal["run_started"] = "run_started"


class StepStarted(_Event):
    type: Literal["step_started"] = "step_started"
    step: str
    summary: str


class MessageAdded(_Event):
    type: Literal["message_added"] = "message_added"
    step: str
    key: str
    text: str
    level: MessageLevel = MessageLevel.INFO
    summary: str | None = None
    """A new status summary for the step header, if this message changes it."""


class PayloadRecorded(_Event):
    type: Literal["payload_recorded"] = "payload_recorded"
    step: str
    key: str
    """Stable within the step. A key already recorded is a no-op, so a flow replayed from the
    top cannot put an earlier payload back over a later one."""
    payload: AnyPayload


class ProgressPlanned(_Event):
    type: Literal["progress_planned"] = "progress_planned"
    step: str
    total: int = Field(ge=0)
    """How many units the step will do."""
    unit: str
    """What a unit is, in a plain word: "images", "audio files"."""


class UnitFinished(_Event):
    type: Literal["unit_finished"] = "unit_finished"
    step: str
    key: str
    """The unit's stable ID. A key already counted is a no-op, so a retried or replayed unit
    counts once."""


class HumanInputRequested(_Event):
    type: Literal["human_input_requested"] = "human_input_requested"
    step: str
    request: HumanRequest
    summary: str


class HumanInputResolved(_Event):
    type: Literal["human_input_resolved"] = "human_input_resolved"
    step: str
    decision: HumanDecision
    summary: str


class StepCompleted(_Event):
    type: Literal["step_completed"] = "step_completed"
    step: str
    summary: str


class StepFailed(_Event):
    type: Literal["step_failed"] = "step_failed"
    step: str
    summary: str


class RunCompleted(_Event):
    type: Literal["run_completed"] = "run_completed"
    outcome: str


class RunFailed(_Event):
    type: Literal["run_failed"] = "run_failed"
    error: RunError


class RunCancelled(_Event):
    type: Literal["run_cancelled"] = "run_cancelled"
    by: str
    message: str = "Workflow cancelled by user"


Event = Annotated[
    RunStarted
    | StepStarted
    | MessageAdded
    | PayloadRecorded
    | ProgressPlanned
    | UnitFinished
    | HumanInputRequested
    | HumanInputResolved
    | StepCompleted
    | StepFailed
    | RunCompleted
    | RunFailed
    | RunCancelled,
    Field(discriminator="type"),
]
