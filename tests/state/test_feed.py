"""`ChangeFeed` against the real PostgreSQL: interest filtering, coalescing, and that no change
is lost when notifications are (reconnect resync, backstop poll)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from uuid import UUID, uuid4

import asyncpg
import pytest

from src.db import Database
from src.state import MessageAdded
from src.state.changes import Change
from src.state.feed import ChangeFeed, FeedSubscription
from src.state.store import RunRecord, RunStore
from tests.state.builders import MakeRun, at
from tests.state.notifications import WAIT_SECONDS

NEVER = 3600.0
"""A poll period no test lives to see: whatever is delivered came from LISTEN or a resync."""


@asynccontextmanager
async def running_feed(
    database: Database, run_store: RunStore, *, poll_seconds: float
) -> AsyncIterator[ChangeFeed]:
    feed = ChangeFeed(database.dsn, run_store, poll_seconds=poll_seconds)
    await feed.start()
    try:
        await asyncio.wait_for(feed.connected.wait(), WAIT_SECONDS)
        yield feed
    finally:
        await feed.stop()


@asynccontextmanager
async def raw_connection(database: Database) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(database.dsn)
    try:
        yield conn
    finally:
        await conn.close()


async def eventually(condition: Callable[[], bool]) -> None:
    async def wait() -> None:
        # The feed signals nothing a test could await for these conditions, so poll them.
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    await asyncio.wait_for(wait(), WAIT_SECONDS)


class Received:
    """Everything one subscription delivered, per run, in delivery order."""

    def __init__(self, subscription: FeedSubscription) -> None:
        self.subscription = subscription
        self.by_run: dict[UUID, list[int]] = {}

    async def until(self, wanted: dict[UUID, int]) -> None:
        """Read batches until every run in `wanted` was delivered at (or past) its position."""

        def done() -> bool:
            return all(self.by_run.get(run, [0])[-1] >= c for run, c in wanted.items())

        async def read() -> None:
            while not done():
                for change in await self.subscription.next_batch():
                    self.by_run.setdefault(change.run_id, []).append(change.cursor)

        await asyncio.wait_for(read(), WAIT_SECONDS)


def note(key: str) -> MessageAdded:
    return MessageAdded(at=at(5), step="prompt", key=key, text=key)


async def touch(run_store: RunStore, run: RunRecord, key: str) -> RunRecord:
    return (await run_store.apply(run.id, [note(key)])).record


async def past_the_first_resync(feed: ChangeFeed, run_store: RunStore, run: RunRecord) -> None:
    """Return once the feed has done the resync it queued on connecting.

    That resync is queued before any notification can arrive, and the feed handles its inbox
    in order; so once a fresh change is delivered, the resync is done and cannot be what
    delivers a change made after this.
    """
    written = await touch(run_store, run, f"barrier-{uuid4()}")
    await eventually(lambda: feed.cursor >= written.change_xid)


CHANGE_WITHOUT_WAKE_UP = (
    "UPDATE workflow_runs SET change_xid = pg_current_xact_id(), "
    "change_cursor = nextval('workflow_change_cursor'), version = version + 1 "
    "WHERE id = $1 RETURNING change_xid::text::bigint"
)


async def change_without_notify(conn: asyncpg.Connection, run_id: UUID) -> int:
    """Commit a change to a run as the store would, but wake no feed: a lost notification.
    Returns the change's position (its transaction ID)."""
    xid: int = await conn.fetchval(CHANGE_WITHOUT_WAKE_UP, run_id)
    return xid


