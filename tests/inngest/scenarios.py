"""Scenarios every workflow kind goes through, and drivers that play them on each runtime:
the local runner, the Inngest functions over HTTP (`InngestServerDouble`) and the Inngest
functions under `inngest.experimental.mocked`."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import inngest

from src.inngest_fns import RUN_REQUESTED
from src.runner.local import LocalRunner, RetryPolicy
from src.runs.engine import RunEngine
from src.state.model import Decision, RunState, RunStatus
from src.state.store import RunRecord
from src.steps import all_kinds
from src.steps.runtime import Services
from tests.inngest.doubles import EventSink, Faults, RecordingStore
from tests.inngest.server_double import InngestServerDouble
from tests.inngest.world import OPTIONS, FunctionStopped, MockedWorld, Reply, Reviewer, World

Answer = Callable[[str], Decision | Reply | str | None]
"""What the person does at review `request_id`: a decision, "cancel", or nothing."""

KINDS = [kind.key for kind in all_kinds()]


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: Callable[[], Answer]
    """A fresh answering person per run (some remember what they answered)."""
    faults: Callable[[], Faults] = field(default=Faults)
    input: dict[str, Any] | None = None
    """The run's input; None: the kind's example input."""

    def __str__(self) -> str:
        return self.name


def _always(answer: Decision | str) -> Callable[[], Answer]:
    return lambda: lambda request_id: answer


def _reject_first() -> Answer:
    seen: list[str] = []

    def answer(request_id: str) -> Decision:
        seen.append(request_id)
        return Decision.REJECT if seen[0] == request_id else Decision.ACCEPT

    return answer


ACCEPT = Scenario("accept every review", _always(Decision.ACCEPT))
REJECT = Scenario("reject the first review", _reject_first)
CANCEL = Scenario("cancel at the first review", _always("cancel"))
PROVIDER_DOWN = Scenario(
    "permanent provider failure",
    _always(Decision.ACCEPT),
    lambda: Faults(failures=math.inf, retriable=False),
)
PROVIDER_FLAKY = Scenario(
    "transient provider failure, then success",
    _always(Decision.ACCEPT),
    lambda: Faults(failures=1, retriable=True),
)
SCENARIOS = [ACCEPT, REJECT, CANCEL, PROVIDER_DOWN, PROVIDER_FLAKY]

FEEDBACK = ("Make it a night scene", "Show the lava glowing orange")


def _changes_twice() -> Answer:
    """Request changes at the first two rounds of a review, then accept the third."""
    rounds: list[str] = []

    def answer(request_id: str) -> Decision | Reply:
        if request_id not in rounds:
            rounds.append(request_id)
        round_ = rounds.index(request_id)
        if round_ < len(FEEDBACK):
            return Reply(Decision.REQUEST_CHANGES, feedback=FEEDBACK[round_])
        return Decision.ACCEPT

    return answer


CHANGES_TWICE = Scenario("request changes twice, then accept", _changes_twice)
CHOOSE_SECOND = Scenario(
    "four variations, accept the second",
    lambda: lambda request_id: Reply(Decision.ACCEPT, choose=1),
    input={"prompt": "a volcano", "variations": 4},
)
REVIEW_SCENARIOS = [
    ("image", CHANGES_TWICE),
    ("narration", CHANGES_TWICE),
    ("background_score", CHANGES_TWICE),
    ("image", CHOOSE_SECOND),
]
"""The richer review decisions, on the kinds that offer them."""


def local_engine(store: RecordingStore, services: Services, sink: EventSink) -> RunEngine:
    retry = RetryPolicy(attempts=OPTIONS.retries + 1, base_seconds=0.001, cap_seconds=0.01)
    return LocalRunner(store, services, review_window=0.05, retry=retry)


async def settled(world: World, run_id: UUID) -> RunState:
    """The run's state once it waits for a person or has finished (local runner)."""
    for _ in range(2000):
        state = await world.state(run_id)
        if state.status is RunStatus.WAITING_FOR_INPUT or state.status.is_terminal:
            return state
        await asyncio.sleep(0.005)
    raise AssertionError(f"run {run_id} never settled: {state.status}")


async def drive_local(world: World, kind: str, scenario: Scenario) -> RunRecord:
    runner = world.service.engine
    assert isinstance(runner, LocalRunner)
    record = await world.start(kind, scenario.input)
    answer = scenario.answers()
    while not (state := await settled(world, record.id)).status.is_terminal:
        pending = state.pending_request()
        assert pending is not None
        act = answer(pending[1].id)
        if act == "cancel":
            await world.service.cancel(world.viewer, record.id)
            break
        assert isinstance(act, Decision | Reply)
        await world.decide(record.id, pending[1].id, act)
    await runner.wait_idle()
    return await world.store.require(record.id)


async def drive_served(
    world: World, server: InngestServerDouble, kind: str, scenario: Scenario
) -> RunRecord:
    record = await world.start(kind, scenario.input)
    answer = scenario.answers()
    while True:
        await server.run_until_idle()
        state = await world.state(record.id)
        if state.status.is_terminal:
            break
        pending = state.pending_request()
        assert pending is not None, f"the function is idle but the run is {state.status}"
        act = answer(pending[1].id)
        if act == "cancel":
            await world.service.cancel(world.viewer, record.id)
            await server.run_until_idle()
            break
        assert isinstance(act, Decision | Reply)
        await world.decide(record.id, pending[1].id, act)
    return await world.store.require(record.id)


@dataclass
class MockedRun:
    record: RunRecord
    """The run as persisted after the function stopped."""
    result: Any
    """`mocked.trigger`'s result, or the `FunctionStopped` raised where Inngest cancelled it."""
    reviewer: Reviewer
    trigger: inngest.Event


def drive_mocked(
    world: MockedWorld, kind: str, scenario: Scenario, *, race: bool = False, **start: Any
) -> MockedRun:
    """Start a run through the service and trigger its function with the event it sent."""
    record = world.call(world.world.start(kind, scenario.input, **start))
    event = world.world.sink.named(RUN_REQUESTED)[-1]
    reviewer = Reviewer(world, record.id, scenario.answers(), race=race)
    try:
        result: Any = world.trigger(world.run_function(kind), event, reviewer)
    except FunctionStopped as stopped:
        result = stopped
    return MockedRun(world.call(world.world.store.require(record.id)), result, reviewer, event)
