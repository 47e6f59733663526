"""The Inngest engine behind the mutations (persist first, then send a typed, deduplicated
event), and the functions built from the workflow registry."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import inngest
import pytest

from src.db import Database
from src.inngest_fns import (
    FUNCTION_CANCELLED,
    FUNCTION_FAILED,
    HUMAN_INPUT_RESOLVED,
    RUN_CANCEL_REQUESTED,
    RUN_REQUESTED,
    WorkflowFunctions,
)
from src.settings import EngineSetting, Settings
from src.state.events import HumanInputRequested, RunStarted, StepStarted
from src.state.model import Decision, HumanRequest, RunStatus
from src.steps import all_kinds
from src.steps.image import ImageReviewPayload
from tests.inngest.world import APP_ID, World, build_world


@pytest.fixture
def world(database: Database, tmp_path: Path) -> World:
    client = inngest.Inngest(app_id=APP_ID, is_production=False)
    return build_world(database, tmp_path / "assets", client)


async def waiting_run(world: World) -> tuple[str, str]:
    """A run at its review, as the function leaves it (the engine sent nothing yet)."""
    record = await world.start("image")
    now = record.created_at
    candidate = await world.assets.add_candidate(
        owner_id=record.owner_id,
        lecture_id=record.lecture_id,
        run_id=record.id,
        slot="cover",
        data=b"png",
        media_type="image/png",
        details={},
    )
    request = HumanRequest(
        id="review-image",
        title="Review Image",
        payload=ImageReviewPayload(candidate=candidate, previous=None),
        requested_at=now,
    )
    step = record.state.steps[0].key
    await world.store.apply(
        record.id,
        [
            RunStarted(at=now),
            StepStarted(step=step, summary="Generating image", at=now),
            HumanInputRequested(step=step, request=request, summary="Review", at=now),
        ],
    )
    return str(record.id), request.id


async def test_start_sends_one_deduplicated_run_requested_event_with_the_runs_columns(
    world: World,
) -> None:
    record = await world.start("image", {"prompt": "a red volcano"})

    [event] = world.sink.sent
    assert event.name == RUN_REQUESTED
    assert event.id == f"run-requested-{record.id}"
    assert event.data == {
        "run_id": str(record.id),
        "kind": "image",
        "owner_id": str(world.viewer.id),
        "lecture_id": str(record.lecture_id),
        "input": record.input,
        "rerun_of": None,
        "reused": {},  # a resumed run's taken-over steps; none for a new run
    }


async def test_decide_persists_the_decision_before_sending_its_event(world: World) -> None:
    run_id, request_id = await waiting_run(world)
    seen_at_send: list[object] = []

    async def look(event: inngest.Event) -> None:
        state = await world.state(UUID(run_id))
        seen_at_send.append(state.decision_for(request_id))

    world.sink.before_send = look
    await world.decide(UUID(run_id), request_id, Decision.ACCEPT)

    [event] = world.sink.named(HUMAN_INPUT_RESOLVED)
    assert event.id == f"decision-{run_id}-{request_id}"
    assert event.data["run_id"] == run_id
    assert event.data["request_id"] == request_id
    assert event.data["decision"]["decision"] == "accept"
    assert seen_at_send
    assert seen_at_send[0] is not None


async def test_cancel_persists_the_cancellation_before_sending_the_cancel_event(
    world: World,
) -> None:
    run_id, _ = await waiting_run(world)
    status_at_send: list[RunStatus] = []

    async def look(event: inngest.Event) -> None:
        status_at_send.append((await world.state(UUID(run_id))).status)

    world.sink.before_send = look
    await world.service.cancel(world.viewer, UUID(run_id))

    [event] = world.sink.named(RUN_CANCEL_REQUESTED)
    assert event.id == f"cancel-{run_id}"
    assert event.data == {"run_id": run_id, "by": str(world.viewer.id)}
    assert status_at_send == [RunStatus.CANCELLED]


async def test_rerun_starts_a_new_run_from_the_old_input_through_a_new_event(
    world: World,
) -> None:
    run_id, _ = await waiting_run(world)
    await world.service.cancel(world.viewer, UUID(run_id))
    old = world.sink.named(RUN_REQUESTED)[-1]

    new = await world.service.rerun(world.viewer, UUID(run_id))

    latest = world.sink.named(RUN_REQUESTED)[-1]
    assert new.id != UUID(run_id)
    assert latest.id == f"run-requested-{new.id}" != old.id
    assert latest.data["rerun_of"] == run_id
    assert latest.data["input"] == old.data["input"]


async def test_a_start_that_cannot_reach_inngest_fails_the_run_so_it_can_be_rerun(
    world: World,
) -> None:
    world.sink.down = True
    record = await world.start("image")

    state = await world.state(record.id)
    assert state.status is RunStatus.FAILED
    assert state.error is not None
    assert "could not be reached" in state.error.message
    world.sink.down = False
    rerun = await world.service.rerun(world.viewer, record.id)
    assert world.sink.named(RUN_REQUESTED)[-1].data["run_id"] == str(rerun.id)


def test_every_registered_kind_gets_one_function_triggered_by_its_kind(world: World) -> None:
    functions: WorkflowFunctions = world.functions
    configs = {
        fn.id: fn.get_config("http://app/api/inngest").main.model_dump(mode="json", by_alias=True)
        for fn in functions.all()
    }

    assert set(functions.runs) == {kind.key for kind in all_kinds()}
    for kind in all_kinds():
        config = configs[functions.runs[kind.key].id]
        assert config["triggers"] == [
            {"event": RUN_REQUESTED, "expression": f"event.data.kind == {json.dumps(kind.key)}"}
        ]
        assert config["cancel"] == [
            {
                "event": RUN_CANCEL_REQUESTED,
                "if": "async.data.run_id == event.data.run_id",
                "timeout": None,
            }
        ]
        per_lecture, models = config["concurrency"]
        assert (per_lecture["key"], per_lecture["limit"]) == ("event.data.lecture_id", 1)
        assert (models["scope"], models["key"]) == ("env", json.dumps(f"{APP_ID}-model-calls"))
        assert config["steps"]["step"]["retries"] == {"attempts": 2}
    finalizers = {
        configs[functions.failed.id]["triggers"][0]["event"],
        configs[functions.cancelled.id]["triggers"][0]["event"],
    }
    assert finalizers == {FUNCTION_FAILED, FUNCTION_CANCELLED}


def test_production_inngest_settings_need_both_keys_and_a_bounded_review() -> None:
    with pytest.raises(ValueError, match="INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY"):
        Settings(
            engine=EngineSetting.INNGEST,
            inngest_dev=False,
            inngest_signing_key=None,
            inngest_event_key=None,
        )
    with pytest.raises(ValueError, match="each window costs two Inngest steps"):
        Settings(inngest_review_window_seconds=60, review_limit_seconds=86400)
    assert Settings(engine=EngineSetting.INNGEST).inngest_dev is True