async def test_subscribers_receive_only_the_runs_they_are_interested_in(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    async with running_feed(database, run_store, poll_seconds=NEVER) as feed:
        first = await new_run()
        same_lecture = await new_run(owner_id=first.owner_id, lecture_id=first.lecture_id)
        other_lecture = await new_run(owner_id=first.owner_id)
        other_owner = await new_run()
        runs = [first, same_lecture, other_lecture, other_owner]
        subscriptions = {
            "owner": feed.subscribe(owner_id=first.owner_id),
            "lecture": feed.subscribe(lecture_id=first.lecture_id),
            "run": feed.subscribe(run_id=other_lecture.id),
            "other owner": feed.subscribe(owner_id=other_owner.owner_id),
        }
        written = [await touch(run_store, run, "m1") for run in runs]
        await eventually(lambda: feed.cursor >= max(w.change_xid for w in written))

        delivered = {
            name: {c.run_id for c in await asyncio.wait_for(s.next_batch(), WAIT_SECONDS)}
            for name, s in subscriptions.items()
        }
    assert delivered == {
        "owner": {first.id, same_lecture.id, other_lecture.id},
        "lecture": {first.id, same_lecture.id},
        "run": {other_lecture.id},
        "other owner": {other_owner.id},
    }


async def test_several_changes_to_one_run_before_a_read_arrive_as_one_entry(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    async with running_feed(database, run_store, poll_seconds=NEVER) as feed:
        with feed.subscribe(run_id=run.id) as subscription:
            for key in ("m1", "m2", "m3"):
                last = await touch(run_store, run, key)
            await eventually(lambda: feed.cursor >= last.change_xid)
            batch = await asyncio.wait_for(subscription.next_batch(), WAIT_SECONDS)
    assert batch == [Change(run.id, run.owner_id, run.lecture_id, last.change_xid)]


async def test_a_closed_subscription_is_forgotten_by_the_feed(
    database: Database, run_store: RunStore
) -> None:
    async with running_feed(database, run_store, poll_seconds=NEVER) as feed:
        before = feed.subscriber_count()
        subscription = feed.subscribe(owner_id=uuid4())
        assert feed.subscriber_count() == before + 1
        subscription.close()
        assert feed.subscriber_count() == before


@pytest.mark.parametrize(
    "interests",
    [{}, {"owner_id": uuid4(), "run_id": uuid4()}],
    ids=["none", "two"],
)
async def test_subscribing_needs_exactly_one_interest(
    database: Database, run_store: RunStore, interests: dict[str, UUID]
) -> None:
    feed = ChangeFeed(database.dsn, run_store)
    with pytest.raises(ValueError, match="exactly one"):
        feed.subscribe(**interests)


async def test_a_lost_notification_is_recovered_by_the_backstop_poll(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    async with (
        running_feed(database, run_store, poll_seconds=0.5) as feed,
        raw_connection(database) as conn,
    ):
        await past_the_first_resync(feed, run_store, run)
        received = Received(feed.subscribe(run_id=run.id))
        cursor = await change_without_notify(conn, run.id)
        await received.until({run.id: cursor})
        reconnects = feed.reconnects
    assert received.by_run == {run.id: [cursor]}
    assert reconnects == 0  # the poll found it, not a reconnect resync


async def test_a_reconnect_resyncs_changes_whose_notification_was_lost(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    run = await new_run()
    async with (
        running_feed(database, run_store, poll_seconds=NEVER) as feed,
        raw_connection(database) as conn,
    ):
        await past_the_first_resync(feed, run_store, run)
        received = Received(feed.subscribe(run_id=run.id))
        cursor = await change_without_notify(conn, run.id)
        assert await conn.fetchval("SELECT pg_terminate_backend($1)", feed.listener_pid)
        await received.until({run.id: cursor})
        reconnects = feed.reconnects
    assert received.by_run == {run.id: [cursor]}
    assert reconnects == 1


RUNS = 8
KILLS = 5


async def test_no_change_is_lost_while_the_listen_connection_keeps_dying(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    owner = uuid4()
    first = await new_run(owner_id=owner)
    runs = [first]
    for _ in range(RUNS - 1):
        runs.append(await new_run(owner_id=owner, lecture_id=first.lecture_id))
    # One run per kill whose only change is committed without a wake-up just before the kill:
    # with the poll out of the picture, the reconnect's read (or a read woken by another
    # writer's commit) must deliver it.
    silent = [await new_run(owner_id=owner, lecture_id=first.lecture_id) for _ in range(KILLS)]
    latest: dict[UUID, int] = {}
    killer_done = asyncio.Event()

    async def write_round(n: int) -> None:
        for run in runs:
            latest[run.id] = (await touch(run_store, run, f"m{n}")).change_xid

    async def write() -> None:
        n = 0
        while not killer_done.is_set():
            await write_round(n)
            n += 1
        await write_round(n)

    async def kill(feed: ChangeFeed, conn: asyncpg.Connection) -> None:
        killed: set[int | None] = {None}
        try:
            for run in silent:
                await eventually(lambda: feed.listener_pid not in killed)
                await asyncio.sleep(0.01)  # let some writes through the live connection
                pid = feed.listener_pid
                latest[run.id] = await change_without_notify(conn, run.id)
                assert await conn.fetchval("SELECT pg_terminate_backend($1)", pid)
                killed.add(pid)
        finally:
            killer_done.set()

    async with (
        running_feed(database, run_store, poll_seconds=NEVER) as feed,
        raw_connection(database) as conn,
    ):
        await past_the_first_resync(feed, run_store, first)
        received = Received(feed.subscribe(owner_id=owner))
        await asyncio.gather(write(), kill(feed, conn))
        await received.until(latest)
        reconnects = feed.reconnects

    assert reconnects >= KILLS
    assert set(received.by_run) == set(latest)
    for run_id, cursor in latest.items():
        cursors = received.by_run[run_id]
        assert cursors[-1] == cursor
        assert cursors == sorted(set(cursors))  # in order, each cursor at most once


WRITERS = 32
TRANSACTIONS_EACH = 6


async def test_out_of_order_commits_of_many_writers_each_arrive_exactly_once(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    """32 writers on their own connections hold their transactions open for different times,
    so transactions that started later often commit first. Each transaction changes a run no
    other one touches: every change must arrive, once."""
    owner = uuid4()
    first = await new_run(owner_id=owner)
    runs = [first] + [
        await new_run(owner_id=owner, lecture_id=first.lecture_id)
        for _ in range(WRITERS * TRANSACTIONS_EACH - 1)
    ]
    committed: list[tuple[UUID, int]] = []  # in the order the commits returned
    rng = random.Random(13)
    holds = [[rng.choice((0, 0, 1, 3, 8)) for _ in range(TRANSACTIONS_EACH)] for _ in runs]

    async def writer(n: int, conn: asyncpg.Connection) -> None:
        for i in range(TRANSACTIONS_EACH):
            run = runs[n * TRANSACTIONS_EACH + i]
            async with conn.transaction():
                xid: int = await conn.fetchval(CHANGE_WITHOUT_WAKE_UP, run.id)
                for _ in range(holds[n][i]):
                    await asyncio.sleep(0)  # hold the transaction open while others commit
                await asyncio.sleep(0.001 * holds[n][i])
            committed.append((run.id, xid))
            run_store.notifier.committed(xid, run.id)

    conns = [await asyncpg.connect(database.dsn) for _ in range(WRITERS)]
    try:
        async with running_feed(database, run_store, poll_seconds=NEVER) as feed:
            received = Received(feed.subscribe(owner_id=owner))
            await asyncio.gather(*(writer(n, conn) for n, conn in enumerate(conns)))
            await received.until(dict(committed))
    finally:
        for conn in conns:
            await conn.close()

    xids_in_commit_order = [xid for _, xid in committed]
    assert xids_in_commit_order != sorted(xids_in_commit_order)  # commits did overtake
    assert received.by_run == {run_id: [xid] for run_id, xid in committed}


async def test_each_runs_changes_arrive_in_commit_order_under_concurrent_writers(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    """Many writers share few runs (the store's version check retries the losers); whatever
    the feed delivers of a run comes in commit order, each change at most once, ending with
    the run's last change."""
    owner = uuid4()
    first = await new_run(owner_id=owner)
    runs = [first] + [await new_run(owner_id=owner, lecture_id=first.lecture_id) for _ in range(3)]
    latest: dict[UUID, int] = {}
    versions: dict[UUID, list[int]] = {run.id: [] for run in runs}

    async def writer(n: int) -> None:
        for i in range(TRANSACTIONS_EACH):
            run = runs[(n + i) % len(runs)]
            record = await touch(run_store, run, f"w{n}-{i}")
            versions[run.id].append(record.change_xid)
            latest[run.id] = max(latest.get(run.id, 0), record.change_xid)

    async with running_feed(database, run_store, poll_seconds=NEVER) as feed:
        received = Received(feed.subscribe(owner_id=owner))
        await asyncio.gather(*(writer(n) for n in range(WRITERS)))
        await received.until(latest)

    for run_id, delivered in received.by_run.items():
        assert delivered == sorted(set(delivered))  # commit order, each at most once
        assert delivered[-1] == latest[run_id]
        assert set(delivered) <= set(versions[run_id])  # only changes that were committed


async def test_an_open_transaction_delays_later_commits_without_losing_them_or_spinning(
    database: Database, run_store: RunStore, new_run: MakeRun
) -> None:
    """A transaction that has written stays open: the horizon stops below it, so a change
    committed after it started waits. The feed backs off meanwhile (wake-ups from a stream of
    commits do not each cost a read), and delivers everything, in order, once it ends."""
    owner = uuid4()
    held, blocked, busy = [await new_run(owner_id=owner) for _ in range(3)]
    async with (
        running_feed(database, run_store, poll_seconds=NEVER) as feed,
        raw_connection(database) as conn,
    ):
        await past_the_first_resync(feed, run_store, held)
        received = Received(feed.subscribe(run_id=blocked.id))
        transaction = conn.transaction()
        await transaction.start()
        try:
            held_xid: int = await conn.fetchval(CHANGE_WITHOUT_WAKE_UP, held.id)
            later = await touch(run_store, blocked, "after the open one started")
            reads_before = feed.reads
            commits = 40
            for n in range(commits):  # each commit wakes the feed
                await touch(run_store, busy, f"busy-{n}")
            reads_while_held = feed.reads - reads_before
            assert not received.subscription.has_pending()  # held back, not delivered
            assert feed.cursor < held_xid
        finally:
            await transaction.commit()
        await received.until({blocked.id: later.change_xid})
    assert received.by_run == {blocked.id: [later.change_xid]}
    assert reads_while_held < commits / 2


async def test_stop_ends_a_feed_task_that_lost_a_cancellation(
    database: Database, run_store: RunStore
) -> None:
    """Python 3.11's `asyncio.wait_for` can swallow a cancellation that lands as the awaited
    operation completes, and the task then goes on looping; `stop` must still end it (a server
    shutdown once waited on the backstop poll forever)."""
    feed = ChangeFeed(database.dsn, run_store, poll_seconds=NEVER)
    await feed.start()
    lost = 0

    async def loses_the_first_cancellation() -> None:
        nonlocal lost
        while True:
            try:
                await asyncio.sleep(NEVER)
            except asyncio.CancelledError:
                if lost:
                    raise
                lost += 1
                asyncio.current_task().uncancel()  # type: ignore[union-attr]

    task = asyncio.create_task(loses_the_first_cancellation())
    feed._tasks.append(task)
    await asyncio.sleep(0)
    stopping = asyncio.create_task(feed.stop())
    done, _ = await asyncio.wait({stopping}, timeout=WAIT_SECONDS)  # no cancel of `stop` here
    if not done:
        task.cancel()  # the second cancellation ends it, and so `stop`
        await stopping
    assert stopping in done, "stop waited on a task that had lost its cancellation"
    assert task.cancelled() and lost == 1
