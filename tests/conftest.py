"""Shared fixtures: a real PostgreSQL (embedded, or the server named by DATABASE_URL)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from src.db import Database, open_database
from src.db.scratch import throwaway_database
from src.state.store import RunStore


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, empty database for this test session: on the server named by DATABASE_URL, or
    on a throwaway embedded one."""
    with throwaway_database(os.environ.get("DATABASE_URL"), "agent_progress_test") as url:
        yield url


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = await open_database(database_url)
    yield db
    await db.close()


@pytest.fixture(scope="session")
def run_store(database: Database) -> RunStore:
    return RunStore(database)


@pytest.fixture(scope="session")
async def resources(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Any]:
    """The app's resources on the test database, with a short review window."""
    from src.resources import Resources
    from src.settings import Settings

    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("data"),
        feed_poll_seconds=1.0,
        review_window_seconds=2.0,
    )
    opened = await Resources.open(settings)
    yield opened
    await opened.close()


@pytest.fixture(scope="session")
async def server(resources: Any) -> AsyncIterator[str]:
    """A real uvicorn server on a free loopback port; yields its base URL."""
    from tests.servers import serving

    async with serving(resources) as url:
        yield url


@pytest.fixture
async def gql(server: str) -> AsyncIterator[Any]:
    from tests.graphql_client import GraphQLClient

    client = GraphQLClient(server)
    yield client
    await client.close()
