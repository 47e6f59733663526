"""Unit tests of the pure transitions: legal moves, illegal moves, replays and terminal states."""

from __future__ import annotations

import pytest

from src.state import (
    Decision,
    Event,
    HumanInputRequested,
    HumanInputResolved,
    MessageAdded,
    MessageLevel,
    PayloadRecorded,
    RunCancelled,
    RunCompleted,
    RunError,
    RunFailed,
    RunStarted,
    RunState,
    RunStatus,
    StepCompleted,
    StepFailed,
    StepStarted,
    StepStatus,
    TransitionCode,
    TransitionError,
    apply,
    apply_all,
)
from tests.state.builders import (
    NotePayload,
    at,
    decision,
    queued_run,
    request,
    running_run,
)


def asked(step: str = "prompt", request_id: str = "review") -> HumanInputRequested:
    return HumanInputRequested(
        at=at(3), step=step, request=request(request_id), summary="Waiting for review"
    )


def answered(step: str = "prompt", **kwargs: object) -> HumanInputResolved:
    return HumanInputResolved(at=at(4), step=step, decision=decision(**kwargs), summary="Reviewed")


def message(step: str = "prompt", key: str = "m1", **kwargs: object) -> MessageAdded:
    return MessageAdded(at=at(5), step=step, key=key, text=f"text {key}", **kwargs)


def waiting_run() -> RunState:
    """Step `prompt` running with request `review` pending."""
    return apply(running_run(), asked())


def assert_refused(state: RunState, event: Event, code: TransitionCode) -> None:
    with pytest.raises(TransitionError) as raised:
        apply(state, event)
    assert raised.value.code is code


# --- starting ------------------------------------------------------------------------------


def test_run_started_moves_a_queued_run_to_running() -> None:
    state = apply(queued_run(), RunStarted(at=at(1)))
    assert state.status is RunStatus.RUNNING
    assert state.started_at == at(1)


def test_run_started_again_changes_nothing() -> None:
    state = running_run()
    assert apply(state, RunStarted(at=at(99))) == state


def test_step_started_runs_the_step_and_advances_current_step() -> None:
    state = apply(running_run(), StepStarted(at=at(7), step="script", summary="Writing"))
    script = state.steps[1]
    assert (script.status, script.summary, script.started_at) == (
        StepStatus.RUNNING,
        "Writing",
        at(7),
    )
    assert state.current_step == 2


def test_step_started_again_keeps_the_first_start() -> None:
    state = running_run()
    again = apply(state, StepStarted(at=at(50), step="prompt", summary="Another summary"))
    assert again == state


def test_starting_an_earlier_step_does_not_move_current_step_back() -> None:
    state = apply(running_run("images"), StepStarted(at=at(3), step="prompt", summary="Late"))
    assert state.current_step == 3


# --- illegal moves -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        StepStarted(at=at(1), step="prompt", summary="s"),
        message(),
        PayloadRecorded(key="k1", at=at(1), step="prompt", payload=NotePayload()),
        asked(),
        answered(),
        StepCompleted(at=at(1), step="prompt", summary="done"),
        StepFailed(at=at(1), step="prompt", summary="failed"),
        RunCompleted(at=at(1), outcome="done"),
    ],
    ids=lambda e: e.type,
)
def test_step_events_on_a_queued_run_are_refused_as_not_started(event: Event) -> None:
    assert_refused(queued_run(), event, TransitionCode.RUN_NOT_STARTED)


@pytest.mark.parametrize(
    "event",
    [
        StepStarted(at=at(1), step="nope", summary="s"),
        message(step="nope"),
        PayloadRecorded(key="k2", at=at(1), step="nope", payload=NotePayload()),
        asked(step="nope"),
        answered(step="nope"),
        StepCompleted(at=at(1), step="nope", summary="done"),
        StepFailed(at=at(1), step="nope", summary="failed"),
    ],
    ids=lambda e: e.type,
)
def test_events_naming_an_unknown_step_are_refused(event: Event) -> None:
    assert_refused(running_run(), event, TransitionCode.UNKNOWN_STEP)


@pytest.mark.parametrize(
    "event",
    [
        message(step="script"),
        PayloadRecorded(key="k3", at=at(1), step="script", payload=NotePayload()),
        asked(step="script"),
        StepCompleted(at=at(1), step="script", summary="done"),
        StepFailed(at=at(1), step="script", summary="failed"),
    ],
    ids=lambda e: e.type,
)
def test_events_on_a_step_that_has_not_started_are_refused(event: Event) -> None:
    assert_refused(running_run(), event, TransitionCode.STEP_NOT_STARTED)


