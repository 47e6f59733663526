"""`CommitNotifier`: wakes change feeds after run writes commit.

The write transaction itself sends no NOTIFY (its commit-time queue lock would serialise every
commit, see docs/benchmarks.md, goal 4). Instead, after a write's commit has returned, the
writing process wakes its own change feed at once (no round trip) and every process's feed
with one `NOTIFY`, coalesced: a commit is announced at once unless a NOTIFY is in flight or was
sent less than `interval_seconds` ago; the commits in between ride on the next one. So a
process sends at most one per round trip (and per 2 ms), and a wake-up waits for at most
one. It is sent outside any write, on a connection kept for wake-ups (`Database.wake_lane`; the
pool while that one is busy); a NOTIFY-only transaction writes no WAL of its own, so its commit
waits for no flush. The payload is only a wake-up (the highest transaction ID written, and
when): a feed that wakes reads the table (`src/state/feed.py`), so a coalesced or lost
notification loses nothing — a wake-up lost to a crash or a dropped connection costs the
backstop poll's latency, never a change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from uuid import UUID

import asyncpg

from src.db.lane import WriteLane
from src.state.changes import CHANNEL

log = logging.getLogger(__name__)

Wake = Callable[[int, UUID], None]
"""Called with the transaction ID and the run of a committed run change."""


def wake_payload(xid: int, at: float) -> str:
    return f"{xid}:{int(at * 1_000_000)}"


def parse_wake(payload: str) -> tuple[int, float]:
    """The transaction ID and time (epoch seconds) of a wake-up; ValueError if it is none."""
    xid, stamp = payload.split(":")
    return int(xid), int(stamp) / 1e6


class CommitNotifier:
    """Coalesces post-commit wake-ups: this process's feeds at once, all processes by NOTIFY."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        lane: WriteLane | None = None,
        interval_seconds: float = 0.002,
    ) -> None:
        """`lane`: a connection of its own to send on when free (`Database.wake_lane`), which
        spares each wake-up a pool checkout; otherwise (and while it is busy) the pool."""
        self._connection = lane.connection if lane is not None else pool.acquire
        self._interval = interval_seconds
        self._local: list[Wake] = []
        self._highest = 0
        self._since: float | None = None
        """When the oldest commit not yet announced returned (None: nothing pending)."""
        self._task: asyncio.Task[None] | None = None
        self.sent = 0
        """NOTIFYs sent (benchmarks and tests)."""

    def add_local(self, wake: Wake) -> None:
        self._local.append(wake)

    def remove_local(self, wake: Wake) -> None:
        with contextlib.suppress(ValueError):
            self._local.remove(wake)

    def committed(self, xid: int, run_id: UUID) -> None:
        """A change to `run_id` by transaction `xid` has committed (call after the commit
        returned)."""
        for wake in self._local:
            wake(xid, run_id)
        self._highest = max(self._highest, xid)
        if self._since is None:
            self._since = time.time()
        if self._task is None:
            # Leading edge: a lone commit is announced at once; a burst within the interval
            # after it goes out as one more NOTIFY at the interval's end.
            self._task = asyncio.get_running_loop().create_task(self._announce())

    async def _announce(self) -> None:
        try:
            while self._since is not None:
                payload = wake_payload(self._highest, self._since)
                self._since = None
                try:
                    async with self._connection() as conn:
                        await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, payload)
                    self.sent += 1
                except Exception as exc:
                    # The database is away or the pool is closing: the other processes' feeds
                    # find the change by their backstop poll (or reconnect resync).
                    log.debug("change wake-up not sent (%s)", exc)
                await asyncio.sleep(self._interval)
        finally:
            self._task = None

    async def drain(self) -> None:
        """Wait until every commit reported so far has been announced (tests, shutdown)."""
        while self._task is not None:
            await asyncio.shield(self._task)
