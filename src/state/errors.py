"""The one error type for illegal state transitions."""

from __future__ import annotations

from enum import StrEnum


class TransitionCode(StrEnum):
    UNKNOWN_STEP = "unknown_step"
    STEP_NOT_STARTED = "step_not_started"
    STEP_FINISHED = "step_finished"
    REQUEST_ALREADY_PENDING = "request_already_pending"
    REQUEST_NOT_PENDING = "request_not_pending"
    DECISION_CONFLICT = "decision_conflict"
    RUN_NOT_STARTED = "run_not_started"
    PROGRESS_NOT_PLANNED = "progress_not_planned"


class TransitionError(Exception):
    """An event that the current state cannot accept."""

    def __init__(self, code: TransitionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
