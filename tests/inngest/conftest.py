"""Fixtures for the Inngest runtime tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx
import inngest
import pytest

from src.db import Database
from src.inngest_fns import FunctionOptions
from src.inngest_fns.serve import serve_app
from src.providers.resilience import ResiliencePolicy
from tests.inngest.doubles import Faults
from tests.inngest.server_double import FunctionRun, InngestServerDouble
from tests.inngest.world import APP_ID, OPTIONS, MockedWorld, World, build_world, in_thread

T = TypeVar("T")
MockedScenario = Callable[..., Any]
ServedFactory = Callable[..., Awaitable[tuple[World, InngestServerDouble]]]


@pytest.fixture
def run_mocked(database_url: str, database: Database, tmp_path: Path) -> MockedScenario:
    """Run `scenario(world)` against a fresh `MockedWorld` in a worker thread."""

    def run(
        scenario: Callable[[MockedWorld], T],
        *,
        faults: Faults | None = None,
        options: FunctionOptions = OPTIONS,
    ) -> T:
        def body() -> T:
            world = MockedWorld(database_url, tmp_path / "assets", faults=faults, options=options)
            try:
                return scenario(world)
            finally:
                world.close()

        return in_thread(body)

    return run


@pytest.fixture
async def served(database: Database, tmp_path: Path) -> AsyncIterator[ServedFactory]:
    """Make a world whose Inngest functions are served over HTTP (the SDK's FastAPI adapter)
    and driven by `InngestServerDouble`; the engine's events go to that double."""
    clients: list[httpx.AsyncClient] = []

    async def make(
        *,
        faults: Faults | None = None,
        options: FunctionOptions = OPTIONS,
        replay: bool = False,
        probe: Callable[[FunctionRun], Awaitable[Any]] | None = None,
        resilience: ResiliencePolicy | None = None,
    ) -> tuple[World, InngestServerDouble]:
        client = inngest.Inngest(app_id=APP_ID, is_production=False)
        world = build_world(
            database,
            tmp_path / "assets",
            client,
            faults=faults,
            options=options,
            resilience=resilience,
        )
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=serve_app(client, world.functions)),
            base_url="http://app",
        )
        clients.append(http)
        server = InngestServerDouble(http, world.functions.all(), replay=replay, probe=probe)
        world.sink.forward = lambda event: server.receive(event.model_dump(mode="json"))
        return world, server

    yield make
    for http in clients:
        await http.aclose()