def test_a_second_request_while_one_is_pending_is_refused() -> None:
    assert_refused(waiting_run(), asked(request_id="other"), TransitionCode.REQUEST_ALREADY_PENDING)


def test_a_request_on_another_step_while_one_is_pending_is_refused() -> None:
    state = apply(waiting_run(), StepStarted(at=at(5), step="script", summary="s"))
    assert_refused(
        state, asked(step="script", request_id="other"), TransitionCode.REQUEST_ALREADY_PENDING
    )


def test_completing_a_step_that_waits_for_a_person_is_refused() -> None:
    assert_refused(
        waiting_run(),
        StepCompleted(at=at(5), step="prompt", summary="done"),
        TransitionCode.REQUEST_ALREADY_PENDING,
    )


def test_completing_the_run_while_a_request_is_pending_is_refused() -> None:
    assert_refused(
        waiting_run(),
        RunCompleted(at=at(5), outcome="done"),
        TransitionCode.REQUEST_ALREADY_PENDING,
    )


def test_a_decision_on_a_request_that_was_never_asked_is_refused() -> None:
    assert_refused(running_run(), answered(), TransitionCode.REQUEST_NOT_PENDING)


def test_a_decision_naming_another_request_than_the_pending_one_is_refused() -> None:
    assert_refused(waiting_run(), answered(request_id="other"), TransitionCode.REQUEST_NOT_PENDING)


def test_a_decision_on_another_step_than_the_one_asking_is_refused() -> None:
    state = apply(waiting_run(), StepStarted(at=at(5), step="script", summary="s"))
    assert_refused(state, answered(step="script"), TransitionCode.REQUEST_NOT_PENDING)


@pytest.mark.parametrize(
    "finish",
    [
        StepCompleted(at=at(5), step="prompt", summary="done"),
        StepFailed(at=at(5), step="prompt", summary="failed"),
    ],
    ids=lambda e: e.type,
)
def test_a_new_request_on_a_finished_step_is_refused(finish: Event) -> None:
    assert_refused(apply(running_run(), finish), asked(), TransitionCode.STEP_FINISHED)


def test_a_replayed_request_after_its_step_finished_changes_nothing() -> None:
    done = apply_all(
        waiting_run(), [answered(), StepCompleted(at=at(6), step="prompt", summary="done")]
    )
    assert apply(done, asked()) == done


# --- messages and payloads -----------------------------------------------------------------


def test_message_added_appends_a_bullet_and_updates_the_summary() -> None:
    state = apply(running_run(), message(key="m1", level=MessageLevel.SUCCESS, summary="Half"))
    prompt = state.steps[0]
    assert [(m.key, m.text, m.level) for m in prompt.messages] == [
        ("m1", "text m1", MessageLevel.SUCCESS)
    ]
    assert prompt.summary == "Half"


def test_a_message_with_a_known_key_is_not_added_twice() -> None:
    once = apply(running_run(), message(key="m1"))
    replayed = MessageAdded(at=at(60), step="prompt", key="m1", text="other", summary="other")
    assert apply(once, replayed) == once


def test_messages_keep_their_order() -> None:
    state = apply_all(running_run(), [message(key=k) for k in ("c", "a", "b")])
    assert [m.key for m in state.steps[0].messages] == ["c", "a", "b"]


def test_payload_recorded_replaces_the_step_payload() -> None:
    state = apply_all(
        running_run(),
        [
            PayloadRecorded(key="k4", at=at(5), step="prompt", payload=NotePayload(text="first")),
            PayloadRecorded(key="k5", at=at(6), step="prompt", payload=NotePayload(text="second")),
        ],
    )
    assert state.steps[0].payload == NotePayload(text="second")


# --- human requests and decisions ----------------------------------------------------------


def test_human_input_requested_makes_step_and_run_wait() -> None:
    state = waiting_run()
    prompt = state.steps[0]
    assert (state.status, prompt.status) == (
        RunStatus.WAITING_FOR_INPUT,
        StepStatus.WAITING_FOR_INPUT,
    )
    # Stored as asked, numbered as the run's first request.
    assert prompt.request == request().model_copy(update={"version": 1})
    assert prompt.summary == "Waiting for review"


def test_the_same_request_asked_twice_changes_nothing() -> None:
    state = waiting_run()
    assert apply(state, asked()) == state


