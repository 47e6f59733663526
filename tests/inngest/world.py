"""One app's worth of real parts for the Inngest tests: PostgreSQL store, lectures, asset files,
offline (or flaky) providers, the Inngest functions, the engine and the workflow service."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import inngest
from inngest.experimental import mocked

from src.assets import AssetLibrary, LocalBlobStorage
from src.auth.viewer import Viewer
from src.db import Database, open_database
from src.errors import InvalidInput
from src.inngest_fns import FunctionOptions, InngestEngine, ReviewPolicy, WorkflowFunctions
from src.inngest_fns.events import FUNCTION_CANCELLED, FUNCTION_FAILED
from src.lectures import LectureRepository
from src.providers.resilience import Breakers, ResiliencePolicy, resilient
from src.runs.engine import RunEngine
from src.runs.service import WorkflowService
from src.state.model import Decision, RunState
from src.state.store import RunRecord
from src.steps import get_kind
from src.steps.runtime import Services
from tests.inngest.doubles import EventSink, Faults, RecordingStore, flaky_providers
from tests.lecture_video import give_lecture_a_video

T = TypeVar("T")
APP_ID = "agent-progress-test"
WINDOW = timedelta(minutes=1)
OPTIONS = FunctionOptions(retries=2, review=ReviewPolicy(window=WINDOW, limit=3 * WINDOW))


@dataclass(frozen=True)
class Reply:
    """An answer richer than a bare decision: request changes with feedback, or accept the
    candidate at place `choose` (0-based) among several."""

    decision: Decision
    feedback: str | None = None
    choose: int | None = None


@dataclass
class World:
    store: RecordingStore
    lectures: LectureRepository
    assets: AssetLibrary
    services: Services
    sink: EventSink
    service: WorkflowService
    functions: WorkflowFunctions
    faults: Faults
    viewer: Viewer

    async def start(
        self, kind: str, raw_input: dict[str, Any] | None = None, *, lecture_id: UUID | None = None
    ) -> RunRecord:
        """Start a run through the service, on a new lecture unless `lecture_id` is given (with
        an assembled video when the kind refuses a lecture without one, e.g. subtitles)."""
        if raw_input is None:
            raw_input = example_input(kind)
        if lecture_id is None:
            await self.lectures.ensure_viewer(self.viewer.id, self.viewer.name)
            lecture = await self.service.create_lecture(
                self.viewer, title="Volcanoes", prompt="How volcanoes form"
            )
            lecture_id = lecture.id
            workflow = get_kind(kind)
            try:
                if workflow.check_input is not None:
                    workflow.check_input(workflow.parse_input(raw_input), lecture)
            except InvalidInput:
                await give_lecture_a_video(
                    self.lectures, self.assets, owner_id=self.viewer.id, lecture_id=lecture_id
                )
        return await self.service.start(
            self.viewer, lecture_id=lecture_id, kind_key=kind, raw_input=raw_input
        )

    async def decide(
        self, run_id: UUID, request_id: str, decision: Decision | Reply, **given: Any
    ) -> RunRecord:
        """Answer the pending request through the service; a `Reply` carries feedback or the
        place of the candidate picked (among the request's choices)."""
        if isinstance(decision, Reply):
            reply = decision
            decision = reply.decision
            given.setdefault("feedback", reply.feedback)
            if reply.choose is not None:
                pending = (await self.state(run_id)).pending_request()
                assert pending is not None and pending[1].id == request_id
                given["choice"] = pending[1].choices[reply.choose]
        return await self.service.decide(
            self.viewer, run_id=run_id, request_id=request_id, decision=decision, **given
        )

    async def state(self, run_id: UUID) -> RunState:
        return (await self.store.require(run_id)).state


_EXAMPLE_INPUTS: list[dict[str, Any]] = [{}, {"prompt": "A one-minute lecture on volcanoes"}]


def example_input(kind: str) -> dict[str, Any]:
    """An input each kind accepts: its defaults, or else a prompt."""
    for raw in _EXAMPLE_INPUTS:
        try:
            get_kind(kind).parse_input(raw)
        except InvalidInput:
            continue
        return raw
    raise AssertionError(f"give workflow kind {kind!r} an example input in tests/inngest/world.py")


def build_world(
    database: Database,
    assets_dir: Path,
    client: inngest.Inngest,
    *,
    faults: Faults | None = None,
    options: FunctionOptions = OPTIONS,
    run_engine: Callable[[RecordingStore, Services, EventSink], RunEngine] | None = None,
    resilience: ResiliencePolicy | None = None,
) -> World:
    """Everything wired as `Resources` wires it, with the Inngest engine sending to a sink.
    With `resilience`, the providers are wrapped as in production (breakers, metrics)."""
    faults = faults or Faults()
    engine = database.engine
    store = RecordingStore(database)
    lectures = LectureRepository(engine)
    assets = AssetLibrary(database.pool, LocalBlobStorage(assets_dir))
    providers = flaky_providers(faults)
    if resilience is not None:
        providers = resilient(providers, Breakers(resilience))
    services = Services(providers=providers, assets=assets, lectures=lectures)
    sink = EventSink()
    chosen = run_engine(store, services, sink) if run_engine else InngestEngine(sink, store)
    return World(
        store=store,
        lectures=lectures,
        assets=assets,
        services=services,
        sink=sink,
        service=WorkflowService(store=store, lectures=lectures, assets=assets, engine=chosen),
        functions=WorkflowFunctions(client, store, services, options),
        faults=faults,
        viewer=Viewer(id=uuid.uuid4(), name="reviewer"),
    )


class MockedWorld:
    """A world on its own event loop in its own thread, for `inngest.experimental.mocked`:
    `mocked.trigger` drives the thread's loop with `run_until_complete`, so it cannot run inside
    the test session's loop, and the database engine must belong to the loop that uses it."""

    def __init__(
        self, url: str, assets_dir: Path, *, faults: Faults | None, options: FunctionOptions
    ) -> None:
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.database: Database = self.loop.run_until_complete(open_database(url, pool_size=2))
        self.client = mocked.Inngest(app_id=APP_ID, is_production=False)
        self.world = build_world(
            self.database, assets_dir, self.client, faults=faults, options=options
        )

    def call(self, awaitable: Awaitable[T]) -> T:
        return self.loop.run_until_complete(awaitable)

    def trigger(
        self,
        fn: inngest.Function[Any],
        event: inngest.Event,
        stubs: dict[str, object] | None = None,
    ) -> Any:
        return mocked.trigger(fn, event, self.client, step_stubs=stubs)

    def run_function(self, kind: str) -> inngest.Function[Any]:
        return self.world.functions.runs[kind]

    def state(self, run_id: UUID) -> RunState:
        return self.call(self.world.state(run_id))

    def version(self, run_id: UUID) -> int:
        return self.call(self.world.store.require(run_id)).version

    def close(self) -> None:
        self.call(self.database.close())
        self.loop.close()
        asyncio.set_event_loop(None)


def in_thread(body: Callable[[], T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(body).result()


class FunctionStopped(Exception):
    """Raised out of `mocked.trigger` where Inngest would stop invoking a cancelled function."""


class Reviewer(dict[str, object]):
    """Step stubs for `mocked.trigger` that play the person at each review wait.

    When the function reaches `<request>:wait-<n>`, the person acts through the real service:
    `decide` persists the decision and sends its event, which the wait receives; with
    `race=True` they act just before the wait is registered, so it times out instead (the
    event came too early to match); `"cancel"` cancels the run and Inngest stops the function;
    `"stop"` is Inngest stopping it by itself (cancelled from its dashboard); None lets the
    window pass.
    """

    def __init__(
        self,
        world: MockedWorld,
        run_id: UUID,
        answer: Callable[[str], Decision | Reply | str | None],
        *,
        race: bool = False,
    ) -> None:
        super().__init__()
        self._world, self._run_id, self._answer, self._race = world, run_id, answer, race
        self.waits: list[str] = []

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and ":wait-" in name

    def __getitem__(self, name: str) -> object:
        self.waits.append(name)
        request_id = name.rsplit(":wait-", 1)[0]
        world = self._world.world
        if self._world.state(self._run_id).decision_for(request_id) is not None:
            return mocked.Timeout
        answer = self._answer(request_id)
        if answer is None:
            return mocked.Timeout
        if answer in {"cancel", "stop"}:
            if answer == "cancel":
                self._world.call(world.service.cancel(world.viewer, self._run_id))
            raise FunctionStopped(name)
        decision = answer if isinstance(answer, Reply) else Decision(answer)
        self._world.call(world.decide(self._run_id, request_id, decision))
        return mocked.Timeout if self._race else world.sink.sent[-1]


def accept_all(request_id: str) -> Decision:
    return Decision.ACCEPT


def system_event(name: str, trigger: inngest.Event, error: dict[str, Any]) -> inngest.Event:
    """`inngest/function.failed` or `.cancelled` in the shape Inngest sends (see its docs)."""
    original = {
        "data": dict(trigger.data),
        "id": "01JDJK451Y9KFGE5TTM2FHDEDN",
        "name": trigger.name,
        "ts": 1732558407003,
        "user": {},
    }
    return inngest.Event(
        name=name,
        id="01JDJK452DFJ6C2K4M0ZW5NRA1",
        ts=int(datetime.now(UTC).timestamp() * 1000),
        data={
            "error": error,
            "event": original,
            "events": [original],
            "function_id": f"{APP_ID}-run-{trigger.data['kind']}",
            "run_id": "01JDJK451YZV4A3Q6RMG8C0H5X",
        },
    )


def cancelled_event(trigger: inngest.Event) -> inngest.Event:
    error = {"error": "function cancelled", "message": "function cancelled", "name": "Error"}
    return system_event(FUNCTION_CANCELLED, trigger, error)


def failed_event(trigger: inngest.Event, *, name: str, message: str) -> inngest.Event:
    error = {
        "__serialized": True,
        "error": "invalid status code: 500",
        "message": message,
        "name": name,
        "stack": "Traceback (most recent call last): ...",
    }
    return system_event(FUNCTION_FAILED, trigger, error)


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def comparable(state: RunState) -> Any:
    """The state without what differs between equal runs: timestamps, generated IDs, and which
    of a step's parallel units finished first (how many did is kept)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: len(v) if k == "done_keys" else strip(v)
                for k, v in value.items()
                if k != "at" and not k.endswith("_at") and k != "storage_key"
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return _UUID.sub("<id>", value)
        return value

    return strip(state.model_dump(mode="json"))
