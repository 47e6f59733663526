"""The handlers of `inngest/function.cancelled` and `inngest/function.failed` (Inngest's
`on_failure` does not fire on cancel), fed the system events in the shape Inngest sends, and
a step that finishes after its run was cancelled."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa
from inngest.experimental import mocked

from src.db.tables import assets
from src.state.model import MessageLevel, RunState, RunStatus, StepStatus
from tests.inngest.conftest import MockedScenario
from tests.inngest.doubles import Faults
from tests.inngest.scenarios import ACCEPT, Scenario, drive_mocked
from tests.inngest.world import (
    FunctionStopped,
    MockedWorld,
    cancelled_event,
    failed_event,
)

STOPPED_BY_INNGEST = Scenario("cancelled from the Inngest dashboard", lambda: lambda _: "stop")


def candidate_statuses(world: MockedWorld, run_id: Any) -> list[str]:
    query = sa.select(assets.c.status).where(assets.c.run_id == run_id)

    async def read() -> list[str]:
        async with world.database.engine.connect() as conn:
            return [row.status for row in await conn.execute(query)]

    return world.call(read())


def test_function_cancelled_in_inngest_cancels_the_run_and_discards_its_candidate(
    run_mocked: MockedScenario,
) -> None:
    def scenario(world: MockedWorld) -> tuple[RunState, object, list[str], list[str]]:
        run = drive_mocked(world, "image", STOPPED_BY_INNGEST)
        assert isinstance(run.result, FunctionStopped)
        before = candidate_statuses(world, run.record.id)
        handled = world.trigger(world.world.functions.cancelled, cancelled_event(run.trigger))
        return world.state(run.record.id), handled, before, candidate_statuses(world, run.record.id)

    state, handled, before, after = run_mocked(scenario)

    assert handled.status is mocked.Status.COMPLETED
    assert state.status is RunStatus.CANCELLED
    assert state.cancelled_by == "inngest"
    assert state.steps[0].status is StepStatus.CANCELLED
    assert state.steps[0].messages[-1].text == "Workflow cancelled by an operator"
    assert state.pending_request() is None
    assert before == ["candidate"]
    assert after == ["discarded"]


def test_function_failed_fails_the_run_with_the_error_it_carries(
    run_mocked: MockedScenario, caplog: pytest.LogCaptureFixture
) -> None:
    def scenario(world: MockedWorld) -> tuple[RunState, RunState]:
        known = drive_mocked(world, "image", STOPPED_BY_INNGEST)
        failed = failed_event(known.trigger, name="ProviderError", message="quota exceeded")
        world.trigger(world.world.functions.failed, failed)
        unknown = drive_mocked(world, "image", STOPPED_BY_INNGEST)
        crashed = failed_event(unknown.trigger, name="KeyError", message="'segments'")
        world.trigger(world.world.functions.failed, crashed)
        return world.state(known.record.id), world.state(unknown.record.id)

    known, unknown = run_mocked(scenario)

    assert known.status is RunStatus.FAILED
    assert known.error is not None
    assert (known.error.code, known.error.message) == ("PROVIDER_FAILED", "quota exceeded")
    assert known.steps[0].messages[-1].text == "quota exceeded"
    assert known.steps[0].messages[-1].level is MessageLevel.ERROR
    # Not one of ours: the person sees a plain sentence with a reference, never the
    # exception's class or text; the log has both under the same reference.
    assert unknown.error is not None
    assert unknown.error.code == "INTERNAL"
    shown = re.fullmatch(
        r"Something went wrong on our side \(reference (\w+)\)\. "
        r"You can re-run it\.",  # an image run: a resume would reuse nothing
        unknown.error.message,
    )
    assert shown is not None, unknown.error.message
    logged = [r.getMessage() for r in caplog.records if shown.group(1) in r.getMessage()]
    assert logged and "KeyError: 'segments'" in logged[0]


def test_the_handlers_leave_finished_runs_and_other_functions_alone(
    run_mocked: MockedScenario,
) -> None:
    def scenario(world: MockedWorld) -> tuple[int, int, int]:
        done = drive_mocked(world, "image", ACCEPT)
        functions = world.world.functions
        world.trigger(functions.failed, failed_event(done.trigger, name="Error", message="late"))
        world.trigger(functions.cancelled, cancelled_event(done.trigger))
        waiting = drive_mocked(world, "image", STOPPED_BY_INNGEST)
        other = waiting.trigger.model_copy(update={"name": "billing/invoice.paid"})
        world.trigger(functions.failed, failed_event(other, name="Error", message="not ours"))
        world.trigger(functions.cancelled, cancelled_event(other))
        return (
            done.record.version,
            world.version(done.record.id),
            (world.version(waiting.record.id) - waiting.record.version),
        )

    before, after, waiting_changes = run_mocked(scenario)

    assert after == before
    assert waiting_changes == 0


def test_a_step_finishing_after_the_cancel_does_not_resurrect_the_run(
    run_mocked: MockedScenario,
) -> None:
    """The cancel lands while the image is being generated; Inngest lets that step finish.
    Even handed its result (mocked keeps calling the function), the flow adds nothing."""
    faults = Faults()

    def scenario(world: MockedWorld) -> tuple[object, RunState, int, int, list[str], list[str]]:
        cancelled: list[int] = []

        async def cancel_once() -> None:
            if not cancelled:
                run_id = world.world.sink.sent[-1].data["run_id"]
                record = await world.world.service.cancel(world.world.viewer, UUID(str(run_id)))
                cancelled.append(record.version)

        faults.before_call = cancel_once
        run = drive_mocked(world, "image", ACCEPT)
        late = candidate_statuses(world, run.record.id)
        world.trigger(world.world.functions.cancelled, cancelled_event(run.trigger))
        return (
            run.result,
            world.state(run.record.id),
            cancelled[0],
            world.version(run.record.id),
            late,
            candidate_statuses(world, run.record.id),
        )

    result, state, version_at_cancel, version, late, after = run_mocked(scenario, faults=faults)

    assert result.status is mocked.Status.COMPLETED
    assert state.status is RunStatus.CANCELLED
    assert version == version_at_cancel, "nothing was written after the cancel"
    assert state.steps[0].payload is None
    assert state.steps[0].request is None
    assert [m.text for m in state.steps[0].messages] == [
        "Starting image generation",
        "Workflow cancelled by user",
    ]
    assert late == ["discarded"], "a file generated after the cancel is never a candidate"
    assert after == ["discarded"]
