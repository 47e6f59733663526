"""The subscription: IDs of changed runs (never state), resumable from a cursor."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from src.errors import AppError
from src.gql.context import Info
from src.gql.errors import decode_id
from src.ops.metrics import MESSAGES_SENT
from src.runs.change_stream import changed_runs, decode_feed_cursor, encode_feed_cursor


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
            stream = changed_runs(
                context.feed,
                context.service.runs,
                owner_id=context.viewer.id,
                lecture_id=None if lecture is None else lecture.id,
                after=start,
                coalesce_seconds=context.coalesce_seconds,
            )
            async for batch in stream:
                MESSAGES_SENT.inc()
                yield RunChanges(
                    run_ids=[relay.GlobalID("WorkflowRun", str(c.run_id)) for c in batch.changes],
                    cursor=encode_feed_cursor(batch.cursor),
                )