def test_a_decision_clears_the_request_and_resumes_step_and_run() -> None:
    state = apply(waiting_run(), answered(edited="edited"))
    prompt = state.steps[0]
    assert prompt.request is None
    assert (state.status, prompt.status) == (RunStatus.RUNNING, StepStatus.RUNNING)
    assert prompt.decisions == (decision(edited="edited"),)
    assert state.decision_for("review") == decision(edited="edited")
    assert prompt.summary == "Reviewed"


def test_the_same_decision_twice_changes_nothing() -> None:
    once = apply(waiting_run(), answered())
    assert apply(once, answered()) == once


def test_the_same_decision_replayed_later_by_someone_else_changes_nothing() -> None:
    once = apply(waiting_run(), answered())
    replay = HumanInputResolved(
        at=at(90), step="prompt", decision=decision(by="other", seconds=90), summary="Again"
    )
    assert apply(once, replay) == once


def test_a_conflicting_decision_is_refused() -> None:
    once = apply(waiting_run(), answered(answer=Decision.ACCEPT))
    assert_refused(once, answered(answer=Decision.REJECT), TransitionCode.DECISION_CONFLICT)


def test_a_decision_with_a_different_edit_is_refused_as_a_conflict() -> None:
    once = apply(waiting_run(), answered(edited="mine"))
    assert_refused(once, answered(edited="theirs"), TransitionCode.DECISION_CONFLICT)


def test_a_replayed_request_after_its_decision_changes_nothing() -> None:
    decided = apply(waiting_run(), answered())
    assert apply(decided, asked()) == decided
    assert decided.pending_request() is None


def test_a_new_request_after_a_decision_can_be_asked() -> None:
    state = apply_all(waiting_run(), [answered(), asked(request_id="second")])
    # A request issued after another gets the next version: a decision on the first is stale.
    assert state.pending_request() == (
        state.steps[0],
        request("second").model_copy(update={"version": 2}),
    )


# --- finishing steps and runs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "status"),
    [
        (StepCompleted(at=at(8), step="prompt", summary="Done"), StepStatus.COMPLETED),
        (StepFailed(at=at(8), step="prompt", summary="Broke"), StepStatus.FAILED),
    ],
)
def test_finishing_a_step_records_its_status_summary_and_time(
    event: Event, status: StepStatus
) -> None:
    step = apply(running_run(), event).steps[0]
    assert (step.status, step.summary, step.finished_at) == (status, event.summary, at(8))  # type: ignore[union-attr]


def test_a_finished_step_ignores_a_later_finish() -> None:
    done = apply(running_run(), StepCompleted(at=at(8), step="prompt", summary="Done"))
    assert apply(done, StepFailed(at=at(9), step="prompt", summary="Broke")) == done


def test_run_completed_finishes_running_steps_and_keeps_pending_ones() -> None:
    state = apply(running_run(), RunCompleted(at=at(9), outcome="Saved"))
    assert (state.status, state.outcome, state.finished_at) == (RunStatus.COMPLETED, "Saved", at(9))
    assert [s.status for s in state.steps] == [
        StepStatus.COMPLETED,
        StepStatus.PENDING,
        StepStatus.PENDING,
    ]


def test_run_failed_fails_active_steps_clears_the_request_and_records_the_error() -> None:
    error = RunError(code="boom", message="It broke", step_key="prompt")
    state = apply(waiting_run(), RunFailed(at=at(9), error=error))
    assert (state.status, state.error) == (RunStatus.FAILED, error)
    assert state.steps[0].status is StepStatus.FAILED
    assert state.pending_request() is None


def test_a_queued_run_can_fail() -> None:
    error = RunError(code="interrupted", message="Server restarted")
    assert apply(queued_run(), RunFailed(at=at(9), error=error)).status is RunStatus.FAILED


# --- cancel --------------------------------------------------------------------------------


def test_cancel_clears_the_pending_request_and_notes_it_on_the_current_step() -> None:
    state = apply_all(
        running_run(),
        [
            StepCompleted(at=at(5), step="prompt", summary="Parsed"),
            StepStarted(at=at(6), step="script", summary="Writing"),
            asked(step="script"),
            RunCancelled(at=at(7), by="person"),
        ],
    )
    prompt, script, images = state.steps
    assert (state.status, state.cancelled_by, state.finished_at) == (
        RunStatus.CANCELLED,
        "person",
        at(7),
    )
    assert state.pending_request() is None
    assert (script.status, script.summary, script.request) == (
        StepStatus.CANCELLED,
        "Cancelled",
        None,
    )
    note = script.messages[-1]
    assert (note.text, note.level, note.at) == (
        "Workflow cancelled by user",
        MessageLevel.ERROR,
        at(7),
    )
    assert (prompt.status, prompt.summary, prompt.messages) == (StepStatus.COMPLETED, "Parsed", ())
    assert images.status is StepStatus.PENDING


