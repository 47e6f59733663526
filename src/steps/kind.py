"""`WorkflowKind`: what a kind's folder declares (`src/steps/<kind>/`); `src/steps/registry.py`
lists them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic

from pydantic import BaseModel, ValidationError

from src.errors import InvalidInput
from src.lectures.config import RunLimits
from src.lectures.repository import Lecture
from src.lectures.timeline import TrackSlot
from src.state.model import (
    Decision,
    HumanRequest,
    RunOrigin,
    RunState,
    StepDefinition,
    first_round_id,
    initial_state,
)
from src.state.payloads import Payload
from src.steps.runtime import FlowContext, InputT


@dataclass(frozen=True)
class EditInput:
    """An editable review's edit, as a field of the API's `HumanRequestEdits`: its (snake_case)
    name and the pydantic model its GraphQL input type is derived from. The edit reaches the
    kind's `edit_validators` as that model's `model_dump()`."""

    name: str
    model: type[BaseModel]
    description: str


@dataclass(frozen=True)
class Route:
    """How a sentence starts this kind (`startRunFromPrompt`): what the text model fills in
    from the sentence, how that becomes the kind's input, and how the offline text model
    recognises such a sentence."""

    fields: type[BaseModel]
    """What the text model reads from the sentence for this kind (every field nullable; the
    field descriptions are the model's instructions)."""
    to_input: Callable[[Any, str], Mapping[str, Any]]
    """The kind's raw input from the filled `fields` and the sentence itself."""
    offline: Callable[[str], BaseModel | None]
    """The offline twin: `fields` read from a sentence that asks for this kind, else None."""
    offline_reason: str
    """The reason the offline twin gives for choosing this kind."""
    offline_rank: int = 100
    """The offline twin tries kinds in this order (lowest first)."""
    fallback: bool = False
    """The kind chosen when the text model names none it knows (one kind says so)."""


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
    edit_inputs: tuple[EditInput, ...] = ()
    """The edits its editable reviews take (fields of `HumanRequestEdits`)."""
    accept_checks: Mapping[str, AcceptCheck] = field(default_factory=dict)
    """Per human request ID: what an accepted payload must satisfy before the run goes on."""
    route: Route | None = None
    """How a sentence starts this kind; None: not startable from a prompt."""
    timeline_tracks: tuple[TrackSlot, ...] = ()
    """Slots whose asset in use is attached to the lecture's video as a track (e.g. subtitles)."""
    step_nodes: str | None = None
    """The module (in the kind's folder) that derives its GraphQL step nodes from its payload
    models; the API imports it for every registered kind."""
    check_input: Callable[[InputT, Lecture], None] | None = None
    """Refuses (InvalidInput, on the input's own field path) an input naming something the
    lecture it starts on does not have, e.g. a segment beyond its last."""
    resumable_steps: frozenset[str] = frozenset()
    """Steps a resumed run (`retryRun`) may take over once they completed: those whose final
    payload is their whole output, which the flow reads back with
    `FlowContext.reused_output` instead of doing the step again."""
    settling_requests: frozenset[str] = frozenset()
    """Human requests whose decision settles the run (the asset reviews): once one is decided,
    the run only carries it out, so a cancel is refused instead of racing the decision."""

    def initial_state(self, now: datetime, origin: RunOrigin | None = None) -> RunState:
        return initial_state(
            kind=self.key, title=self.title, steps=self.steps, created_at=now, origin=origin
        )

    def settled(self, state: RunState) -> bool:
        """Whether a settling request (any round of it) was accepted or rejected: the run only
        carries that decision out. A request for changes settles nothing."""
        return any(
            decision.decision is not Decision.REQUEST_CHANGES
            and first_round_id(decision.request_id) in self.settling_requests
            for step in state.steps
            for decision in step.decisions
        )

    def parse_input(self, raw: Mapping[str, Any]) -> InputT:
        try:
            return self.input_model.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InvalidInput(
                f"{self.title}: {first['msg']}", field=tuple(str(p) for p in first["loc"])
            ) from exc
