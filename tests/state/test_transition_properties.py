"""Property tests: random event sequences over a three-step run keep the transition laws.

Events come from small domains (three steps plus an unknown one, two request IDs, a few
timestamps) so that replays, duplicates and conflicts are frequent. An event the state refuses
is skipped, as a flow that caught the error would.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from src.state import (
    Decision,
    Event,
    HumanDecision,
    HumanInputRequested,
    HumanInputResolved,
    HumanRequest,
    MessageAdded,
    MessageLevel,
    PayloadRecorded,
    ProgressPlanned,
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
    TransitionError,
    UnitFinished,
    apply,
    apply_all,
)
from tests.state.builders import STEP_KEYS, NotePayload, at, queued_run

_FINISHED = {StepStatus.COMPLETED, StepStatus.FAILED, StepStatus.CANCELLED}
_ACTIVE = {StepStatus.RUNNING, StepStatus.WAITING_FOR_INPUT}

times = st.integers(min_value=0, max_value=4).map(at)
steps = st.sampled_from((*STEP_KEYS, "unknown"))
known_steps = st.sampled_from(STEP_KEYS)
request_ids = st.sampled_from(("confirm", "review"))
payloads = st.builds(NotePayload, text=st.sampled_from(("a", "b")))
summaries = st.sampled_from(("one", "two"))

run_started = st.builds(RunStarted, at=times)
step_started = st.builds(StepStarted, at=times, step=steps, summary=summaries)
message_added = st.builds(
    MessageAdded,
    at=times,
    step=steps,
    key=st.sampled_from(("m1", "m2", "m3")),
    text=summaries,
    level=st.sampled_from(MessageLevel),
    summary=st.none() | summaries,
)
payload_keys = st.sampled_from(["parsed", "edited", "saved"])
payload_recorded = st.builds(
    PayloadRecorded, at=times, step=steps, key=payload_keys, payload=payloads
)
progress_planned = st.builds(
    ProgressPlanned,
    at=times,
    step=steps,
    total=st.integers(min_value=1, max_value=2),
    unit=st.sampled_from(("images", "files")),
)
unit_finished = st.builds(UnitFinished, at=times, step=steps, key=st.sampled_from(("u1", "u2")))
input_requested = st.builds(
    HumanInputRequested,
    at=times,
    step=known_steps,
    request=st.builds(
        HumanRequest, id=request_ids, title=st.just("Review"), payload=payloads, requested_at=times
    ),
    summary=summaries,
)


def decisions(request_id: st.SearchStrategy[str]) -> st.SearchStrategy[HumanDecision]:
    return st.builds(
        HumanDecision,
        request_id=request_id,
        decision=st.sampled_from(Decision),
        edited_payload=st.none() | payloads,
        decided_by=st.sampled_from(("ann", "bob")),
        decided_at=times,
    )


input_resolved = st.builds(
    HumanInputResolved,
    at=times,
    step=known_steps,
    decision=decisions(request_ids),
    summary=summaries,
)
step_completed = st.builds(StepCompleted, at=times, step=steps, summary=summaries)
step_failed = st.builds(StepFailed, at=times, step=steps, summary=summaries)
run_completed = st.builds(RunCompleted, at=times, outcome=summaries)
run_failed = st.builds(
    RunFailed, at=times, error=st.builds(RunError, code=st.just("boom"), message=summaries)
)
run_cancelled = st.builds(RunCancelled, at=times, by=st.sampled_from(("ann", "bob")))

ongoing = st.one_of(
    run_started,
    step_started,
    message_added,
    payload_recorded,
    progress_planned,
    unit_finished,
    input_requested,
    input_resolved,
    step_completed,
    step_failed,
)
terminal = st.one_of(run_completed, run_failed, run_cancelled)


def _starting(key: str) -> st.SearchStrategy[Event]:
    return st.builds(StepStarted, at=times, step=st.just(key), summary=summaries)


def _working(key: str) -> st.SearchStrategy[Event]:
    step = st.just(key)
    return st.one_of(
        st.builds(
            MessageAdded, at=times, step=step, key=st.sampled_from(("m1", "m2")), text=summaries
        ),
        st.builds(PayloadRecorded, at=times, step=step, key=payload_keys, payload=payloads),
        progress_planned.map(lambda e: e.model_copy(update={"step": key})),
        unit_finished.map(lambda e: e.model_copy(update={"step": key})),
        input_requested.map(lambda e: e.model_copy(update={"step": key})),
        st.builds(StepCompleted, at=times, step=step, summary=summaries),
    )


def _answering(key: str, request_id: str) -> st.SearchStrategy[Event]:
    return st.builds(
        HumanInputResolved,
        at=times,
        step=st.just(key),
        decision=decisions(st.just(request_id)),
        summary=summaries,
    )


# Built once: hypothesis validates every new strategy object, which is slow inside a loop.
_STARTING = {key: _starting(key) for key in STEP_KEYS}
_WORKING = {key: _working(key) for key in STEP_KEYS}
_ANSWERING = {
    (key, rid): _answering(key, rid) for key in STEP_KEYS for rid in ("confirm", "review")
}


def aimed(state: RunState) -> list[st.SearchStrategy[Event]]:
    """Events the state will likely accept, so that sequences get deep into a run."""
    if state.status is RunStatus.QUEUED:
        return [run_started]
    pending = state.pending_request()
    if pending is not None:
        return [_ANSWERING[pending[0].key, pending[1].id]]
    candidates = [_STARTING[s.key] for s in state.steps if s.status is StepStatus.PENDING]
    candidates += [_WORKING[s.key] for s in state.steps if s.status is StepStatus.RUNNING]
    return candidates or [terminal]


@st.composite
def sequences(draw: st.DrawFn) -> list[Event]:
    """Events of one run: half aimed at its current state, half anything, and a terminal
    event somewhere half the time (so that later events meet a finished run)."""
    length = draw(st.integers(min_value=1, max_value=30))
    terminal_at = draw(st.none() | st.integers(min_value=0, max_value=length - 1))
    state, sequence = queued_run(), []
    for i in range(length):
        if i == terminal_at:
            event = draw(terminal)
        elif draw(st.booleans()):
            candidates = aimed(state)
            event = draw(candidates[draw(st.integers(0, len(candidates) - 1))])
        else:
            event = draw(ongoing)
        sequence.append(event)
        state = advance(state, event) or state
    return sequence


modest = settings(max_examples=200, deadline=None)


@dataclass(frozen=True)
class Walk:
    states: list[RunState]
    """Every state reached, starting with the queued run."""
    accepted: list[Event]

    @property
    def final(self) -> RunState:
        return self.states[-1]


def advance(state: RunState, event: Event) -> RunState | None:
    """The state after `event`, or None when the event is refused."""
    try:
        return apply(state, event)
    except TransitionError:
        return None


def walk(sequence: Sequence[Event]) -> Walk:
    state = queued_run()
    states, accepted = [state], []
    for event in sequence:
        after = advance(state, event)
        if after is None:
            continue
        state = after
        states.append(state)
        accepted.append(event)
    return Walk(states, accepted)


@modest
@given(sequences())
def test_applying_an_event_twice_equals_applying_it_once(sequence: list[Event]) -> None:
    for state in walk(sequence).states:
        for event in sequence:
            try:
                once = apply(state, event)
            except TransitionError:
                continue
            assert apply(once, event) == once


@modest
@given(sequences())
def test_an_event_returns_the_state_itself_or_a_different_one(sequence: list[Event]) -> None:
    # The store tells a no-op apart by identity (`apply(s, e) is s`) and writes anything else:
    # a new state must differ, and a replayed event must return its own result untouched.
    for state in walk(sequence).states:
        for event in sequence:
            try:
                after = apply(state, event)
            except TransitionError:
                continue
            assert after is state or after != state
            assert apply(after, event) is after


@modest
@given(sequences())
def test_run_invariants_hold_in_every_reachable_state(sequence: list[Event]) -> None:
    for state in walk(sequence).states:
        assert 0 <= state.current_step <= state.total_steps
        started = [s.number for s in state.steps if s.status is not StepStatus.PENDING]
        assert state.current_step == max(started, default=0)
        pending = [s for s in state.steps if s.request is not None]
        assert len(pending) <= 1
        # A request keeps its step waiting: a finished (or pending) step never holds one.
        assert all(s.status is StepStatus.WAITING_FOR_INPUT for s in pending)
        assert (state.status is RunStatus.WAITING_FOR_INPUT) == bool(pending)
        if state.status.is_terminal:
            assert state.finished_at is not None
            assert not any(s.status in _ACTIVE for s in state.steps)


@modest
@given(sequences())
def test_a_finished_step_never_changes_status_again(sequence: list[Event]) -> None:
    states = walk(sequence).states
    for before, after in itertools.pairwise(states):
        for old, new in zip(before.steps, after.steps, strict=True):
            if old.status in _FINISHED:
                assert new.status is old.status


@modest
@given(sequences())
def test_a_terminal_state_never_changes_again(sequence: list[Event]) -> None:
    states = walk(sequence).states
    first_terminal = next((i for i, s in enumerate(states) if s.status.is_terminal), None)
    if first_terminal is None:
        return
    terminal = states[first_terminal]
    assert all(s == terminal for s in states[first_terminal:])
    for event in sequence:
        assert apply(terminal, event) == terminal


@modest
@given(sequences())
def test_replaying_the_accepted_events_onto_the_final_state_changes_nothing(
    sequence: list[Event],
) -> None:
    done = walk(sequence)
    assert apply_all(done.final, done.accepted) == done.final
