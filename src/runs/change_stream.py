"""A viewer's stream of changed run IDs: replay from a cursor, then live, with no gap.

The live subscription is opened *before* the replay reads the table. The feed's live windows
start at its position then; the replay reads from the client's cursor up to its own horizon,
which is at or past the feed's position (the horizon never goes back). So every change after
the cursor is in one or the other; a live change the replay already covered (per run, a
transaction ID at or below the replayed one's) or one at or before the cursor is dropped.
Without a cursor to resume from, the stream starts with an empty batch at the feed's position,
taken once the live subscription is registered: every change after it will be delivered.

A cursor names a feed position (`src/state/feed.py`): every change whose transaction ID is at
or below it was delivered. Cursors handed out before the feed read by transaction ID named a
`change_cursor` (then in commit order); they still resume, once, by that column.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from src.errors import InvalidInput
from src.state.changes import Change
from src.state.feed import ChangeFeed
from src.state.store import CHANGES_PAGE, RunStore

_PREFIX = "feed"
_LEGACY_PREFIX = "changes"
_LAST_SEQ = 2**63 - 1


@dataclass(frozen=True)
class ResumeFrom:
    """Where a client resumes: after a feed position, or after a pre-upgrade change cursor."""

    position: int
    """Every change with a transaction ID at or below this was delivered (-1: unknown)."""
    legacy_cursor: int | None = None
    """A `change_cursor` from a cursor handed out before the feed read by transaction ID."""


def encode_feed_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}:{position}".encode()).decode()


def decode_feed_cursor(cursor: str) -> ResumeFrom:
    try:
        prefix, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        number = int(value)
        if number < 0 or prefix not in (_PREFIX, _LEGACY_PREFIX):
            raise ValueError(cursor)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("not a change cursor from this API", field=("after",)) from None
    if prefix == _LEGACY_PREFIX:
        return ResumeFrom(position=-1, legacy_cursor=number)
    return ResumeFrom(position=number)


@dataclass(frozen=True)
class ChangeBatch:
    changes: list[Change]
    """Oldest first; empty only in the first batch of a stream that did not resume."""
    cursor: int
    """Resume after this feed position to miss nothing that followed the batch."""

    @classmethod
    def of(cls, changes: list[Change]) -> ChangeBatch:
        """A batch of delivered changes: the feed's position after the last of them."""
        return cls(changes=changes, cursor=max(c.position for c in changes))


async def changed_runs(
    feed: ChangeFeed,
    store: RunStore,
    *,
    owner_id: UUID,
    lecture_id: UUID | None,
    after: ResumeFrom | None,
    coalesce_seconds: float,
) -> AsyncIterator[ChangeBatch]:
    """Batches of changes, oldest first; each batch's cursor can resume the stream after it."""
    if lecture_id is not None:
        live = feed.subscribe(lecture_id=lecture_id)
    else:
        live = feed.subscribe(owner_id=owner_id)
    with live:
        replayed: dict[UUID, int] = {}
        if after is None:
            # Registered above, so every change past the feed's position reaches `live`.
            floor = feed.cursor
            yield ChangeBatch(changes=[], cursor=floor)
        else:
            floor = after.position
            async for page in replay(store, after, owner_id=owner_id, lecture_id=lecture_id):
                replayed.update((c.run_id, c.cursor) for c in page.changes)
                yield page
        while True:
            batch = await live.next_batch()
            if coalesce_seconds > 0:
                # A burst of commits lands in one message instead of many.
                await asyncio.sleep(coalesce_seconds)
                if live.has_pending():
                    batch = merge_changes(batch, await live.next_batch())
            fresh = [c for c in batch if c.cursor > floor and c.cursor > replayed.get(c.run_id, -1)]
            if fresh:
                yield ChangeBatch.of(fresh)


async def replay(
    store: RunStore, after: ResumeFrom, *, owner_id: UUID, lecture_id: UUID | None
) -> AsyncIterator[ChangeBatch]:
    """Every change after `after` up to a horizon read now, a page per batch, oldest first."""
    if after.legacy_cursor is not None:
        window = await store.changes_after_legacy_cursor(
            after.legacy_cursor, owner_id=owner_id, lecture_id=lecture_id
        )
        if window.changes:
            yield ChangeBatch.of(window.changes)
        return
    key = (after.position, _LAST_SEQ)
    horizon = None
    while True:
        window = await store.window(
            key, below=horizon, limit=CHANGES_PAGE, owner_id=owner_id, lecture_id=lecture_id
        )
        horizon = window.horizon
        if window.changes:
            yield ChangeBatch.of(window.changes)
        if window.complete:
            break
        last = window.changes[-1]
        key = (last.cursor, last.seq)


def merge_changes(first: list[Change], second: list[Change]) -> list[Change]:
    latest = {c.run_id: c for c in first}
    for change in second:
        latest.pop(change.run_id, None)
        latest[change.run_id] = change
    return sorted(latest.values(), key=lambda c: (c.cursor, c.seq))
