"""Relay-style connections: capped pages of runs, cursors opaque to clients."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry import relay

from src.gql.run_node import WorkflowRun
from src.pagination import MAX_PAGE
from src.runs.history import RunOrder, RunPage

strawberry.enum(RunOrder, name="RunOrder", description="Creation order of listed runs.")


@strawberry.type(description="A run with its place in the list.")
class WorkflowRunEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue after this run.")
    node: WorkflowRun = strawberry.field(description="The run.")


@strawberry.type(description=f"A page of runs (at most {MAX_PAGE}).")
class WorkflowRunConnection:
    edges: list[WorkflowRunEdge] = strawberry.field(description="Runs with cursors.")
    nodes: list[WorkflowRun] = strawberry.field(description="The runs alone.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page ends.")

    @classmethod
    def from_page(cls, page: RunPage) -> WorkflowRunConnection:
        nodes = [WorkflowRun.of(r) for r in page.records]
        return cls(
            edges=[
                WorkflowRunEdge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)
            ],
            nodes=nodes,
            page_info=forward_page_info(page.cursors, has_next_page=page.has_next_page),
        )


def forward_page_info(cursors: Sequence[str], *, has_next_page: bool) -> relay.PageInfo:
    """Where a forward-only page ends: its first and last cursors (none when empty)."""
    return relay.PageInfo(
        has_next_page=has_next_page,
        has_previous_page=False,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
