"""Scratch databases on a PostgreSQL server, for the tests and the benchmarks: created under a
fresh name, dropped (with any connection still open) afterwards."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from src.db.database import asyncpg_dsn
from src.db.embedded import start_embedded


def database_named(url: str, name: str) -> str:
    """`url` (any PostgreSQL URL form) pointing at database `name` on the same server."""
    return urlunsplit(urlsplit(asyncpg_dsn(url))._replace(path=f"/{name}"))


async def run_admin_sql(url: str, sql: str) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE) on `url`'s server."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def scratch_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@asynccontextmanager
async def scratch_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A new database on `server_url`'s server for the block; yields its URL."""
    name = scratch_name(prefix)
    await run_admin_sql(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield database_named(server_url, name)
    finally:
        await run_admin_sql(server_url, f'DROP DATABASE "{name}" WITH (FORCE)')


@contextmanager
def throwaway_database(server_url: str | None, prefix: str) -> Iterator[str]:
    """Outside an event loop: a scratch database on `server_url`'s server, or (None) a
    throwaway embedded server of its own. Yields the URL."""
    if server_url is None:
        with tempfile.TemporaryDirectory(prefix=f"{prefix}-pg-") as tmp:
            yield start_embedded(Path(tmp) / "pgdata", throwaway=True)
        return
    name = scratch_name(prefix)
    asyncio.run(run_admin_sql(server_url, f'CREATE DATABASE "{name}"'))
    try:
        yield database_named(server_url, name)
    finally:
        asyncio.run(run_admin_sql(server_url, f'DROP DATABASE "{name}" WITH (FORCE)'))
