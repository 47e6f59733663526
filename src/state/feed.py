"""`ChangeFeed`: which runs changed, delivered in process to the subscribers interested in them.

One dedicated LISTEN connection per process. After the connection is lost it reconnects with
backoff and resyncs from the last cursor it delivered; a slow backstop poll resyncs too, so a
lost notification costs latency, never correctness. Changes are delivered in cursor order and
at most once per cursor.

Why not `broadcaster`: its postgres backend publishes outside the writer's transaction and
never reconnects; wrapping it with our own NOTIFY, loss detection and resync would leave it
doing nothing but the LISTEN call, which asyncpg gives us directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg

from src.state.changes import CHANNEL, Change
from src.state.store import CHANGES_PAGE, RunStore

log = logging.getLogger(__name__)

_Key = tuple[str, UUID]


@dataclass(frozen=True)
class _Resync:
    reason: str


class FeedSubscription:
    """Changed runs for one interest (an owner, a lecture or a run), coalesced per run."""

    def __init__(self, feed: ChangeFeed, key: _Key) -> None:
        self._feed = feed
        self.key = key
        self._pending: OrderedDict[UUID, Change] = OrderedDict()
        self._ready = asyncio.Event()
        self.closed = False

    def push(self, change: Change) -> None:
        self._pending.pop(change.run_id, None)
        self._pending[change.run_id] = change
        self._ready.set()

    def has_pending(self) -> bool:
        return bool(self._pending)

    async def next_batch(self) -> list[Change]:
        """Wait for at least one change; return every change pending now, oldest first."""
        await self._ready.wait()
        batch = list(self._pending.values())
        self._pending.clear()
        self._ready.clear()
        return batch

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._feed._unsubscribe(self)

    async def __aiter__(self) -> AsyncIterator[list[Change]]:
        try:
            while not self.closed:
                yield await self.next_batch()
        finally:
            self.close()

    def __enter__(self) -> FeedSubscription:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class ChangeFeed:
    """LISTENs for committed run changes and fans them out to interested subscribers."""

    def __init__(
        self,
        dsn: str,
        store: RunStore,
        *,
        poll_seconds: float = 5.0,
        max_backoff_seconds: float = 5.0,
    ) -> None:
        self._dsn = dsn
        self._store = store
        self._poll_seconds = poll_seconds
        self._max_backoff = max_backoff_seconds
        self._index: dict[_Key, set[FeedSubscription]] = {}
        self._inbox: asyncio.Queue[Change | _Resync] = asyncio.Queue()
        self._cursor = 0
        self._conn: Any = None
        self._tasks: list[asyncio.Task[None]] = []
        self.connected = asyncio.Event()
        self.reconnects = 0
        """How many times the LISTEN connection was re-established (for metrics and tests)."""

    @property
    def cursor(self) -> int:
        """The highest change cursor delivered so far."""
        return self._cursor

    @property
    def listener_pid(self) -> int | None:
        """The server process ID of the LISTEN connection, while connected."""
        return None if self._conn is None else int(self._conn.get_server_pid())

    async def start(self) -> None:
        self._cursor = await self._store.latest_cursor()
        self._tasks = [
            asyncio.create_task(self._listen(), name="change-feed-listen"),
            asyncio.create_task(self._dispatch(), name="change-feed-dispatch"),
            asyncio.create_task(self._poll(), name="change-feed-poll"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        await self._close_connection()

    def subscribe(
        self,
        *,
        owner_id: UUID | None = None,
        lecture_id: UUID | None = None,
        run_id: UUID | None = None,
    ) -> FeedSubscription:
        """Subscribe to the changes of one run, one lecture or one owner (name exactly one)."""
        interests = [("run", run_id), ("lecture", lecture_id), ("owner", owner_id)]
        chosen = [(name, value) for name, value in interests if value is not None]
        if len(chosen) != 1:
            raise ValueError("subscribe to exactly one of owner_id, lecture_id, run_id")
        key: _Key = chosen[0]
        subscription = FeedSubscription(self, key)
        self._index.setdefault(key, set()).add(subscription)
        return subscription

    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._index.values())

    def _unsubscribe(self, subscription: FeedSubscription) -> None:
        subscribers = self._index.get(subscription.key)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._index[subscription.key]

    def _deliver(self, change: Change) -> None:
        if change.cursor <= self._cursor:
            return  # already delivered, by a resync or an earlier notification
        self._cursor = change.cursor
        for key in (
            ("run", change.run_id),
            ("lecture", change.lecture_id),
            ("owner", change.owner_id),
        ):
            for subscription in self._index.get(key, ()):
                subscription.push(change)

    async def _dispatch(self) -> None:
        # One consumer for notifications and resyncs alike: a notification that arrives while
        # a resync reads the table waits behind it, so cursor order is preserved.
        while True:
            item = await self._inbox.get()
            if isinstance(item, Change):
                self._deliver(item)
                continue
            try:
                while True:
                    changes = await self._store.changes_since(self._cursor)
                    for change in changes:
                        self._deliver(change)
                    if len(changes) < CHANGES_PAGE:
                        break
            except Exception:
                log.warning(
                    "change feed resync failed (%s); the next poll retries",
                    item.reason,
                    exc_info=True,
                )

    async def _listen(self) -> None:
        backoff = 0.05
        first = True
        while True:
            lost = asyncio.Event()
            conn = None
            try:
                conn = await asyncpg.connect(self._dsn)
                conn.add_termination_listener(lambda _conn, lost=lost: lost.set())
                await conn.add_listener(CHANNEL, self._on_notify)
            except Exception as exc:
                # Refused, reset, shutting down, or lost between connect and LISTEN: all mean
                # "try again"; the listen loop must outlive every one of them.
                if conn is not None:
                    conn.terminate()
                log.warning("change feed cannot LISTEN (%s); retrying in %.2fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            self._conn = conn
            backoff = 0.05
            if not first:
                self.reconnects += 1
                log.info("change feed reconnected; resyncing from cursor %d", self._cursor)
            first = False
            # LISTEN is active before the resync reads, so nothing can fall between them.
            self._inbox.put_nowait(_Resync("connected"))
            self.connected.set()
            await lost.wait()
            self.connected.clear()
            await self._close_connection()

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._inbox.put_nowait(Change.decode(payload))
        except ValueError:
            log.error("change feed ignored a malformed notification: %r", payload)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds)
            await self._check_connection()
            self._inbox.put_nowait(_Resync("poll"))

    async def _check_connection(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=self._poll_seconds)
        except Exception:
            # Whatever the probe ran into — a timeout, a lost socket, a protocol left broken
            # mid-operation ("cannot switch to state …") — the cure is a new connection; the
            # poll loop must outlive it.
            log.warning("change feed connection is unresponsive; reconnecting", exc_info=True)
            conn.terminate()

    async def _close_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()
