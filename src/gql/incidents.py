"""Unexpected errors: the full detail goes to the log under a short reference, and the person
sees a plain sentence with the same reference — never SQL, a server path, an OS error or an
exception class. Refusals of bad input (validation, typed user errors) stay readable."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from src.errors import AppError
from src.ops.correlation import new_reference

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Incident:
    """One unexpected error, logged under `reference`."""

    reference: str

    @property
    def message(self) -> str:
        """What the person is shown."""
        return f"Something went wrong on our side (reference {self.reference})."


def report(what: str, error: BaseException | None) -> Incident:
    """Log an unexpected error in full. Its reference is the request (correlation) ID, so
    the person's "reference …" finds this line and every other line of the request; a fresh
    one outside any request."""
    incident = Incident(reference=new_reference())
    logger.error(
        "%s (reference %s)",
        what,
        incident.reference,
        exc_info=error,
        extra={"reference": incident.reference},
    )
    return incident


def is_unexpected(error: GraphQLError) -> bool:
    """Raised by a bug or a failing dependency, not as a refusal of the request."""
    original = error.original_error
    if original is None or isinstance(original, (GraphQLError, AppError)):
        return False  # a parse or validation error, or a typed refusal
    if isinstance(original, UnicodeError):
        return True  # a ValueError, but its message names codecs and positions
    # ValueError and TypeError: refusals of bad input (a scalar that does not parse, "at
    # most 100 IDs at once").
    return not isinstance(original, (ValueError, TypeError))


class ReportingSchema(strawberry.Schema):
    """Strawberry calls `process_errors` once for every error of every result — HTTP,
    websocket and subscription events alike — before any extension sees it. Unexpected errors
    are logged here under a reference and replaced in place by the plain sentence, so that
    no path can forget to mask one (MaskErrors misses errors raised outside the operation,
    such as a RecursionError while coercing variables)."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        operation = execution_context.operation_name if execution_context else None
        for error in errors:
            if not is_unexpected(error):
                logger.info("GraphQL request refused: %s", error.message)
                continue
            where = ".".join(str(key) for key in error.path or ()) or "before execution"
            incident = report(
                f"Unexpected error in operation {operation or 'anonymous'} at {where}: "
                f"{error.message}",
                error.original_error,
            )
            _mask(error, incident)


def _mask(error: GraphQLError, incident: Incident) -> None:
    error.message = incident.message
    error.original_error = None
    extensions: dict[str, Any] = {"code": "INTERNAL", "reference": incident.reference}
    error.extensions = extensions
