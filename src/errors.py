"""The service's error tree: every expected failure has a code and says if a retry may help."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    NOT_PENDING = "NOT_PENDING"
    ALREADY_FINISHED = "ALREADY_FINISHED"
    NOT_FINISHED = "NOT_FINISHED"
    CONFLICT = "CONFLICT"
    PROVIDER_FAILED = "PROVIDER_FAILED"
    PROVIDER_RATE_LIMITED = "PROVIDER_RATE_LIMITED"
    INTERRUPTED = "INTERRUPTED"
    REVIEW_EXPIRED = "REVIEW_EXPIRED"
    INTERNAL = "INTERNAL"


RESUME_OR_RERUN = "You can resume it where it stopped, or re-run it from the start."
"""The last sentence of the message of a run that stopped on a failure or an interruption:
such a run can be resumed (`retryRun`, the panel's Resume) or re-run. When a resume would
reuse nothing (the run stopped in its first step, or its kind reuses no step), the message
ends with `RERUN_ONLY` instead (`src/runner/failure.py`), as the panel then offers Re-run only."""

RERUN_ONLY = "You can re-run it."


class AppError(Exception):
    """Base of every expected failure."""

    code: ErrorCode = ErrorCode.INTERNAL
    retriable: bool = False

    def __init__(self, message: str, *, field: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(AppError):
    code = ErrorCode.NOT_FOUND


class InvalidInput(AppError):
    code = ErrorCode.INVALID_INPUT


class NotPending(AppError):
    code = ErrorCode.NOT_PENDING


class AlreadyFinished(AppError):
    code = ErrorCode.ALREADY_FINISHED


class NotFinished(AppError):
    code = ErrorCode.NOT_FINISHED


class Conflict(AppError):
    """Refused because something else already happened (a decision landed, a candidate went)."""

    code = ErrorCode.CONFLICT


class ProviderError(AppError):
    """A model provider failed; `retriable` says whether trying again may succeed."""

    code = ErrorCode.PROVIDER_FAILED

    def __init__(
        self, message: str, *, retriable: bool, retry_after_seconds: float | None = None
    ) -> None:
        super().__init__(message)
        self.retriable = retriable
        self.retry_after_seconds = retry_after_seconds


DATABASE_UNAVAILABLE = "The database could not be reached. Try again in a moment."


class DatabaseUnavailable(AppError):
    """The database stayed unreachable for longer than the retry bound."""

    code = ErrorCode.INTERRUPTED
    retriable = False  # the waiting is already done: the bound has passed

    def __init__(self, message: str = DATABASE_UNAVAILABLE) -> None:
        super().__init__(message)


class ReviewExpired(AppError):
    """Nobody answered a human request within the review limit."""

    code = ErrorCode.REVIEW_EXPIRED

    @classmethod
    def after(cls, title: str, limit_seconds: float) -> ReviewExpired:
        return cls(
            f'Nobody answered "{title}" within {_duration(limit_seconds)}, '
            f"so the workflow stopped. {RESUME_OR_RERUN}"
        )


def _duration(seconds_given: float) -> str:
    if seconds_given != int(seconds_given):
        return f"{seconds_given:g} seconds"
    seconds = int(seconds_given)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"
