"""`WorkflowKind`: what a workflow module declares, and the registry that finds it by key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic

from pydantic import ValidationError

from src.errors import InvalidInput, NotFound
from src.lectures.config import RunLimits
from src.lectures.repository import Lecture
from src.state.model import HumanRequest, RunOrigin, RunState, StepDefinition, initial_state
from src.state.payloads import Payload
from src.steps.routing import RoutedRequest
from src.steps.runtime import FlowContext, InputT

FromRequest = Callable[[RoutedRequest], Mapping[str, Any]]
"""Builds a kind's raw input from a routed natural-language request."""

EditValidator = Callable[[HumanRequest, Mapping[str, Any]], Payload]
"""Turns a person's edit of a review payload into a validated payload, or raises InvalidInput."""

AcceptCheck = Callable[[Payload, RunLimits], None]
"""Refuses (InvalidInput) to accept a review payload, as proposed or edited, that would make
the run exceed its limits."""


@dataclass(frozen=True)
class WorkflowKind(Generic[InputT]):
    key: str
    """Stable identifier, stored on runs (e.g. `image`)."""
    title: str
    """The block title (e.g. "Generating Image")."""
    description: str
    steps: tuple[StepDefinition, ...]
    input_model: type[InputT]
    flow: Callable[[FlowContext[InputT]], Awaitable[None]]
    edit_validators: Mapping[str, EditValidator] = field(default_factory=dict)
    """Per human request ID: how an edited payload is validated (editable reviews only)."""
    accept_checks: Mapping[str, AcceptCheck] = field(default_factory=dict)
    """Per human request ID: what an accepted payload must satisfy before the run goes on."""
    from_request: FromRequest | None = None
    """How a routed sentence becomes this kind's input; None: not startable from a prompt."""
    check_input: Callable[[InputT, Lecture], None] | None = None
    """Refuses (InvalidInput, on the input's own field path) an input naming something the
    lecture it starts on does not have, e.g. a segment beyond its last."""
    settling_requests: frozenset[str] = frozenset()
    """Human requests whose decision settles the run (the asset reviews): once one is decided,
    the run only carries it out, so a cancel is refused instead of racing the decision."""

    def initial_state(self, now: datetime, origin: RunOrigin | None = None) -> RunState:
        return initial_state(
            kind=self.key, title=self.title, steps=self.steps, created_at=now, origin=origin
        )

    def settled(self, state: RunState) -> bool:
        """Whether a settling request was decided: the run only carries that decision out."""
        return any(state.decision_for(r) is not None for r in self.settling_requests)

    def parse_input(self, raw: Mapping[str, Any]) -> InputT:
        try:
            return self.input_model.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InvalidInput(
                f"{self.title}: {first['msg']}", field=tuple(str(p) for p in first["loc"])
            ) from exc


_KINDS: dict[str, WorkflowKind[Any]] = {}


def register_kind(kind: WorkflowKind[InputT]) -> WorkflowKind[InputT]:
    if kind.key in _KINDS:
        raise ValueError(f"workflow kind {kind.key!r} is registered twice")
    _KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> WorkflowKind[Any]:
    kind = _KINDS.get(key)
    if kind is None:
        raise NotFound(f"no workflow kind {key!r}")
    return kind


def all_kinds() -> list[WorkflowKind[Any]]:
    return list(_KINDS.values())
