"""A viewer's stream of changed run IDs: replay from a cursor, then live, with no gap.

The live subscription is opened *before* the replay reads the table, so a change committed in
between is seen by one or the other; a live change the replay already covered is dropped.
Without a cursor to resume from, the stream starts with an empty batch at the feed's position,
taken once the live subscription is registered: every change after it will be delivered."""

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


def encode_feed_cursor(cursor: int) -> str:
    return base64.urlsafe_b64encode(f"changes:{cursor}".encode()).decode()


def decode_feed_cursor(cursor: str) -> int:
    try:
        prefix, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        if prefix != "changes" or int(value) < 0:
            raise ValueError(cursor)
        return int(value)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("not a change cursor from this API", field=("after",)) from None


@dataclass(frozen=True)
class ChangeBatch:
    changes: list[Change]
    """Oldest first; empty only in the first batch of a stream that did not resume."""
    cursor: int
    """Resume after this to miss nothing that followed the batch."""

    @classmethod
    def of(cls, changes: list[Change]) -> ChangeBatch:
        return cls(changes=changes, cursor=max(c.cursor for c in changes))


async def changed_runs(
    feed: ChangeFeed,
    store: RunStore,
    *,
    owner_id: UUID,
    lecture_id: UUID | None,
    after: int | None,
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
            yield ChangeBatch(changes=[], cursor=feed.cursor)
        else:
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
            fresh = [c for c in batch if c.cursor > replayed.get(c.run_id, -1)]
            if fresh:
                yield ChangeBatch.of(fresh)


async def replay(
    store: RunStore, after: int, *, owner_id: UUID, lecture_id: UUID | None
) -> AsyncIterator[ChangeBatch]:
    """Every change after the cursor `after`, a page per batch, oldest first."""
    cursor = after
    while True:
        page = await store.changes_since(
            cursor, limit=CHANGES_PAGE, owner_id=owner_id, lecture_id=lecture_id
        )
        if page:
            cursor = page[-1].cursor
            yield ChangeBatch.of(page)
        if len(page) < CHANGES_PAGE:
            break


def merge_changes(first: list[Change], second: list[Change]) -> list[Change]:
    latest = {c.run_id: c for c in first}
    for change in second:
        latest.pop(change.run_id, None)
        latest[change.run_id] = change
    return sorted(latest.values(), key=lambda c: c.cursor)
