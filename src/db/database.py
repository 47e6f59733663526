"""Connection URLs, the SQLAlchemy engine and schema migrations for one PostgreSQL database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from src.db.lane import WriteLane

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_LOCK_KEY = 0x41505247  # "APRG": serializes concurrent migrators
_SCHEMES = ("postgresql+asyncpg://", "postgresql://", "postgres://")

IDLE_IN_TRANSACTION_SECONDS = 30
"""The server ends a session of ours left idle inside a transaction this long. An open write
transaction holds back the change feed's horizon for everyone (`src/state/feed.py`); the app's
transactions last milliseconds, so this only bounds the stall a bug could cause."""
LANES_MIN_POOL_SIZE = 4
"""The smallest write pool that gives two connections to the write and wake lanes."""

_SESSION = {"idle_in_transaction_session_timeout": str(IDLE_IN_TRANSACTION_SECONDS * 1000)}


def asyncpg_dsn(url: str) -> str:
    """The URL as plain asyncpg understands it (no SQLAlchemy driver suffix)."""
    for scheme in _SCHEMES:
        if url.startswith(scheme):
            return "postgresql://" + url[len(scheme) :]
    raise ValueError(f"not a PostgreSQL URL: {url!r}")


def sqlalchemy_url(url: str) -> str:
    """The URL with SQLAlchemy's asyncpg driver named."""
    return "postgresql+asyncpg://" + asyncpg_dsn(url)[len("postgresql://") :]


@dataclass(frozen=True)
class Database:
    """Two ways into one database: SQLAlchemy for most queries, and plain asyncpg pools for
    the run store's hot path (prepared statements, one round trip each). `dsn` is for
    dedicated connections such as the change feed's LISTEN."""

    engine: AsyncEngine
    pool: asyncpg.Pool
    """Run writes, the asset library, the runner's leases and signals, the feed's reads."""
    dsn: str
    read_pool: asyncpg.Pool
    """Only viewers' reads of runs (`run(id:)`, `nodes(ids:)`), each one autocommit
    statement: a read never queues for a connection behind the writes' transactions and
    round trips (under load, every connection of the shared pool was seen busy for over a
    second; docs/benchmarks.md, goal 3). A statement sees every commit that returned before
    it began, whichever pool wrote it, so nothing read here is staler than on the shared one."""

    lane: WriteLane
    """A connection of its own for run writes that find it free (`src/db/lane.py`)."""
    wake_lane: WriteLane
    """Another, for the change feeds' wake-ups after those writes (`CommitNotifier`)."""

    async def close(self) -> None:
        await self.lane.close()
        await self.wake_lane.close()
        await self.read_pool.close()
        await self.pool.close()
        await self.engine.dispose()


async def keep_session(_conn: asyncpg.Connection) -> None:
    """The pool's reset on release: nothing beyond what asyncpg always does (roll back an open
    transaction, drop listeners). asyncpg's default also sends `RESET ALL; UNLISTEN *; CLOSE ALL;
    SELECT pg_advisory_unlock_all()` — one round trip per release, about a quarter of a run
    write. Nothing on this pool leaves session state behind: no SET, no session advisory locks
    (the asset library's slot locks are transaction-scoped), no LISTEN (the feed has its own
    connection), no cursors outside a transaction."""


def replace_closed_connection(
    dbapi_connection: Any, _record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
) -> None:
    """On checkout from SQLAlchemy's pool: a connection the server has closed (a restart,
    `pg_terminate_backend`) is replaced before use, at no cost. This stands in for
    `pool_pre_ping`, which costs three round trips per checkout (BEGIN, a ping, ROLLBACK) —
    about a sixth of the event loop's time under load (docs/benchmarks.md, goal 3). asyncpg
    sees the server's goodbye as soon as the event loop reads the socket, so `is_closed()` is
    true by the next checkout. A connection lost without a goodbye (a silent network drop)
    fails its first statement instead: a transient error, which the callers' retry wrapper
    (src/db/transient.py) retries on a fresh connection."""
    if dbapi_connection.driver_connection.is_closed():
        raise sa_exc.DisconnectionError("the server closed this connection")


def _upgrade(connection: Connection) -> None:
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def open_database(url: str, *, pool_size: int = 10, read_pool_size: int = 4) -> Database:
    """Connect and bring the schema up to date (migrations run under an advisory lock)."""
    engine = create_async_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args={"server_settings": _SESSION},
    )
    event.listen(engine.sync_engine, "checkout", replace_closed_connection)
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)
    # The two lanes' connections come out of the write pool's budget, so `pool_size` still
    # bounds the connections for writes (PostgreSQL's `max_connections` is shared by every
    # process); a pool too small to spare them has no lanes.
    lanes = pool_size >= LANES_MIN_POOL_SIZE
    dsn = asyncpg_dsn(url)
    pool = await asyncpg.create_pool(
        dsn,
        min_size=1,
        max_size=pool_size - 2 if lanes else pool_size,
        reset=keep_session,
        server_settings=_SESSION,
    )
    try:
        # All opened at start: a read that finds none idle waits for a busy one (about a
        # millisecond) rather than for a new connection to be opened (tens of milliseconds, more
        # on a busy machine).
        read_pool = await asyncpg.create_pool(
            dsn,
            min_size=read_pool_size,
            max_size=read_pool_size,
            max_inactive_connection_lifetime=0,  # kept open while idle
            reset=keep_session,
            server_settings=_SESSION,
        )
    except BaseException:
        await pool.close()
        await engine.dispose()
        raise

    async def connect() -> asyncpg.Connection:
        connection: asyncpg.Connection = await asyncpg.connect(dsn, server_settings=_SESSION)
        return connection

    return Database(
        engine=engine,
        pool=pool,
        dsn=dsn,
        read_pool=read_pool,
        lane=WriteLane(connect, pool, enabled=lanes),
        wake_lane=WriteLane(connect, pool, enabled=lanes),
    )
