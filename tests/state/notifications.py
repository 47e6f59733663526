"""What the store announced: its own process's wake-ups, and the NOTIFYs other processes get."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from uuid import UUID

import asyncpg

from src.state.changes import CHANNEL
from src.state.notifier import CommitNotifier, parse_wake

WAIT_SECONDS = 15.0
"""How long a test waits for something that should happen at once (generous; never asserted)."""


@contextmanager
def woken(notifier: CommitNotifier) -> Iterator[list[int]]:
    """The transaction IDs the notifier announced to this process while the block ran."""
    xids: list[int] = []

    def record(xid: int, _run_id: UUID) -> None:
        xids.append(xid)

    notifier.add_local(record)
    try:
        yield xids
    finally:
        notifier.remove_local(record)


class Notifications:
    """The wake-ups a raw LISTEN connection received on the run-changes channel."""

    def __init__(self) -> None:
        self.xids: list[int] = []
        self._arrived = asyncio.Event()

    def on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self.xids.append(parse_wake(payload)[0])
        self._arrived.set()

    async def until(self, xid: int) -> list[int]:
        """Wait for a wake-up at or past transaction `xid`; return every one received."""

        async def wait() -> None:
            while max(self.xids, default=-1) < xid:
                await self._arrived.wait()
                self._arrived.clear()

        await asyncio.wait_for(wait(), WAIT_SECONDS)
        return self.xids


@asynccontextmanager
async def listening(dsn: str) -> AsyncIterator[Notifications]:
    conn = await asyncpg.connect(dsn)
    notifications = Notifications()
    try:
        await conn.add_listener(CHANNEL, notifications.on_notify)
        yield notifications
    finally:
        await conn.close()
