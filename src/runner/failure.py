"""How a run fails, on either runtime: a plain sentence for people, the detail in the log.

An `AppError` already speaks to people (a provider's message, a review that expired) and
keeps its text. A database that stayed away gets its own sentence. Anything else is a bug or
an outage whose text may show SQL, a server path, an OS error or an exception class: the
person sees a plain sentence with a reference, and the log has the detail under the same one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from src.db.transient import is_transient
from src.errors import RERUN_ONLY, RESUME_OR_RERUN, AppError, DatabaseUnavailable, ErrorCode
from src.ops.correlation import new_reference
from src.state.events import Event, MessageAdded, RunFailed
from src.state.model import MessageLevel, RunError, RunStatus
from src.state.resume import start_choices
from src.state.store import RunRecord, RunStore
from src.steps import get_kind

log = logging.getLogger(__name__)

DATABASE_UNREACHABLE = f"The database could not be reached. {RESUME_OR_RERUN}"


@dataclass(frozen=True)
class Failure:
    """What a failed run shows: a stable code and a sentence a person can read."""

    code: ErrorCode
    message: str


def unexpected(reference: str) -> str:
    """The sentence shown for an unexpected failure; the log holds the detail."""
    return f"Something went wrong on our side (reference {reference}). {RESUME_OR_RERUN}"


def failure_of(error: BaseException, *, run_id: UUID | None = None) -> Failure:
    """The failure a person sees for `error`; unexpected ones are logged with a reference."""
    if isinstance(error, DatabaseUnavailable) or is_transient(error):
        log.warning("run %s failed: the database could not be reached", run_id, exc_info=error)
        return Failure(ErrorCode.INTERRUPTED, DATABASE_UNREACHABLE)
    if isinstance(error, AppError):
        return Failure(error.code, error.message)
    reference = new_reference()
    log.error("run %s failed unexpectedly (reference %s)", run_id, reference, exc_info=error)
    return Failure(ErrorCode.INTERNAL, unexpected(reference))


def failure_described(detail: str, *, run_id: UUID | None = None) -> Failure:
    """The failure for an unexpected error known only by its text (e.g. reported by Inngest)."""
    reference = new_reference()
    log.error("run %s failed unexpectedly (reference %s): %s", run_id, reference, detail)
    return Failure(ErrorCode.INTERNAL, unexpected(reference))


async def fail_run(store: RunStore, run_id: UUID, code: ErrorCode, message: str) -> None:
    """Record a failure: an error bullet on the active step, then the run fails.

    `message` is shown as is (pass a sentence meant for people, see `failure_of`), except
    that its closing advice to resume is dropped when a resume would reuse nothing."""
    now = datetime.now(UTC)
    record = await store.require(run_id)
    if record.state.status.is_terminal:
        return
    message = advice_for(record, message)
    events: list[Event] = []
    # A run that never started has no step of its own yet: a resumed run's current step is the
    # last one it took over (completed, with the old run's times), which gets no failure bullet.
    # Recovery fails such runs when their process died before starting them.
    started = record.state.status is not RunStatus.QUEUED
    steps = record.state.steps
    active = next((s for s in steps if s.number == record.state.current_step), None)
    active = active if started else None
    if active is not None and active.started_at is not None:
        events.append(
            MessageAdded(
                step=active.key,
                key=f"failed-{code.value.lower()}",
                text=message,
                level=MessageLevel.ERROR,
                summary="Failed",
                at=now,
            )
        )
    events.append(
        RunFailed(
            error=RunError(
                code=code.value, message=message, step_key=active.key if active else None
            ),
            at=now,
        )
    )
    await store.apply(run_id, events)


def advice_for(record: RunRecord, message: str) -> str:
    """`message` with its closing "resume or re-run" advice as it holds for `record`: a resume
    that could reuse no step is a re-run, and the panel offers Re-run alone for such a run."""
    if not message.endswith(RESUME_OR_RERUN):
        return message
    choices = start_choices(record.state, get_kind(record.kind).resumable_steps)
    return message if len(choices) > 1 else rerun_only(message)


def rerun_only(message: str) -> str:
    """`message` advising a re-run alone, for a run a resume would do again from the start."""
    return message.removesuffix(RESUME_OR_RERUN) + RERUN_ONLY


async def fail_run_with(store: RunStore, run_id: UUID, error: BaseException) -> Failure:
    """Fail the run with what a person may see of `error`; return that."""
    failure = failure_of(error, run_id=run_id)
    await fail_run(store, run_id, failure.code, failure.message)
    return failure
