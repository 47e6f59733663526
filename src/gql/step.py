"""The `Step` interface, and the registry that maps each workflow step to its typed node.

A workflow kind derives its step node types in its folder (`src/steps/<kind>/graphql.py`), from
its payload models with `derive_step_node` (src/gql/derive.py), which registers them here with
`step_node(kind, step_key)`; the `WorkflowStep` union is built from this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

import strawberry

from src.gql.common import HumanDecisionRecord, HumanRequest, ProgressMessage
from src.state import model


@strawberry.type(description="How far a step made of many units has come: a progress bar.")
class StepProgress:
    done: int = strawberry.field(description="Units finished so far.")
    total: int = strawberry.field(description="Units the step has.")
    unit: str = strawberry.field(description='What a unit is, in a plain word: "images".')

    @classmethod
    def from_state(cls, progress: model.StepProgress) -> StepProgress:
        return cls(done=progress.done, total=progress.total, unit=progress.unit)


@strawberry.interface(description="What every step shows: header, bullet messages, HIL block.")
class Step:
    key: str = strawberry.field(description="Stable identifier of the step within its kind.")
    number: int = strawberry.field(description="1-based position; the header shows number/total.")
    total: int = strawberry.field(description="How many steps the run has.")
    title: str = strawberry.field(description="The step's name.")
    status: model.StepStatus = strawberry.field(description="Pending, running, waiting, ...")
    summary: str = strawberry.field(description="Status summary for the step header.")
    messages: list[ProgressMessage] = strawberry.field(description="Bullet messages, in order.")
    request: HumanRequest | None = strawberry.field(
        description="The pending human-in-the-loop block; null once decided."
    )
    decisions: list[HumanDecisionRecord] = strawberry.field(
        description="Answers given to this step's earlier requests."
    )
    started_at: datetime | None = strawberry.field(description="When the step started.")
    finished_at: datetime | None = strawberry.field(description="When the step finished.")
    progress: StepProgress | None = strawberry.field(
        description="For a step made of many units (images, audio files): how many are done, "
        "updated as each finishes; null for other steps."
    )


def step_fields(step: model.StepState, total: int) -> dict[str, Any]:
    """The shared interface fields, for a concrete type's constructor."""
    return {
        "key": step.key,
        "number": step.number,
        "total": total,
        "title": step.title,
        "status": step.status,
        "summary": step.summary,
        "messages": [ProgressMessage.from_state(m) for m in step.messages],
        "request": None if step.request is None else HumanRequest.from_state(step.request),
        "decisions": [HumanDecisionRecord.from_state(d) for d in step.decisions],
        "started_at": step.started_at,
        "finished_at": step.finished_at,
        "progress": None if step.progress is None else StepProgress.from_state(step.progress),
    }


class StepNodeType(Protocol):
    @classmethod
    def from_state(cls, step: model.StepState, total: int) -> Step: ...


_T = TypeVar("_T", bound=type)
_NODES: dict[tuple[str, str], Callable[[model.StepState, int], Step]] = {}
_TYPES: list[type] = []


def step_node(kind: str, step_key: str) -> Callable[[_T], _T]:
    """Register a Strawberry type (with `from_state`) as the node of one step of one kind."""

    def register(cls: _T) -> _T:
        _NODES[(kind, step_key)] = cls.from_state  # type: ignore[attr-defined]
        if cls not in _TYPES:
            _TYPES.append(cls)
        return cls

    return register


def step_node_for(kind: str, step: model.StepState, total: int) -> Step:
    return _NODES[(kind, step.key)](step, total)


def step_node_types() -> tuple[type, ...]:
    return tuple(_TYPES)
