"""Liveness and readiness probes, over the real app on PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from src.ops.health import readiness
from src.state.feed import ChangeFeed
from tests.graphql_client import GraphQLClient
from tests.servers import serving


async def test_a_running_server_is_live_and_ready(gql: GraphQLClient) -> None:
    live = await gql.http.get("/healthz")
    assert (live.status_code, live.json()) == (200, {"ok": True})
    ready = await gql.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "ready": True,
        "checks": {"database": True, "migrations": True, "changeFeed": True},
    }
    assert (await gql.http.get("/health")).json()["ok"] is True  # the old probe still answers


async def test_not_ready_while_the_change_feed_is_not_listening(resources: Any) -> None:
    # A feed that was never started stands for one that lost its LISTEN connection.
    idle = ChangeFeed(resources.database.dsn, resources.store)
    unready = dataclasses.replace(resources, feed=idle)
    async with serving(unready) as url, httpx.AsyncClient(base_url=url) as http:
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"database": True, "migrations": True, "changeFeed": False}
        assert (await http.get("/healthz")).status_code == 200


async def test_not_ready_when_the_schema_is_behind_the_migrations(resources: Any) -> None:
    async with resources.database.pool.acquire() as conn:
        # Seen from inside a transaction that is rolled back: nothing really changes.
        transaction = conn.transaction()
        await transaction.start()
        try:
            await conn.execute("UPDATE alembic_version SET version_num = '0001'")
            behind = dataclasses.replace(resources.database, pool=_OneConnection(conn))
            state = await readiness(behind, resources.feed)
        finally:
            await transaction.rollback()
    assert state.database and not state.migrations and not state.ready
    assert (await readiness(resources.database, resources.feed)).ready


class _OneConnection:
    """A pool that lends the one connection holding the test's transaction."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[Any]:
        yield self.conn
