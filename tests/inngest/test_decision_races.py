"""Decision races on the Inngest runtime: a cancel after an asset review was decided is refused
and the function carries the decision out; a function failing for good leaves no candidate."""

from __future__ import annotations

from uuid import UUID

from src.errors import Conflict
from src.inngest_fns import RUN_REQUESTED
from src.state.model import Decision, RunStatus
from tests.inngest.conftest import MockedScenario
from tests.inngest.doubles import Faults
from tests.inngest.scenarios import Scenario, drive_mocked
from tests.inngest.test_finalizers import candidate_statuses
from tests.inngest.world import MockedWorld


def test_a_cancel_after_the_accept_landed_is_refused_and_the_function_saves_the_image(
    run_mocked: MockedScenario,
) -> None:
    def scenario(world: MockedWorld) -> tuple[object, list[str], object, object]:
        refused: list[str] = []

        def accept_then_cancel(request_id: str) -> None:
            run_id = UUID(str(world.world.sink.named(RUN_REQUESTED)[-1].data["run_id"]))
            world.call(world.world.decide(run_id, request_id, Decision.ACCEPT))
            try:
                world.call(world.world.service.cancel(world.world.viewer, run_id))
            except Conflict as error:
                refused.append(error.code.value)
            return None  # the window passes; the function finds the stored decision

        race = Scenario("accept, then cancel", lambda: accept_then_cancel)
        run = drive_mocked(world, "image", race)
        current = world.call(world.world.assets.current(run.record.lecture_id, "cover"))
        return run.record.state, refused, current, run.record.state.steps[0].payload

    state, refused, current, payload = run_mocked(scenario)

    assert refused == ["CONFLICT"]
    assert state.status is RunStatus.COMPLETED  # type: ignore[attr-defined]
    assert current == payload.candidate  # type: ignore[attr-defined]


def test_a_function_failing_for_good_leaves_no_candidate(run_mocked: MockedScenario) -> None:
    faults = Faults(retriable=False)

    async def third_narration_fails() -> None:
        # Calls: parse, script, image prompts, four images, then the narration files.
        if faults.calls == 10:
            faults.failures = 1

    faults.before_call = third_narration_fails

    def scenario(world: MockedWorld) -> tuple[RunStatus, list[str]]:
        run = drive_mocked(
            world, "full_video", Scenario("accept", lambda: lambda _: Decision.ACCEPT)
        )
        return run.record.state.status, candidate_statuses(world, run.record.id)

    status, statuses = run_mocked(scenario, faults=faults)

    assert status is RunStatus.FAILED
    assert "discarded" in statuses, "the narration files made before the failure"
    assert "candidate" not in statuses
