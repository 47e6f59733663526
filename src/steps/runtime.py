"""The small runtime port every flow is written against.

A flow may only (1) do a durable unit of work, (2) record a transition, (3) ask a human and
wait. It never touches the database, GraphQL or Inngest. Everything a flow does outside a unit
must be safe to run twice, because Inngest replays the flow from the top for every step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from pydantic import BaseModel

from src.assets.library import AssetLibrary
from src.lectures.config import RunLimits
from src.lectures.repository import LectureRepository
from src.providers.ports import Providers
from src.state.events import Event
from src.state.model import HumanDecision, HumanRequest

OutputT = TypeVar("OutputT", bound=BaseModel)
PayloadT = TypeVar("PayloadT", bound=BaseModel)
InputT = TypeVar("InputT", bound=BaseModel)
Work = Callable[[], Awaitable[OutputT]]


@dataclass(frozen=True)
class UnitProgress:
    """Count a batch of units as the progress of a user-facing step."""

    step: str
    """The step whose progress bar they fill."""
    unit: str
    """What one unit is, in a plain word: "images", "audio files"."""


class Runtime(Protocol):
    """What a flow may do. Unit IDs are stable string literals (plus stable indexes)."""

    def now(self) -> datetime: ...

    async def record(self, *events: Event) -> None:
        """Apply events to the persisted state; a replayed event changes nothing.

        Returns nothing on purpose: under Inngest a record is persisted when the flow next
        reaches new work, so a flow must not branch on the state it produces.
        """
        ...

    async def unit(self, unit_id: str, work: Work[OutputT], output: type[OutputT]) -> OutputT:
        """Run `work` once (retried on retriable failures) and return its JSON-safe result."""
        ...

    async def units(
        self,
        units: Sequence[tuple[str, Work[OutputT]]],
        output: type[OutputT],
        *,
        limit: int,
        progress: UnitProgress | None = None,
    ) -> list[OutputT]:
        """Run independent units concurrently, at most `limit` at a time; results in order.

        With `progress`, the step's progress is planned (0 of len(units)) and each finished
        unit is persisted as it finishes, keyed by its unit ID, so a replay counts nothing
        twice."""
        ...

    async def ask(self, step: str, request: HumanRequest, *, summary: str) -> HumanDecision:
        """Show a human request on `step` and wait for its stored decision."""
        ...


@dataclass(frozen=True)
class RunInfo:
    run_id: UUID
    owner_id: UUID
    lecture_id: UUID


@dataclass(frozen=True)
class Services:
    """The ports a flow's units of work use."""

    providers: Providers
    assets: AssetLibrary
    lectures: LectureRepository
    limits: RunLimits = field(default_factory=RunLimits)
    """Caps on one run's work (settings)."""


@dataclass(frozen=True)
class FlowContext(Generic[InputT]):
    runtime: Runtime
    run: RunInfo
    input: InputT
    services: Services
    reused: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """For a resumed run (`retryRun`): the final payloads, as JSON, of the steps it took over
    from the run it resumes, by step key; fixed when the run was created, so replay-safe."""

    def reused_output(self, step: str, output: type[PayloadT]) -> PayloadT | None:
        """The output of `step` when this run took it over (the flow then skips the step:
        its state, bullets included, is already in the run), else None (do the step)."""
        payload = self.reused.get(step)
        return None if payload is None else output.model_validate(payload)
