"""Shared fixtures: a real PostgreSQL (embedded, or the server named by DATABASE_URL)."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
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
    return RunStore(database.engine)
