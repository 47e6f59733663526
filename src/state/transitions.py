"""Pure state transitions: `apply(state, event) -> state`.

Every transition is idempotent (applying an event twice equals applying it once) so that a
flow re-executed from the top, as Inngest does, changes nothing it already changed. A terminal
run absorbs every later event. An event the state cannot accept raises `TransitionError`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import datetime

from src.state.errors import TransitionCode, TransitionError
from src.state.events import (
    Event,
    HumanInputRequested,
    HumanInputResolved,
    MessageAdded,
    PayloadRecorded,
    ProgressPlanned,
    RunCancelled,
    RunCompleted,
    RunFailed,
    RunStarted,
    StepCompleted,
    StepFailed,
    StepStarted,
    UnitFinished,
)
from src.state.model import (
    HumanDecision,
    Message,
    MessageLevel,
    RunState,
    RunStatus,
    StepProgress,
    StepState,
    StepStatus,
)

_ACTIVE = frozenset({StepStatus.RUNNING, StepStatus.WAITING_FOR_INPUT})
_FINISHED = frozenset({StepStatus.COMPLETED, StepStatus.FAILED, StepStatus.CANCELLED})
_MESSAGE_KEY = operator.attrgetter("key")


def apply(state: RunState, event: Event) -> RunState:
    """The state after `event`: `state` itself when the event changes nothing, else a new state
    that differs from it (so `is` tells a no-op apart without comparing states)."""
    if state.status.is_terminal:
        return state
    match event:
        case RunStarted():
            if state.status is not RunStatus.QUEUED:
                return state
            return state.model_copy(update={"status": RunStatus.RUNNING, "started_at": event.at})
        case RunFailed():
            return _finish_run(
                state, RunStatus.FAILED, event.at, StepStatus.FAILED, error=event.error
            )
        case RunCancelled():
            return _cancel(state, event)
    if state.status is RunStatus.QUEUED:
        raise TransitionError(TransitionCode.RUN_NOT_STARTED, "the run has not started")
    match event:
        case StepStarted():
            return _start_step(state, event)
        case MessageAdded():
            return _add_message(state, event)
        case PayloadRecorded():
            step = _started_step(state, event.step)
            if event.key in step.payload_keys:
                return state
            recorded = {"payload": event.payload, "payload_keys": (*step.payload_keys, event.key)}
            return _replace_step(state, step.model_copy(update=recorded))
        case ProgressPlanned():
            return _plan_progress(state, event)
        case UnitFinished():
            return _finish_unit(state, event)
        case HumanInputRequested():
            return _request_input(state, event)
        case HumanInputResolved():
            return _resolve_input(state, event)
        case StepCompleted() | StepFailed():
            return _finish_step(state, event)
        case RunCompleted():
            if state.pending_request() is not None:
                raise TransitionError(
                    TransitionCode.REQUEST_ALREADY_PENDING, "a human request is still pending"
                )
            return _finish_run(
                state, RunStatus.COMPLETED, event.at, StepStatus.COMPLETED, outcome=event.outcome
            )
    raise AssertionError(f"unhandled event {event!r}")  # pragma: no cover


def apply_all(state: RunState, events: Iterable[Event]) -> RunState:
    for event in events:
        state = apply(state, event)
    return state


def _step(state: RunState, key: str) -> StepState:
    step = state.step(key)
    if step is None:
        raise TransitionError(TransitionCode.UNKNOWN_STEP, f"no step {key!r} in this run")
    return step


def _started_step(state: RunState, key: str) -> StepState:
    step = _step(state, key)
    if step.status is StepStatus.PENDING:
        raise TransitionError(TransitionCode.STEP_NOT_STARTED, f"step {key!r} has not started")
    return step


def _replace_step(state: RunState, step: StepState, **run_updates: object) -> RunState:
    """`state` with `step` in place of the step of the same key. Callers pass a step that
    differs from the one it replaces (each has decided that the event is not a no-op), so the
    result is always a new state: comparing whole states to find out cost ~10 µs per write."""
    steps = tuple(step if s.key == step.key else s for s in state.steps)
    return state.model_copy(update={"steps": steps, **run_updates})


def _start_step(state: RunState, event: StepStarted) -> RunState:
    step = _step(state, event.step)
    if step.status is not StepStatus.PENDING:
        return state
    started = step.model_copy(
        update={"status": StepStatus.RUNNING, "summary": event.summary, "started_at": event.at}
    )
    return _replace_step(state, started, current_step=max(state.current_step, step.number))


def _add_message(state: RunState, event: MessageAdded) -> RunState:
    step = _started_step(state, event.step)
    if event.key in map(_MESSAGE_KEY, step.messages):  # `map`: the scan stays in C
        return state
    message = Message(key=event.key, text=event.text, level=event.level, at=event.at)
    update: dict[str, object] = {"messages": (*step.messages, message)}
    if event.summary is not None:
        update["summary"] = event.summary
    return _replace_step(state, step.model_copy(update=update))


def _plan_progress(state: RunState, event: ProgressPlanned) -> RunState:
    step = _started_step(state, event.step)
    done = step.progress.done_keys if step.progress is not None else ()
    progress = StepProgress(total=event.total, unit=event.unit, done_keys=done)
    if progress == step.progress:
        return state  # planned again as before (a replay)
    return _replace_step(state, step.model_copy(update={"progress": progress}))


def _finish_unit(state: RunState, event: UnitFinished) -> RunState:
    step = _started_step(state, event.step)
    if step.progress is None:
        raise TransitionError(
            TransitionCode.PROGRESS_NOT_PLANNED, f"step {step.key!r} planned no units"
        )
    if event.key in step.progress.done_keys:
        return state
    progress = step.progress.model_copy(update={"done_keys": (*step.progress.done_keys, event.key)})
    return _replace_step(state, step.model_copy(update={"progress": progress}))


def _request_input(state: RunState, event: HumanInputRequested) -> RunState:
    step = _started_step(state, event.step)
    request_id = event.request.id
    if state.decision_for(request_id) is not None:
        return state  # already answered: a replayed request changes nothing
    if step.status in _FINISHED:
        raise TransitionError(TransitionCode.STEP_FINISHED, f"step {step.key!r} has finished")
    pending = state.pending_request()
    if pending is not None:
        if pending[1].id == request_id:
            return state
        raise TransitionError(
            TransitionCode.REQUEST_ALREADY_PENDING,
            f"request {pending[1].id!r} is still pending",
        )
    # Numbered as issued (a pure function of the state, so a replay numbers it the same).
    issued = event.request.model_copy(update={"version": state.requests_issued() + 1})
    waiting = step.model_copy(
        update={
            "request": issued,
            "status": StepStatus.WAITING_FOR_INPUT,
            "summary": event.summary,
        }
    )
    return _replace_step(state, waiting, status=RunStatus.WAITING_FOR_INPUT)


def _resolve_input(state: RunState, event: HumanInputResolved) -> RunState:
    step = _step(state, event.step)
    request_id = event.decision.request_id
    earlier = step.decision_for(request_id)
    if earlier is not None:
        if _same_answer(earlier, event.decision):
            return state
        raise TransitionError(
            TransitionCode.DECISION_CONFLICT, f"request {request_id!r} was already decided"
        )
    if step.request is None or step.request.id != request_id:
        raise TransitionError(
            TransitionCode.REQUEST_NOT_PENDING, f"request {request_id!r} is not pending"
        )
    resolved = step.model_copy(
        update={
            "request": None,
            "decisions": (*step.decisions, event.decision),
            "status": StepStatus.RUNNING,
            "summary": event.summary,
        }
    )
    return _replace_step(state, resolved, status=RunStatus.RUNNING)


def _same_answer(a: HumanDecision, b: HumanDecision) -> bool:
    """Whether two decisions say the same (who and when aside): a repeat is a no-op."""
    return (a.decision, a.edited_payload, a.feedback, a.choice) == (
        b.decision,
        b.edited_payload,
        b.feedback,
        b.choice,
    )


def _finish_step(state: RunState, event: StepCompleted | StepFailed) -> RunState:
    step = _started_step(state, event.step)
    if step.status in _FINISHED:
        return state
    if step.request is not None:
        raise TransitionError(
            TransitionCode.REQUEST_ALREADY_PENDING,
            f"step {step.key!r} still waits for request {step.request.id!r}",
        )
    status = StepStatus.COMPLETED if isinstance(event, StepCompleted) else StepStatus.FAILED
    finished = step.model_copy(
        update={"status": status, "summary": event.summary, "finished_at": event.at}
    )
    return _replace_step(state, finished)


def _finish_run(
    state: RunState,
    status: RunStatus,
    at: datetime,
    active_steps_become: StepStatus,
    **updates: object,
) -> RunState:
    steps = tuple(
        s.model_copy(update={"status": active_steps_become, "request": None, "finished_at": at})
        if s.status in _ACTIVE
        else s
        for s in state.steps
    )
    return state.model_copy(update={"status": status, "finished_at": at, "steps": steps, **updates})


def _cancel(state: RunState, event: RunCancelled) -> RunState:
    cancelled = _finish_run(
        state, RunStatus.CANCELLED, event.at, StepStatus.CANCELLED, cancelled_by=event.by
    )
    if state.current_step == 0:
        return cancelled
    current = cancelled.steps[state.current_step - 1]
    note = Message(key="run-cancelled", text=event.message, level=MessageLevel.ERROR, at=event.at)
    noted = current.model_copy(
        update={"messages": (*current.messages, note), "summary": "Cancelled"}
    )
    return cancelled.model_copy(
        update={"steps": tuple(noted if s.key == noted.key else s for s in cancelled.steps)}
    )
