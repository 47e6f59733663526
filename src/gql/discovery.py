"""What the API offers: workflow kinds with their steps and inputs, and run statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import strawberry
from strawberry.scalars import JSON

from src.gql.naming import graphql_json_schema
from src.gql.workflow_input import input_type_name
from src.runs.history import KindStatistics as KindStatisticsRecord
from src.steps.kind import WorkflowKind


@strawberry.type(description="A step as its workflow kind declares it.")
class StepDescription:
    key: str = strawberry.field(description="Stable key; matches `Step.key`.")
    title: str = strawberry.field(description="The step's name.")


@strawberry.type(description="A workflow kind that can be started.")
class WorkflowKindInfo:
    key: str = strawberry.field(description="The kind's key, e.g. `full_video`.")
    title: str = strawberry.field(description='Block title, e.g. "Generating Full Video".')
    description: str = strawberry.field(description="What it does.")
    steps: list[StepDescription] = strawberry.field(description="Its steps, in order.")
    input_type: str = strawberry.field(description="The GraphQL input type `WorkflowInput` uses.")
    input_schema: JSON = strawberry.field(
        description="JSON Schema of the input, in the GraphQL input's field and enum names."
    )
    startable_from_prompt: bool = strawberry.field(
        description="Whether startRunFromPrompt can choose it."
    )

    @classmethod
    def of(cls, kind: WorkflowKind[Any]) -> WorkflowKindInfo:
        input_type = input_type_name(kind)
        input_schema = {**graphql_json_schema(kind.input_model), "title": input_type}
        return cls(
            key=kind.key,
            title=kind.title,
            description=kind.description,
            steps=[StepDescription(key=s.key, title=s.title) for s in kind.steps],
            input_type=input_type,
            input_schema=JSON(input_schema),
            startable_from_prompt=kind.route is not None,
        )


@strawberry.type(description="How runs of one kind went over a time window.")
class KindStatistics:
    kind: str = strawberry.field(description="The workflow kind.")
    started: int = strawberry.field(description="Runs created in the window.")
    completed: int = strawberry.field(description="Of those, completed.")
    failed: int = strawberry.field(description="Of those, failed.")
    cancelled: int = strawberry.field(description="Of those, cancelled.")
    success_rate: float | None = strawberry.field(
        description="Completed over finished (0 to 1); null when none finished."
    )
    median_duration_seconds: float | None = strawberry.field(
        description="Median start-to-finish time of completed runs."
    )
    p95_duration_seconds: float | None = strawberry.field(
        description="95th percentile start-to-finish time of completed runs."
    )

    @classmethod
    def of(cls, record: KindStatisticsRecord) -> KindStatistics:
        return cls(
            kind=record.kind,
            started=record.started,
            completed=record.completed,
            failed=record.failed,
            cancelled=record.cancelled,
            success_rate=record.success_rate,
            median_duration_seconds=record.median_duration_seconds,
            p95_duration_seconds=record.p95_duration_seconds,
        )


def window_default() -> tuple[datetime, datetime]:
    """The last seven days."""
    now = datetime.now(UTC)
    return now - timedelta(days=7), now
