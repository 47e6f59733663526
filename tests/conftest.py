"""Shared fixtures: a real PostgreSQL (embedded, or the server named by DATABASE_URL)."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from src.db import Database, open_database
from src.db.database import asyncpg_dsn
from src.db.embedded import start_embedded
from src.state.store import RunStore


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(asyncpg_dsn(url))
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A fresh, empty database for this test session."""
    external = os.environ.get("DATABASE_URL")
    if not external:
        with tempfile.TemporaryDirectory(prefix="agent-progress-pg-") as tmp:
            yield start_embedded(Path(tmp) / "pgdata", throwaway=True)
        return
    name = f"agent_progress_test_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(asyncpg_dsn(external))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(external, name)
    finally:
        asyncio.run(admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


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
