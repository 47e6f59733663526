"""The subscription: IDs of changed runs (never state), resumable from a cursor."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from uuid import UUID

import strawberry
from strawberry import relay

from src.errors import AppError
from src.gql.context import Info
from src.gql.errors import decode_id
from src.gql.fanout import (
    CURRENT_OPERATION,
    FeedKey,
    LiveOperation,
    build_executor,
    fanout_for,
    group_key,
)
from src.ops.metrics import MESSAGES_SENT
from src.runs.change_stream import (
    ChangeBatch,
    ResumeFrom,
    changed_runs,
    decode_feed_cursor,
    encode_feed_cursor,
    replay,
)


@strawberry.type(description="Runs whose persisted state changed. Re-read them to see how.")
class RunChanges:
    run_ids: list[relay.GlobalID] = strawberry.field(description="IDs of the changed runs.")
    cursor: str = strawberry.field(
        description="Resume point: subscribe again with `after: cursor` to miss nothing."
    )


@strawberry.type(description="What a viewer can watch.")
class Subscription:
    @strawberry.subscription(
        description="IDs of the viewer's runs (optionally of one lecture) as their state "
        "changes. Without `after`, the first message comes at once, with no run IDs and the "
        "current `cursor`: every change committed after it will be delivered, so read the "
        "panel after that message and nothing falls in between. With `after`, first every "
        "run changed since that cursor, then live ones."
    )
    async def run_changes(
        self,
        info: Info,
        lecture_id: relay.GlobalID | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[RunChanges, None]:
        context = info.context
        try:
            lecture = None
            if lecture_id is not None:
                lecture = await context.service.lecture(
                    context.viewer, decode_id(lecture_id, "Lecture", "lectureId")
                )
            start = None if after is None else decode_feed_cursor(after)
        except AppError as error:
            raise ValueError(error.message) from None
        with context.connection.subscription():
            live = CURRENT_OPERATION.get()
            lecture_uuid = None if lecture is None else lecture.id
            stream: AsyncIterator[ChangeBatch]
            if context.shared_fanout and live is not None and live.writer is not None:
                stream = _shared_changed_runs(info, live, lecture_uuid, start)
            else:  # another transport, or the per-subscriber path asked for (benchmarks)
                stream = changed_runs(
                    context.feed,
                    context.service.runs,
                    owner_id=context.viewer.id,
                    lecture_id=lecture_uuid,
                    after=start,
                    coalesce_seconds=context.coalesce_seconds,
                )
            async for batch in stream:
                MESSAGES_SENT.inc()
                yield _run_changes(batch)


def _run_changes(batch: ChangeBatch) -> RunChanges:
    return RunChanges(
        run_ids=[relay.GlobalID("WorkflowRun", str(c.run_id)) for c in batch.changes],
        cursor=encode_feed_cursor(batch.cursor),
    )


async def _shared_changed_runs(
    info: Info, live: LiveOperation, lecture_id: UUID | None, after: ResumeFrom | None
) -> AsyncGenerator[ChangeBatch, None]:
    """`changed_runs` on a shared channel (src/gql/fanout.py): this generator yields the
    first message and the replay; live batches are written by the channel once it may."""
    context = info.context
    assert live.writer is not None
    interest: FeedKey = (
        ("owner", context.viewer.id)
        if lecture_id is None
        else (
            "lecture",
            lecture_id,
        )
    )
    member = fanout_for(context.feed).join(
        interest=interest,
        coalesce_seconds=context.coalesce_seconds,
        group_key=group_key(context.viewer.id, live),
        make_group=lambda: (build_executor(info, live), info.schema, _run_changes),
        live=live,
        writer=live.writer,
    )
    try:
        # Registered above, so every change past the feed's position reaches the member.
        if after is None:
            member.floor = context.feed.cursor
            yield ChangeBatch(changes=[], cursor=member.floor)
        else:
            member.floor = after.position
            async for batch in replay(
                context.service.runs, after, owner_id=context.viewer.id, lecture_id=lecture_id
            ):
                member.replayed.update((c.run_id, c.cursor) for c in batch.changes)
                yield batch
        async for batch in member.live():
            yield batch
    finally:
        member.leave()
