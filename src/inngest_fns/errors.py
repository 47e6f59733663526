"""How failures cross the Inngest boundary: the only place that decides retry versus give up.

A unit that fails for good does not fail its step: it returns a `UnitFailure` as the step's
output. Inngest memoizes it, so every replay raises the same error into the flow, and the
flow handles it exactly as it does on the local runner (which raises the `AppError`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

import inngest
from pydantic import BaseModel, ConfigDict

from src.errors import AppError, ErrorCode
from src.runner.failure import failure_of


class UnitError(AppError):
    """A unit's `AppError`, raised again from its memoized failure."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class UnitCrashed(Exception):
    """A unit raised something unexpected on its last attempt (a bug, not a provider)."""


class UnitRateLimited(inngest.RetryAfterError):
    """A provider asked us to come back later: Inngest retries the unit after the hint."""


class UnitFailure(BaseModel):
    """A unit's final failure, in a form Inngest can memoize."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["expected", "unexpected"]
    code: ErrorCode
    message: str

    @classmethod
    def of(cls, error: Exception) -> UnitFailure:
        failure = failure_of(error)  # an unexpected error is logged, its text kept from people
        expected = isinstance(error, AppError) or failure.code is not ErrorCode.INTERNAL
        kind: Literal["expected", "unexpected"] = "expected" if expected else "unexpected"
        return cls(kind=kind, code=failure.code, message=failure.message)

    def error(self) -> Exception:
        if self.kind == "expected":
            return UnitError(self.code, self.message)
        return UnitCrashed(self.message)


def retry_signal(error: AppError) -> Exception:
    """What a step raises so Inngest retries a retriable failure: after the provider's hint
    when it gave one, else with Inngest's backoff."""
    hint = getattr(error, "retry_after_seconds", None)
    if isinstance(hint, (int, float)) and hint > 0:
        return UnitRateLimited(error.message, timedelta(seconds=float(hint)))
    return error


def code_named(name: str) -> ErrorCode | None:
    """The code of the `AppError` subclass called `name` (how Inngest names a failure), or
    None when `name` is not one of ours."""
    pending: list[type[AppError]] = [AppError]
    while pending:
        cls = pending.pop()
        if cls.__name__ == name:
            return cls.code
        pending.extend(cls.__subclasses__())
    return None
