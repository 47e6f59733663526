"""The request (correlation) ID: one contextvar that logs, failure references and the GraphQL
error masking all read, so a person's "reference abc123" finds the log lines of its request.

A run's asyncio task is created inside the request that started it and so inherits the ID;
log lines about the run carry it next to the run's own fields.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

import structlog

REQUEST_ID_HEADER = "x-request-id"
_SAFE = re.compile(r"[A-Za-z0-9_.-]{1,64}")

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


def current_request_id() -> str | None:
    return _request_id.get()


def new_reference() -> str:
    """The reference of an unexpected error a person is shown: the current request's ID, so
    the person's reference finds every log line of it; a fresh one outside any request."""
    return current_request_id() or new_request_id()


def begin_request(incoming: str | None) -> str:
    """Adopt a caller's well-formed `X-Request-ID`, else make one; bind it for this context."""
    request_id = incoming if incoming and _SAFE.fullmatch(incoming) else new_request_id()
    _request_id.set(request_id)
    structlog.contextvars.bind_contextvars(request_id=request_id)
    return request_id


def bind_run(*, run_id: object, kind: str, viewer: object) -> None:
    """Bind a run's fields to every log line of the current task (a run's own task)."""
    structlog.contextvars.bind_contextvars(run_id=str(run_id), kind=kind, viewer=str(viewer))


def bind_step(step: str) -> None:
    structlog.contextvars.bind_contextvars(step=step)
