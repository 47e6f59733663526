"""Every workflow kind's Inngest function driven by `inngest.experimental.mocked`, the person
acting through the real service at each review wait, with the persisted state checked after
each run."""

from __future__ import annotations

import pytest
from inngest.experimental import mocked

from src.inngest_fns import RUN_CANCEL_REQUESTED
from src.state.model import Decision, MessageLevel, RunStatus, StepStatus
from tests.inngest.conftest import MockedScenario
from tests.inngest.doubles import Faults
from tests.inngest.scenarios import (
    ACCEPT,
    CANCEL,
    KINDS,
    PROVIDER_DOWN,
    PROVIDER_FLAKY,
    REJECT,
    MockedRun,
    drive_mocked,
)
from tests.inngest.world import FunctionStopped, MockedWorld, cancelled_event


@pytest.mark.parametrize("kind", KINDS)
def test_accepting_every_review_completes_the_run_with_each_decision_recorded(
    kind: str, run_mocked: MockedScenario
) -> None:
    run: MockedRun = run_mocked(lambda world: drive_mocked(world, kind, ACCEPT))

    assert run.result.status is mocked.Status.COMPLETED
    state = run.record.state
    assert state.status is RunStatus.COMPLETED
    assert all(step.status is StepStatus.COMPLETED for step in state.steps)
    assert state.pending_request() is None
    requests = [name.rsplit(":wait-", 1)[0] for name in run.reviewer.waits]
    assert run.reviewer.waits == [f"{request}:wait-0" for request in requests]
    for request in requests:
        decision = state.decision_for(request)
        assert decision is not None
        assert decision.decision is Decision.ACCEPT


@pytest.mark.parametrize("kind", KINDS)
def test_rejecting_the_first_review_ends_the_run_without_failing_it(
    kind: str, run_mocked: MockedScenario
) -> None:
    run: MockedRun = run_mocked(lambda world: drive_mocked(world, kind, REJECT))

    state = run.record.state
    first = run.reviewer.waits[0].rsplit(":wait-", 1)[0]
    decision = state.decision_for(first)
    assert decision is not None
    assert decision.decision is Decision.REJECT
    assert state.status in {RunStatus.COMPLETED, RunStatus.CANCELLED}
    assert state.error is None
    assert state.pending_request() is None


@pytest.mark.parametrize("kind", KINDS)
def test_cancel_at_review_cancels_the_run_and_the_cancelled_handler_keeps_it_so(
    kind: str, run_mocked: MockedScenario
) -> None:
    def scenario(world: MockedWorld) -> tuple[MockedRun, object, int]:
        run = drive_mocked(world, kind, CANCEL)
        cancelled = world.world.functions.cancelled
        handled = world.trigger(cancelled, cancelled_event(run.trigger))
        return run, handled, world.version(run.record.id)

    run, handled, version_after_handler = run_mocked(scenario)

    assert isinstance(run.result, FunctionStopped)
    state = run.record.state
    assert state.status is RunStatus.CANCELLED
    assert state.cancelled_by is not None
    assert state.cancelled_by != "inngest"
    assert state.pending_request() is None
    active = state.steps[state.current_step - 1]
    assert active.messages[-1].text == "Workflow cancelled by user"
    assert handled.status is mocked.Status.COMPLETED
    assert version_after_handler == run.record.version


def test_cancel_sends_the_cancel_event_that_the_functions_cancel_on(
    run_mocked: MockedScenario,
) -> None:
    def scenario(world: MockedWorld) -> tuple[MockedRun, list[object]]:
        return drive_mocked(world, "image", CANCEL), world.world.sink.named(RUN_CANCEL_REQUESTED)

    run, sent = run_mocked(scenario)

    assert [event.data["run_id"] for event in sent] == [str(run.record.id)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_permanent_provider_failure_fails_the_run_at_once_with_the_providers_message(
    kind: str, run_mocked: MockedScenario
) -> None:
    clean = Faults()
    run_mocked(lambda world: drive_mocked(world, kind, ACCEPT), faults=clean)
    faults = PROVIDER_DOWN.faults()
    run: MockedRun = run_mocked(
        lambda world: drive_mocked(world, kind, PROVIDER_DOWN), faults=faults
    )
    if clean.calls == 0:
        # A kind that calls no model (e.g. subtitles) is untouched by a provider outage.
        assert run.result.status is mocked.Status.COMPLETED
        assert (faults.calls, run.record.state.status) == (0, RunStatus.COMPLETED)
        return

    assert run.result.status is mocked.Status.FAILED
    state = run.record.state
    assert state.status is RunStatus.FAILED
    assert state.error is not None
    assert state.error.code == "PROVIDER_FAILED"
    assert "the model provider is down" in state.error.message
    assert faults.calls == 1, "a permanent failure is never retried"
    failed = [s for s in state.steps if s.status is StepStatus.FAILED]
    assert failed
    assert failed[0].messages[-1].level is MessageLevel.ERROR


@pytest.mark.parametrize("kind", KINDS)
def test_a_transient_provider_failure_is_retried_and_the_run_completes(
    kind: str, run_mocked: MockedScenario
) -> None:
    clean = Faults()
    run_mocked(lambda world: drive_mocked(world, kind, ACCEPT), faults=clean)
    flaky = PROVIDER_FLAKY.faults()
    run: MockedRun = run_mocked(
        lambda world: drive_mocked(world, kind, PROVIDER_FLAKY), faults=flaky
    )

    assert run.result.status is mocked.Status.COMPLETED
    assert run.record.state.status is RunStatus.COMPLETED
    # One failed call more than a clean run; none for a kind that calls no model.
    assert flaky.calls == (clean.calls + 1 if clean.calls else 0)


def test_image_accept_replaces_the_lecture_image_and_reject_keeps_the_old_one(
    run_mocked: MockedScenario,
) -> None:
    def scenario(world: MockedWorld) -> tuple[MockedRun, MockedRun, object, object]:
        accepted = drive_mocked(world, "image", ACCEPT)
        lecture_id = accepted.record.lecture_id
        after_accept = world.call(world.world.assets.current(lecture_id, "cover"))
        rejected = drive_mocked(world, "image", REJECT, lecture_id=lecture_id)
        after_reject = world.call(world.world.assets.current(lecture_id, "cover"))
        return accepted, rejected, after_accept, after_reject

    accepted, rejected, after_accept, after_reject = run_mocked(scenario)

    first = accepted.record.state.steps[0]
    assert [m.text for m in first.messages] == [
        "Starting image generation",
        "The image is now saved and will be used in video",
    ]
    assert first.payload is not None
    assert after_accept == first.payload.candidate

    second = rejected.record.state.steps[0]
    assert [m.text for m in second.messages] == [
        "Starting image generation",
        "The image is not selected. You can try another generation",
    ]
    assert second.payload is not None
    assert second.payload.previous == after_accept
    assert after_reject == after_accept
