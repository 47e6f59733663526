"""The same scenario on the local runner and on the Inngest runtime persists the same sequence of
states (timestamps and generated IDs aside), for every registered workflow kind."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import inngest
import pytest

from src.db import Database
from src.state.model import RunStatus
from src.state.store import RunRecord
from tests.inngest.conftest import MockedScenario, ServedFactory
from tests.inngest.scenarios import (
    KINDS,
    SCENARIOS,
    Scenario,
    drive_local,
    drive_mocked,
    drive_served,
    local_engine,
)
from tests.inngest.world import APP_ID, MockedWorld, build_world, comparable


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("kind", KINDS)
async def test_local_runner_and_inngest_functions_persist_the_same_sequence_of_states(
    kind: str,
    scenario: Scenario,
    database: Database,
    tmp_path: Path,
    served: ServedFactory,
    run_mocked: MockedScenario,
) -> None:
    await same_states_on_every_runtime(kind, scenario, database, tmp_path, served, run_mocked)


async def same_states_on_every_runtime(
    kind: str,
    scenario: Scenario,
    database: Database,
    tmp_path: Path,
    served: ServedFactory,
    run_mocked: MockedScenario,
) -> RunRecord:
    """Play `scenario` on the local runner, over HTTP and under `mocked`; every runtime
    persists the same sequence of states. Returns the local run."""
    client = inngest.Inngest(app_id=APP_ID, is_production=False)
    local = build_world(
        database,
        tmp_path / "local",
        client,
        faults=scenario.faults(),
        run_engine=local_engine,
    )
    local_run = await drive_local(local, kind, scenario)
    expected = [comparable(state) for state in local.store.states_of(local_run.id)]

    world, server = await served(faults=scenario.faults())
    served_run = await drive_served(world, server, kind, scenario)
    assert [comparable(state) for state in world.store.states_of(served_run.id)] == expected
    assert served_run.version == local_run.version

    def on_mocked(mocked: MockedWorld) -> tuple[Any, int]:
        record = drive_mocked(mocked, kind, scenario).record
        states = [comparable(state) for state in mocked.world.store.states_of(record.id)]
        return states, record.version

    mocked_states, mocked_version = await asyncio.to_thread(
        run_mocked, on_mocked, faults=scenario.faults()
    )
    assert mocked_states == expected
    assert mocked_version == local_run.version
    assert local_run.state.status is not RunStatus.RUNNING
    return local_run
