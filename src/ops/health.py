"""Liveness and readiness probes for Kubernetes (or any load balancer).

`/healthz`: the process answers. `/readyz`: it can do its job: the database answers, its
schema is at the migrations' head, and the change feed is listening.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cache

from alembic.config import Config
from alembic.script import ScriptDirectory

from src.db.database import MIGRATIONS_DIR, Database
from src.state.feed import ChangeFeed

PROBE_SECONDS = 2.0
"""A database that takes longer than this to answer `SELECT 1` is not ready."""


@cache
def migration_heads() -> frozenset[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


@dataclass(frozen=True)
class Readiness:
    database: bool
    migrations: bool
    change_feed: bool

    @property
    def ready(self) -> bool:
        return self.database and self.migrations and self.change_feed

    def as_json(self) -> dict[str, object]:
        return {
            "ready": self.ready,
            "checks": {
                "database": self.database,
                "migrations": self.migrations,
                "changeFeed": self.change_feed,
            },
        }


async def readiness(database: Database, feed: ChangeFeed) -> Readiness:
    versions: set[str] | None = None
    try:
        async with asyncio.timeout(PROBE_SECONDS), database.pool.acquire() as conn:
            rows = await conn.fetch("SELECT version_num FROM alembic_version")
            versions = {row["version_num"] for row in rows}
    except Exception:  # unreachable, too slow, or no schema at all: not ready, whatever it is
        versions = None
    return Readiness(
        database=versions is not None,
        migrations=versions is not None and versions == migration_heads(),
        change_feed=feed.connected.is_set(),
    )
