"""The Strawberry schema: queries, mutations and the run-change subscription."""

from __future__ import annotations

import inspect
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.extensions import DisableIntrospection

from src.errors import NotFound
from src.gql.connections import WorkflowRunConnection
from src.gql.context import Info
from src.gql.discovery import KindStatistics, WorkflowKindInfo, window_default
from src.gql.document_check import CheckDocument
from src.gql.errors import decode_id
from src.gql.incidents import ReportingSchema
from src.gql.input_guard import RejectUnstorableText
from src.gql.lecture_node import Lecture, LectureConnection
from src.gql.mutations import Mutation
from src.gql.run_node import WorkflowRun
from src.gql.step import step_node_types
from src.gql.subscription import Subscription
from src.ops.graphql import OperationMetrics
from src.runs.history import RunFilter, RunOrder
from src.state.model import RunStatus
from src.steps import all_kinds


@strawberry.type(description="What a viewer can read.")
class Query:
    @strawberry.field(description="Fetch any object by its global ID; null if not the viewer's.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(
        description="Several objects by global ID, in order; null for each not found."
    )
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise ValueError(f"at most {MAX_NODES} IDs at once")
        # One load per node type with all of its IDs (one query for a batch of runs), not
        # one per ID; the answer keeps the order asked for.
        found: list[relay.Node | None] = [None] * len(ids)
        positions: dict[type[relay.Node], list[int]] = {}
        for index, global_id in enumerate(ids):
            try:
                positions.setdefault(global_id.resolve_type(info), []).append(index)
            except (KeyError, ValueError):  # a type name that is not a node type
                continue
        for node_type, indexes in positions.items():
            loaded = node_type.resolve_nodes(
                info=info, node_ids=[ids[i].node_id for i in indexes], required=False
            )
            nodes = list(await loaded if inspect.isawaitable(loaded) else loaded)
            for index, node in zip(indexes, nodes, strict=True):
                found[index] = node
        return found

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

    @strawberry.field(description="The viewer's lectures, newest first.")
    async def lectures(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> LectureConnection:
        page = await info.context.service.lectures(info.context.viewer, first=first, after=after)
        return LectureConnection.from_page(page)

    @strawberry.field(description="The viewer's runs, filtered, newest first by default.")
    async def runs(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        filter: RunFilterInput | None = None,
        order: RunOrder = RunOrder.NEWEST_FIRST,
    ) -> WorkflowRunConnection:
        where = RunFilter()
        if filter is not None:
            lecture_id = None
            if filter.lecture_id is not None:
                lecture_id = decode_id(filter.lecture_id, "Lecture", "lectureId")
            where = RunFilter(
                lecture_id=lecture_id,
                kinds=tuple(filter.kinds or ()),
                statuses=tuple(filter.statuses or ()),
            )
        page = await info.context.service.history.page(
            info.context.viewer.id, where=where, order=order, first=first, after=after
        )
        return WorkflowRunConnection.from_page(page)

    @strawberry.field(description="The workflow kinds that can be started, with steps and input.")
    def workflow_kinds(self) -> list[WorkflowKindInfo]:
        return [WorkflowKindInfo.of(kind) for kind in all_kinds()]

    @strawberry.field(
        description="Per kind: runs created in [since, until) and how they went (default: 7 days)."
    )
    async def run_statistics(
        self, info: Info, since: datetime | None = None, until: datetime | None = None
    ) -> list[KindStatistics]:
        default_since, default_until = window_default()
        records = await info.context.service.history.statistics(
            info.context.viewer.id, since=since or default_since, until=until or default_until
        )
        return [KindStatistics.of(r) for r in records]


async def _resolve_node(info: Info, id: relay.GlobalID) -> relay.Node | None:
    # Not relay.node(): that field cannot be built into two schemas (dev and production).
    try:
        found: relay.Node | None = await id.resolve_node(info, required=False)
    except (KeyError, ValueError):  # a type name that is not a node type
        return None
    return found


@strawberry.input(description="Which runs to list; every given field must match.")
class RunFilterInput:
    lecture_id: relay.GlobalID | None = strawberry.field(default=None, description="One lecture.")
    kinds: list[str] | None = strawberry.field(default=None, description="Workflow kind keys.")
    statuses: list[RunStatus] | None = strawberry.field(default=None, description="Statuses.")


MAX_NODES = 100
"""The most IDs `nodes` resolves in one request."""


def build_schema(*, production: bool = False) -> strawberry.Schema:
    """The schema. Production hides introspection; both mask unexpected errors (incidents)."""
    # Factories, not instances: each request gets fresh extension objects. Order matters:
    # rules are added before CheckDocument parses, limits and validates (off the event loop,
    # cached, so a thousand subscribers with one document share one AST), and the input
    # guard reads the parsed document.
    extensions: list[Any] = [OperationMetrics]
    if production:
        extensions.append(DisableIntrospection)
    extensions += [CheckDocument, RejectUnstorableText]
    return ReportingSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[WorkflowRun, Lecture, *step_node_types()],
        extensions=extensions,
    )


schema = build_schema()
