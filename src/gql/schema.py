"""The Strawberry schema: queries, mutations and the run-change subscription."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from src.errors import NotFound
from src.gql.context import Info
from src.gql.errors import decode_id
from src.gql.mutations import Mutation
from src.gql.nodes import Lecture, WorkflowRun, node_types
from src.gql.step import step_node_types


@strawberry.type
class Query:
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID.")

    @strawberry.field(description="A run of the viewer's, or null.")
    async def run(self, info: Info, id: relay.GlobalID) -> WorkflowRun | None:
        try:
            run_id = decode_id(id, "WorkflowRun", "id")
            return WorkflowRun.of(await info.context.service.run(info.context.viewer, run_id))
        except NotFound:
            return None

    @strawberry.field(description="A lecture of the viewer's, or null.")
    async def lecture(self, info: Info, id: relay.GlobalID) -> Lecture | None:
        try:
            lecture_id = decode_id(id, "Lecture", "id")
            return Lecture.of(await info.context.service.lecture(info.context.viewer, lecture_id))
        except NotFound:
            return None


@strawberry.type(description="Runs whose persisted state changed. Re-read them to see how.")
class RunChanges:
    run_ids: list[relay.GlobalID] = strawberry.field(description="IDs of the changed runs.")
    cursor: str = strawberry.field(description="Position in the change stream.")


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="IDs of the viewer's runs (optionally of one lecture) as their state changes."
    )
    async def run_changes(
        self, info: Info, lecture_id: relay.GlobalID | None = None
    ) -> AsyncGenerator[RunChanges, None]:
        context = info.context
        if lecture_id is not None:
            lecture = await context.service.lecture(
                context.viewer, decode_id(lecture_id, "Lecture", "lectureId")
            )
            subscription = context.feed.subscribe(lecture_id=lecture.id)
        else:
            subscription = context.feed.subscribe(owner_id=context.viewer.id)
        with subscription:
            while True:
                batch = await subscription.next_batch()
                yield RunChanges(
                    run_ids=[relay.GlobalID("WorkflowRun", str(c.run_id)) for c in batch],
                    cursor=str(max(c.cursor for c in batch)),
                )


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[*node_types(), *step_node_types()],
    )


schema = build_schema()
