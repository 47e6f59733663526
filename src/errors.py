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


class ProviderError(AppError):
    """A model provider failed; `retriable` says whether trying again may succeed."""

    code = ErrorCode.PROVIDER_FAILED

    def __init__(
        self, message: str, *, retriable: bool, retry_after_seconds: float | None = None
    ) -> None:
        super().__init__(message)
        self.retriable = retriable
        self.retry_after_seconds = retry_after_seconds
