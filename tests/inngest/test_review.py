"""Human review on Inngest without the race: `wait_for_event` only matches events sent after the
wait is registered (Inngest issue #1433), so a decision made just before is found by looking at
the stored decision after each bounded window; a review nobody answers ends the run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import inngest
import pytest
from inngest.experimental import mocked

from src.inngest_fns import HUMAN_INPUT_RESOLVED, RUN_CANCEL_REQUESTED, ReviewPolicy
from src.state.model import Decision, RunStatus
from tests.inngest.conftest import MockedScenario, ServedFactory
from tests.inngest.scenarios import ACCEPT, KINDS, MockedRun, Scenario, drive_mocked
from tests.inngest.server_double import FunctionRun, InngestServerDouble, Wait
from tests.inngest.world import OPTIONS, WINDOW, MockedWorld


def forward_except(name: str, server: InngestServerDouble) -> Callable[[inngest.Event], None]:
    """Deliver every sent event to `server` but those called `name` (lost on the way)."""

    def forward(event: inngest.Event) -> None:
        if event.name != name:
            server.receive(event.model_dump(mode="json"))

    return forward


NOBODY = Scenario("nobody answers", lambda: lambda request_id: None)


@pytest.mark.parametrize("kind", KINDS)
def test_a_decision_sent_before_its_wait_is_registered_resumes_the_run_after_one_window(
    kind: str, run_mocked: MockedScenario
) -> None:
    def scenario(world: MockedWorld) -> tuple[MockedRun, int]:
        run = drive_mocked(world, kind, ACCEPT, race=True)
        return run, len(world.world.sink.named(HUMAN_INPUT_RESOLVED))

    run, decision_events = run_mocked(scenario)

    assert run.result.status is mocked.Status.COMPLETED
    assert run.record.state.status is RunStatus.COMPLETED
    # Each review: the decision event was sent (and missed), its wait timed out once, and the
    # stored decision was found right after; no second window.
    assert run.reviewer.waits
    assert all(name.endswith(":wait-0") for name in run.reviewer.waits)
    assert decision_events == len(run.reviewer.waits)


async def test_the_race_costs_exactly_one_window_on_the_inngest_clock(
    served: ServedFactory,
) -> None:
    world, server = await served()

    async def decide_before_registration(run: FunctionRun, wait: Wait) -> None:
        server.before_wait = None
        request_id = wait.name.rsplit(":wait-", 1)[0]
        await world.decide(record.id, request_id, Decision.ACCEPT)

    server.before_wait = decide_before_registration
    record = await world.start("image")
    await server.run_until_idle()

    assert [e["name"] for e in server.unmatched] == [HUMAN_INPUT_RESOLVED]
    assert server.run_for(record.id).status == "waiting"
    assert (await world.state(record.id)).status is RunStatus.RUNNING  # decided, not resumed
    assert await server.elapse() == WINDOW.total_seconds()
    await server.run_until_idle()
    assert server.run_for(record.id).status == "completed"
    assert (await world.state(record.id)).status is RunStatus.COMPLETED
    assert server.now == WINDOW.total_seconds()


async def test_a_decision_whose_event_is_lost_still_resumes_the_run_after_one_window(
    served: ServedFactory,
) -> None:
    world, server = await served()
    world.sink.forward = lambda event: (
        None
        if event.name == HUMAN_INPUT_RESOLVED
        else server.receive(event.model_dump(mode="json"))
    )
    record = await world.start("image")
    await server.run_until_idle()
    await world.decide(record.id, "review-image", Decision.REJECT)
    await server.run_until_idle()
    assert server.run_for(record.id).status == "waiting"

    assert await server.elapse() == WINDOW.total_seconds()
    await server.run_until_idle()
    assert (await world.state(record.id)).outcome == "Image not selected"


async def test_a_cancel_whose_event_is_lost_stops_the_flow_at_its_next_look(
    served: ServedFactory,
) -> None:
    world, server = await served()
    world.sink.forward = lambda event: (
        None
        if event.name == RUN_CANCEL_REQUESTED
        else server.receive(event.model_dump(mode="json"))
    )
    record = await world.start("image")
    await server.run_until_idle()
    cancelled = await world.service.cancel(world.viewer, record.id)
    await server.run_until_idle()
    assert server.run_for(record.id).status == "waiting"

    await server.elapse()
    await server.run_until_idle()
    run = server.run_for(record.id)
    assert run.status == "completed"
    assert [name for name, _ in server.ops].count("review-image:wait-1") == 0
    final = await world.store.require(record.id)
    assert final.state.status is RunStatus.CANCELLED
    assert final.version == cancelled.version


def test_a_review_left_undecided_past_the_limit_fails_the_run_with_a_clear_message(
    run_mocked: MockedScenario,
) -> None:
    run: MockedRun = run_mocked(lambda world: drive_mocked(world, "image", NOBODY))

    windows = OPTIONS.review.windows
    assert windows == 3
    assert run.reviewer.waits == [f"review-image:wait-{n}" for n in range(windows)]
    state = run.record.state
    assert state.status is RunStatus.FAILED
    assert state.error is not None
    assert state.error.code == "REVIEW_EXPIRED"
    assert state.error.message == (
        'Nobody answered "Review Image" within 3 minutes, so the workflow stopped. '
        "You can re-run it."  # an image run reuses no step: resuming would start over
    )
    assert state.steps[0].messages[-1].text == state.error.message
    assert state.pending_request() is None


def test_review_windows_cover_the_limit_in_whole_seconds() -> None:
    assert ReviewPolicy(window=timedelta(minutes=15), limit=timedelta(days=1)).windows == 96
    assert ReviewPolicy(window=timedelta(minutes=7), limit=timedelta(minutes=15)).windows == 3
    with pytest.raises(ValueError, match="whole number of seconds"):
        ReviewPolicy(window=timedelta(milliseconds=1500), limit=timedelta(minutes=1))
