"""Replay safety: Inngest calls a function again from the top for every step, and again when a
response is lost. However often the body runs, the run's persisted state, its version and its
notifications are those of a single execution."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from src.db import Database
from src.inngest_fns import RUN_REQUESTED
from src.state.model import StepStatus
from src.state.store import RunRecord, RunStore
from tests.inngest.conftest import ServedFactory
from tests.inngest.scenarios import KINDS, SCENARIOS, Scenario, drive_served
from tests.inngest.server_double import FunctionRun
from tests.inngest.world import World, comparable


@dataclass(frozen=True)
class Committed:
    run_id: UUID
    xid: int


@asynccontextmanager
async def notifications(store: RunStore) -> AsyncIterator[list[Committed]]:
    """Every commit the store announced to the change feeds while inside (one per committed
    change: the feeds' wake-ups)."""
    received: list[Committed] = []

    def record(xid: int, run_id: UUID) -> None:
        received.append(Committed(run_id, xid))

    store.notifier.add_local(record)
    try:
        yield received
    finally:
        store.notifier.remove_local(record)


async def fence(world: World, received: list[Committed]) -> None:
    """Wait until a fresh run's creation was announced (announcements are made as commits
    return, so the body's earlier commits were announced before it)."""
    marker = await world.start("image")
    for _ in range(500):
        if any(change.run_id == marker.id for change in received):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the marker's notification never arrived")


def probe(world: World) -> Any:
    async def look(run: FunctionRun) -> tuple[int, Any]:
        data = run.event["data"]
        if run.event["name"] != RUN_REQUESTED:
            data = data["event"]["data"]  # a finalizer: the workflow run's event is nested
        record = await world.store.require(UUID(data["run_id"]))
        return record.version, comparable(record.state)

    return look


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
@pytest.mark.parametrize("kind", KINDS)
async def test_calling_the_body_again_for_every_step_history_prefix_changes_nothing(
    kind: str, scenario: Scenario, served: ServedFactory, database: Database
) -> None:
    await replaying_every_prefix_changes_nothing(kind, scenario, served, database)


async def replaying_every_prefix_changes_nothing(
    kind: str, scenario: Scenario, served: ServedFactory, database: Database
) -> RunRecord:
    """Play `scenario` once, and again calling the body for every prefix of its step history:
    the same states, version and notifications. Returns the replayed run as persisted."""
    single_world, single = await served(faults=scenario.faults())
    once: RunRecord = await drive_served(single_world, single, kind, scenario)

    world, server = await served(faults=scenario.faults(), replay=True)
    server.probe = probe(world)
    async with notifications(world.store) as received:
        replayed = await drive_served(world, server, kind, scenario)
        await server.replay_history(server.run_for(replayed.id))
        await fence(world, received)

    assert server.replays > len(server.run_for(replayed.id).history)
    assert server.replay_changes == []
    final = await world.store.require(replayed.id)
    assert final.version == once.version
    assert comparable(final.state) == comparable(once.state)
    states = [comparable(state) for state in world.store.states_of(replayed.id)]
    assert states == [comparable(state) for state in single_world.store.states_of(once.id)]
    # One notification per committed transition, the creation included.
    assert len([c for c in received if c.run_id == replayed.id]) == final.version
    for step in final.state.steps:
        keys = [message.key for message in step.messages]
        assert len(keys) == len(set(keys)), f"duplicate messages on {step.key}: {keys}"
        if step.progress is not None and step.status is StepStatus.COMPLETED:
            # Every unit counted exactly once, however often its step ran.
            assert step.progress.done == step.progress.total > 0
    return final
