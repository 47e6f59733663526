"""Resuming a failed run (`retryRun`) on the Inngest runtime: the resumed run is a new function
run whose flow treats the taken-over steps as done (no step, no model call for them). It
persists the same states as on the local runner, under `inngest.experimental.mocked` too, and
calling its body again for every prefix of its step history changes nothing."""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from pathlib import Path
from typing import Any

import inngest

from src.db import Database
from src.inngest_fns import RUN_REQUESTED
from src.runner.local import LocalRunner
from src.state.model import RunStatus, StepStatus
from src.state.resume import REUSED
from src.state.store import RunRecord
from tests.inngest.conftest import MockedScenario, ServedFactory
from tests.inngest.doubles import Faults
from tests.inngest.scenarios import ACCEPT, drive_local, drive_mocked, drive_served, local_engine
from tests.inngest.test_replay import fence, notifications, probe
from tests.inngest.world import (
    APP_ID,
    MockedWorld,
    Reviewer,
    World,
    accept_all,
    build_world,
    comparable,
)

KIND = "full_video"
REUSED_STEPS = ["configuration", "script", "segment_images"]


def speech_down() -> Faults:
    """Every speech call fails for good (step 4, narration) until the test clears it."""
    return Faults(failures=math.inf, retriable=False, ports=frozenset({"speech"}))


def failed_at_narration(record: RunRecord) -> None:
    state = record.state
    assert state.status is RunStatus.FAILED
    assert [s.status for s in state.steps[:4]] == [StepStatus.COMPLETED] * 3 + [StepStatus.FAILED]


def resumed_without_repeating(old: RunRecord, new: RunRecord, made: Counter[str]) -> None:
    """The resumed run completed, took over steps 1-3 and made no text or image call."""
    assert new.state.status is RunStatus.COMPLETED, new.state.error
    assert new.rerun_of == old.id and new.trigger == "retry"
    assert [
        s.key for s in new.state.steps if s.messages[-1:] and s.messages[-1].text == REUSED
    ] == (REUSED_STEPS)
    for step in REUSED_STEPS:
        taken, was = new.state.step(step), old.state.step(step)
        assert taken is not None and was is not None
        assert taken.payload == was.payload
    assert (made["text"], made["image"]) == (0, 0)
    assert made["speech"] > 0 and made["music"] == 1


async def resume(world: World, old: RunRecord) -> RunRecord:
    """The speech service is back; resume `old` from where it stopped."""
    world.faults.failures = 0
    return await world.service.retry(world.viewer, old.id)


def delta(world: World, before: Counter[str]) -> Counter[str]:
    made = Counter(world.faults.calls_by_port)
    made.subtract(before)
    return made


async def test_a_resumed_run_persists_the_same_states_on_the_local_runner_and_on_inngest(
    database: Database, tmp_path: Path, served: ServedFactory, run_mocked: MockedScenario
) -> None:
    client = inngest.Inngest(app_id=APP_ID, is_production=False)
    local = build_world(
        database, tmp_path / "local", client, faults=speech_down(), run_engine=local_engine
    )
    old = await drive_local(local, KIND, ACCEPT)
    failed_at_narration(old)
    before = Counter(local.faults.calls_by_port)
    new = await resume(local, old)
    runner = local.service.engine
    assert isinstance(runner, LocalRunner)
    await runner.wait_idle()
    new = await local.store.require(new.id)
    resumed_without_repeating(old, new, delta(local, before))
    expected = [comparable(state) for state in local.store.states_of(new.id)]

    world, server = await served(faults=speech_down())
    served_old = await drive_served(world, server, KIND, ACCEPT)
    failed_at_narration(served_old)
    before = Counter(world.faults.calls_by_port)
    served_new = await resume(world, served_old)
    await server.run_until_idle()
    served_new = await world.store.require(served_new.id)
    resumed_without_repeating(served_old, served_new, delta(world, before))
    # A new function run, whose steps are only those of the steps it did not take over.
    steps = server.run_for(served_new.id).history
    assert steps and not any(
        s.startswith(("parse-prompt", "create-script", "image")) for s in steps
    )
    assert [comparable(state) for state in world.store.states_of(served_new.id)] == expected
    assert served_new.version == new.version

    def on_mocked(mocked: MockedWorld) -> tuple[Any, int]:
        mocked_old = drive_mocked(mocked, KIND, ACCEPT).record
        failed_at_narration(mocked_old)
        before = Counter(mocked.world.faults.calls_by_port)
        mocked_new = mocked.call(resume(mocked.world, mocked_old))
        event = mocked.world.sink.named(RUN_REQUESTED)[-1]
        assert event.data["run_id"] == str(mocked_new.id)
        reviewer = Reviewer(mocked, mocked_new.id, accept_all)
        mocked.trigger(mocked.run_function(KIND), event, reviewer)
        assert reviewer.waits == []  # the configuration review is not asked again
        record = mocked.call(mocked.world.store.require(mocked_new.id))
        resumed_without_repeating(mocked_old, record, delta(mocked.world, before))
        states = [comparable(s) for s in mocked.world.store.states_of(record.id)]
        return states, record.version

    mocked_states, mocked_version = await asyncio.to_thread(
        run_mocked, on_mocked, faults=speech_down()
    )
    assert mocked_states == expected
    assert mocked_version == new.version


async def test_calling_a_resumed_runs_body_again_for_every_history_prefix_changes_nothing(
    served: ServedFactory, database: Database
) -> None:
    single_world, single = await served(faults=speech_down())
    once = await resume(single_world, await drive_served(single_world, single, KIND, ACCEPT))
    await single.run_until_idle()
    once = await single_world.store.require(once.id)

    world, server = await served(faults=speech_down(), replay=True)
    server.probe = probe(world)
    old = await drive_served(world, server, KIND, ACCEPT)
    failed_at_narration(old)
    before = Counter(world.faults.calls_by_port)
    async with notifications(world.store) as received:
        new = await resume(world, old)
        await server.run_until_idle()
        await server.replay_history(server.run_for(new.id))
        await fence(world, received)

    assert server.replay_changes == []
    final = await world.store.require(new.id)
    made = delta(world, before)
    # However often the body ran, steps 1-3 never called a model.
    assert (made["text"], made["image"]) == (0, 0)
    assert final.state.status is RunStatus.COMPLETED
    assert final.version == once.version
    assert comparable(final.state) == comparable(once.state)
    states = [comparable(state) for state in world.store.states_of(new.id)]
    assert states == [comparable(state) for state in single_world.store.states_of(once.id)]
    # One notification per committed transition, the creation included.
    assert len([c for c in received if c.run_id == new.id]) == final.version
