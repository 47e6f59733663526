"""The pure part of resuming a run: where a resume may start, and the state it starts with."""

from __future__ import annotations

import pytest

from src.state import (
    MessageAdded,
    PayloadRecorded,
    RunFailed,
    RunStarted,
    RunState,
    StepCompleted,
    StepStarted,
    apply_all,
)
from src.state.model import RunError, RunStatus, StepStatus
from src.state.resume import REUSED, resumed_at, resumed_state, reused_payloads, start_choices
from tests.state.builders import STEP_KEYS, NotePayload, at, queued_run, running_run

EVERY_STEP = frozenset(STEP_KEYS)


def failed_at_images() -> RunState:
    """Steps 1-2 completed with a payload and a bullet; step 3 failed."""
    events = []
    for key in ("prompt", "script"):
        events += [
            StepStarted(step=key, summary=f"Running {key}", at=at(2)),
            MessageAdded(step=key, key="done", text=f"{key} done", at=at(3)),
            PayloadRecorded(step=key, key="out", payload=NotePayload(text=key), at=at(3)),
            StepCompleted(step=key, summary=f"{key} ready", at=at(4)),
        ]
    events += [
        StepStarted(step="images", summary="Running images", at=at(5)),
        RunFailed(error=RunError(code="PROVIDER_FAILED", message="down"), at=at(6)),
    ]
    return apply_all(running_run("prompt"), events)


def test_a_resume_may_start_at_the_failed_step_or_any_earlier_one() -> None:
    old = failed_at_images()
    assert start_choices(old, EVERY_STEP) == ("prompt", "script", "images")


def test_a_step_the_kind_cannot_take_over_is_where_choices_end() -> None:
    old = failed_at_images()
    assert start_choices(old, frozenset({"prompt"})) == ("prompt", "script")
    assert start_choices(old, frozenset()) == ("prompt",)


def test_the_new_state_takes_over_the_steps_before_the_start_with_a_bullet() -> None:
    old = failed_at_images()
    new = resumed_state(queued_run(), old, "images", at(10))

    assert new.status is RunStatus.QUEUED
    assert new.current_step == 2
    for key in ("prompt", "script"):
        taken, was = new.step(key), old.step(key)
        assert taken is not None and was is not None
        assert taken.status is StepStatus.COMPLETED
        assert (taken.payload, taken.summary) == (was.payload, was.summary)
        assert [m.text for m in taken.messages] == [f"{key} done", REUSED]
    images = new.step("images")
    assert images is not None and images.status is StepStatus.PENDING and not images.messages
    assert reused_payloads(new) == {
        "prompt": {"kind": "test_payload", "text": "prompt"},
        "script": {"kind": "test_payload", "text": "script"},
    }
    assert reused_payloads(queued_run()) == {}


def test_resuming_a_resumed_run_keeps_one_reused_bullet() -> None:
    once = resumed_state(queued_run(), failed_at_images(), "images", at(10))
    twice = resumed_state(queued_run(), once, "images", at(20))
    for key in ("prompt", "script"):
        step = twice.step(key)
        assert step is not None
        assert [m.text for m in step.messages] == [f"{key} done", REUSED]


def test_starting_at_the_first_step_takes_over_nothing() -> None:
    new = resumed_state(queued_run(), failed_at_images(), "prompt", at(10))
    assert new == queued_run().model_copy(update={"current_step": 0})


def test_only_completed_steps_can_be_taken_over() -> None:
    with pytest.raises(ValueError, match="only completed steps"):
        resumed_state(queued_run(), running_run("prompt", "script"), "images", at(10))
    with pytest.raises(ValueError, match="no step"):
        resumed_state(queued_run(), failed_at_images(), "soundtrack", at(10))


def test_a_resumed_run_tells_the_step_it_started_at_also_once_it_ran_on() -> None:
    old = failed_at_images()
    for start in ("prompt", "script", "images"):
        new = resumed_state(queued_run(), old, start, at(10))
        assert resumed_at(new) == start
        ran = apply_all(
            new,
            [RunStarted(at=at(11)), StepStarted(step=start, summary="again", at=at(11))],
        )
        assert resumed_at(ran) == start
