"""`ChangeFeed`: which runs changed, delivered in process to the subscribers interested in them.

**How it reads.** Writers stamp each run change with their transaction's ID (`change_xid`,
64-bit, no wraparound) and take no lock (`src/state/store.py`). The feed keeps a position `P`:
every change whose transaction ID is at or below `P` has been delivered. A read takes, in one
statement, the horizon `H = pg_snapshot_xmin(pg_current_snapshot())` — the lowest transaction
ID still running in that statement's snapshot — and the rows with `P < change_xid < H`,
oldest first; then `P = H - 1`. (A large window is read in pages under the same `H`.)

**Nothing missed, nothing twice.** Every transaction below `H` has ended in the read's
snapshot, so each committed change with `change_xid < H` is visible to it, unless a later
change to the same run replaced it; that later change has a higher transaction ID (below), so
it is either in this window too — one row per run, the latest — or at or above `H`, left for a
later read. Transactions at or above `H` may still commit, and are read once the horizon has
passed them. Consecutive windows `(P, H)` are disjoint and leave no transaction ID out, and
`H` never goes back (IDs are handed out in increasing order, so no transaction below an earlier
snapshot's horizon can start later). So every committed change is delivered exactly once,
unless a later change of its run superseded it first — then the run is delivered for that one
(subscribers get run IDs and re-read the run, so the latest change is the one that matters).

**Per-run order is commit order.** The store writes a run only on the version it read
(`WHERE version = $n`); a write whose snapshot predates the previous change's commit finds the
version changed and writes nothing (PostgreSQL re-checks the condition on the newest row
version after waiting for the earlier writer). So a successful change starts, and takes its
transaction ID, after the previous change of that run committed: per run, commit order is
transaction-ID order, and the feed delivers in transaction-ID order (windows in turn, each
sorted by ID and then `change_cursor`). Across runs the order is that of transaction IDs, not
of commits: two runs' changes are not ordered by anything a subscriber could rely on anyway.

**Wake-ups.** The feed reads when a write's commit is announced: by its own process at once
(`CommitNotifier`, no round trip), by other processes through a coalesced NOTIFY on one
dedicated LISTEN connection. Notifications carry no changes, only "read", so a lost or
coalesced one loses nothing: after the LISTEN connection is lost, the feed reconnects with
backoff and reads, and a slow backstop poll reads too; a lost wake-up costs latency, never a
change.

**The horizon's price.** Any transaction that has written anything (it has a transaction ID)
and stays open holds `H` back, and with it delivery of every change committed after it
started, for every subscriber. Read-only transactions do not (they take no ID). The app keeps
its write transactions short (single statements, or a few statements with no waiting on
anything outside the database), and its connections end any transaction left idle after
`IDLE_IN_TRANSACTION_SECONDS` (`src/db/database.py`), which bounds the stall they can cause;
other clients of the same database must do likewise. While a commit it was told of is held
back, the feed re-reads with backoff (`RETRY_SECONDS` doubling up to `MAX_RETRY_SECONDS`),
never in a busy loop, and logs a warning once the stall passes `STALL_WARNING_SECONDS`.

Why not `broadcaster`: its postgres backend publishes outside the writer's transaction and
never reconnects; we need neither its publishing nor its payloads, only a LISTEN connection
with loss detection, which asyncpg gives us directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg

from src.ops import metrics
from src.ops.tasks import cancel_until_done
from src.state.changes import CHANNEL, Change
from src.state.notifier import parse_wake
from src.state.store import RunStore

log = logging.getLogger(__name__)

_Key = tuple[str, UUID]


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


RETRY_SECONDS = 0.002
"""How soon the feed reads again while a change it was told of is not yet readable."""
MAX_RETRY_SECONDS = 0.25
"""The longest pause between reads while the horizon does not move (the backoff's cap)."""
FAILED_READ_PAUSE_SECONDS = 1.0
"""The pause after a read failed (the store already retried it through transient errors)."""
STALL_WARNING_SECONDS = 10.0
"""How long the horizon may hold a change back before the feed warns."""


class ChangeFeed:
    """Reads committed run changes when woken and fans them out to interested subscribers."""

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
        self._position = -1
        self._wanted = -1
        """The highest transaction ID the feed was told has committed a change."""
        self._reasons: set[str] = set()
        """Why to read besides `_wanted`: a reconnect, the backstop poll, an unknown wake-up."""
        self._signal = asyncio.Event()
        self._conn: Any = None
        self._tasks: list[asyncio.Task[None]] = []
        self.connected = asyncio.Event()
        self.reconnects = 0
        """How many times the LISTEN connection was re-established (for metrics and tests)."""
        self.reads = 0
        """How many reads of the table the feed made (tests: no busy loop)."""

    @property
    def cursor(self) -> int:
        """The feed's position: every change whose transaction ID is at or below it has been
        delivered (to the subscriptions registered at the time)."""
        return self._position

    @property
    def listener_pid(self) -> int | None:
        """The server process ID of the LISTEN connection, while connected."""
        return None if self._conn is None else int(self._conn.get_server_pid())

    async def start(self) -> None:
        self._position = await self._store.horizon() - 1
        self._store.notifier.add_local(self.wake)
        self._tasks = [
            asyncio.create_task(self._listen(), name="change-feed-listen"),
            asyncio.create_task(self._dispatch(), name="change-feed-dispatch"),
            asyncio.create_task(self._poll(), name="change-feed-poll"),
        ]

    async def stop(self) -> None:
        self._store.notifier.remove_local(self.wake)
        for task, error in await cancel_until_done(*self._tasks):
            log.warning("change feed task %s had failed", task.get_name(), exc_info=error)
        self._tasks = []
        await self._close_connection()

    def wake(self, xid: int, _run_id: UUID | None = None) -> None:
        """A change by transaction `xid` has committed: read, unless already past it."""
        if xid > self._wanted:
            self._wanted = xid
        if xid > self._position:
            self._signal.set()

    def _read_for(self, reason: str) -> None:
        self._reasons.add(reason)
        self._signal.set()

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

    def _deliver(self, changes: list[Change], position: int) -> None:
        now = time.time()
        for change in changes:
            if change.committed_at is not None:
                metrics.FEED_LAG.observe(max(now - change.committed_at, 0.0))
            for key in (
                ("run", change.run_id),
                ("lecture", change.lecture_id),
                ("owner", change.owner_id),
            ):
                for subscription in self._index.get(key, ()):
                    subscription.push(change)
        self._position = max(self._position, position)

    async def _read(self) -> None:
        """Deliver every change between the position and this read's horizon."""
        after = (self._position, _LAST_SEQ)
        horizon = None
        while True:
            self.reads += 1
            window = await self._store.window(after, below=horizon)
            horizon = window.horizon
            position = horizon - 1 if window.complete else window.changes[-1].cursor - 1
            self._deliver(window.changes, position)
            if window.complete:
                return
            last = window.changes[-1]
            after = (last.cursor, last.seq)

    async def _dispatch(self) -> None:
        # The one reader: reads never overlap, so windows are delivered in order.
        delay = RETRY_SECONDS
        stalled_since: float | None = None
        warned = False
        while True:
            if not self._reasons and self._wanted <= self._position:
                await self._signal.wait()
            self._signal.clear()
            reasons, self._reasons = self._reasons, set()
            for reason in reasons:
                metrics.FEED_RESYNCS.labels(reason).inc()
            before = self._position
            try:
                await self._read()
            except Exception:
                log.warning(
                    "change feed read failed (%s); retrying",
                    ", ".join(sorted(reasons)) or "wake-up",
                    exc_info=True,
                )
                self._reasons.add("retry")
                await asyncio.sleep(min(self._poll_seconds, FAILED_READ_PAUSE_SECONDS))
                continue
            if self._wanted <= self._position:
                delay, stalled_since, warned = RETRY_SECONDS, None, False
                continue
            # A change committed above the horizon: an older transaction is still open. If the
            # horizon moved, read again at its next commit's wake-up or soon after; if it did
            # not, back off, and let the wake-ups that arrive meanwhile wait for that read.
            if self._position > before:
                delay, stalled_since = RETRY_SECONDS, None
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):
                        await self._signal.wait()
                continue
            now = time.monotonic()
            delay = min(delay * 2, MAX_RETRY_SECONDS)
            stalled_since = now if stalled_since is None else stalled_since
            if not warned and now - stalled_since > STALL_WARNING_SECONDS:
                warned = True
                log.warning(
                    "change feed held back for %.0fs by transaction %d, still open "
                    "(pg_stat_activity.backend_xid): changes committed after it started are "
                    "delivered once it ends",
                    now - stalled_since,
                    self._position + 1,
                )
            await asyncio.sleep(delay)

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
                metrics.FEED_RECONNECTS.inc()
                log.info("change feed reconnected; reading from position %d", self._position)
            first = False
            # LISTEN is active before the read, so nothing can fall between them.
            self._read_for("connected")
            self.connected.set()
            await lost.wait()
            self.connected.clear()
            await self._close_connection()

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        metrics.FEED_NOTIFICATIONS.inc()
        try:
            xid, _ = parse_wake(payload)
        except ValueError:
            # Not a wake-up of ours (another version's payload, say): reading is always safe.
            self._read_for("notification")
            return
        self.wake(xid)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds)
            await self._check_connection()
            self._read_for("poll")

    async def _check_connection(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            async with asyncio.timeout(self._poll_seconds):
                await conn.fetchval("SELECT 1")
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


_LAST_SEQ = 2**63 - 1
"""A `change_cursor` above any: the key `(position, _LAST_SEQ)` starts after the position."""