def test_cancel_of_a_queued_run_adds_no_step_message() -> None:
    state = apply(queued_run(), RunCancelled(at=at(2), by="person"))
    assert state.status is RunStatus.CANCELLED
    assert all(s.messages == () and s.status is StepStatus.PENDING for s in state.steps)


# --- terminal states absorb ----------------------------------------------------------------

_TERMINAL_EVENTS = [
    RunCompleted(at=at(20), outcome="Done"),
    RunFailed(at=at(20), error=RunError(code="boom", message="It broke")),
    RunCancelled(at=at(20), by="person"),
]

_LATER_EVENTS = [
    RunStarted(at=at(30)),
    StepStarted(at=at(30), step="script", summary="late"),
    StepStarted(at=at(30), step="nope", summary="late"),
    message(key="late"),
    message(step="images", key="late"),
    PayloadRecorded(key="k6", at=at(30), step="prompt", payload=NotePayload(text="late")),
    asked(),
    answered(),
    StepCompleted(at=at(30), step="prompt", summary="late"),
    StepFailed(at=at(30), step="prompt", summary="late"),
    *_TERMINAL_EVENTS,
]


@pytest.mark.parametrize("terminal", _TERMINAL_EVENTS, ids=lambda e: e.type)
@pytest.mark.parametrize("later", _LATER_EVENTS, ids=lambda e: e.type)
def test_a_terminal_run_absorbs_every_later_event(terminal: Event, later: Event) -> None:
    finished = apply(running_run(), terminal)
    assert finished.status.is_terminal
    assert apply(finished, later) == finished


def test_late_writes_after_cancel_do_not_resurrect_the_run() -> None:
    cancelled = apply(waiting_run(), RunCancelled(at=at(7), by="person"))
    late = [answered(), StepCompleted(at=at(8), step="prompt", summary="Done")]
    assert apply_all(cancelled, late) == cancelled


def test_a_replayed_earlier_payload_does_not_overwrite_a_later_one() -> None:
    parsed = PayloadRecorded(key="parsed", at=at(5), step="prompt", payload=NotePayload(text="a"))
    saved = PayloadRecorded(key="saved", at=at(6), step="prompt", payload=NotePayload(text="b"))
    state = apply_all(running_run(), [parsed, saved])
    # A flow re-executed from the top records `parsed` again before reaching `saved`.
    assert apply(state, parsed) is state
    assert state.steps[0].payload == NotePayload(text="b")
    assert state.steps[0].payload_keys == ("parsed", "saved")


def test_progress_counts_each_unit_once_whatever_the_order_or_repeats() -> None:
    from src.state import ProgressPlanned, UnitFinished

    planned = apply(running_run(), ProgressPlanned(at=at(3), step="prompt", total=3, unit="images"))
    progress = planned.steps[0].progress
    assert progress is not None
    assert (progress.done, progress.total, progress.unit) == (0, 3, "images")
    assert (
        apply(planned, ProgressPlanned(at=at(4), step="prompt", total=3, unit="images")) is planned
    )

    units = [UnitFinished(at=at(5), step="prompt", key=k) for k in ("u2", "u1", "u2", "u3", "u1")]
    done = apply_all(planned, units)
    assert done.steps[0].progress is not None
    assert done.steps[0].progress.done == 3
    assert apply_all(done, units) is done  # a replay of every unit changes nothing
    replanned = apply(done, ProgressPlanned(at=at(6), step="prompt", total=3, unit="images"))
    assert replanned is done  # planning again keeps what was done


def test_a_unit_of_a_step_that_planned_none_is_refused() -> None:
    from src.state import UnitFinished

    assert_refused(
        running_run(),
        UnitFinished(at=at(5), step="prompt", key="u1"),
        TransitionCode.PROGRESS_NOT_PLANNED,
    )
    assert_refused(
        running_run(),
        UnitFinished(at=at(5), step="script", key="u1"),
        TransitionCode.STEP_NOT_STARTED,
    )
