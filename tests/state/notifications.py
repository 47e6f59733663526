"""A raw LISTEN connection on the run-changes channel, to see exactly what was notified."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg

from src.state.changes import CHANNEL, Change

WAIT_SECONDS = 15.0
"""How long a test waits for something that should happen at once (generous; never asserted)."""


class Notifications:
    """What a raw LISTEN connection received on the run-changes channel."""

    def __init__(self) -> None:
        self.received: list[Change] = []
        self._queue: asyncio.Queue[Change] = asyncio.Queue()

    def on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self._queue.put_nowait(Change.decode(payload))

    async def until(self, run_id: UUID) -> list[Change]:
        """Wait for a notification about `run_id`; return everything received so far.

        Notifications arrive in commit order, so once a later commit's notification is here,
        any notification an earlier transaction issued is here too.
        """

        async def wait() -> None:
            while True:
                change = await self._queue.get()
                self.received.append(change)
                if change.run_id == run_id:
                    return

        await asyncio.wait_for(wait(), WAIT_SECONDS)
        return self.received

    def about(self, run_id: UUID) -> list[Change]:
        return [c for c in self.received if c.run_id == run_id]


@asynccontextmanager
async def listening(dsn: str) -> AsyncIterator[Notifications]:
    conn = await asyncpg.connect(dsn)
    notifications = Notifications()
    try:
        await conn.add_listener(CHANNEL, notifications.on_notify)
        yield notifications
    finally:
        await conn.close()
