"""Twins for the Inngest tests: providers that fail on cue, a store that remembers every
committed state, and an event sink standing in for the Inngest event API."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import inngest

from src.errors import ProviderError
from src.providers import offline_providers
from src.providers.ports import (
    GeneratedAudio,
    GeneratedImage,
    ImageRequest,
    MusicRequest,
    Providers,
    SpeechRequest,
    StructuredT,
    TextRequest,
)
from src.state.events import Event
from src.state.model import RunState
from src.state.store import Applied, Guard, RunStore


@dataclass
class Faults:
    """How many model calls fail, and how. Shared by every port of `FlakyProviders`."""

    failures: float = 0
    retriable: bool = False
    retry_after_seconds: float | None = None
    calls: int = 0
    before_call: Callable[[], Awaitable[None]] | None = None
    """Runs at each model call (e.g. a cancel arriving while a step executes)."""
    ports: frozenset[str] | None = None
    """The ports (text, image, speech, music) whose calls may fail; None: every port."""
    calls_by_port: Counter[str] = field(default_factory=Counter)

    async def check(self, port: str = "") -> None:
        self.calls += 1
        self.calls_by_port[port] += 1
        if self.before_call is not None:
            await self.before_call()
        if self.failures > 0 and (self.ports is None or port in self.ports):
            self.failures -= 1
            raise ProviderError(
                "the model provider is down",
                retriable=self.retriable,
                retry_after_seconds=self.retry_after_seconds,
            )


class _Text:
    def __init__(self, faults: Faults, inner: Any) -> None:
        self._faults, self._inner = faults, inner

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        await self._faults.check("text")
        result: StructuredT = await self._inner.structured(request, schema)
        return result


class _Image:
    def __init__(self, faults: Faults, inner: Any) -> None:
        self._faults, self._inner = faults, inner

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        await self._faults.check("image")
        result: GeneratedImage = await self._inner.generate(request)
        return result


class _Speech:
    def __init__(self, faults: Faults, inner: Any) -> None:
        self._faults, self._inner = faults, inner

    async def speak(self, request: SpeechRequest) -> GeneratedAudio:
        await self._faults.check("speech")
        result: GeneratedAudio = await self._inner.speak(request)
        return result


class _Music:
    def __init__(self, faults: Faults, inner: Any) -> None:
        self._faults, self._inner = faults, inner

    async def compose(self, request: MusicRequest) -> GeneratedAudio:
        await self._faults.check("music")
        result: GeneratedAudio = await self._inner.compose(request)
        return result


def flaky_providers(faults: Faults) -> Providers:
    """The offline providers behind a shared fault budget."""
    inner = offline_providers()
    return Providers(
        text=_Text(faults, inner.text),
        image=_Image(faults, inner.image),
        speech=_Speech(faults, inner.speech),
        music=_Music(faults, inner.music),
    )


@dataclass(frozen=True)
class Committed:
    run_id: UUID
    version: int
    state: RunState


class RecordingStore(RunStore):
    """A `RunStore` that remembers every state it committed, in commit order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committed: list[Committed] = []
        self._lock = threading.Lock()

    async def apply(
        self, run_id: UUID, events: Sequence[Event], *, guard: Guard | None = None
    ) -> Applied:
        applied = await super().apply(run_id, events, guard=guard)
        if applied.changed:
            with self._lock:
                self.committed.append(
                    Committed(run_id, applied.record.version, applied.record.state)
                )
        return applied

    def states_of(self, run_id: UUID) -> list[RunState]:
        return [c.state for c in self.committed if c.run_id == run_id]


@dataclass
class EventSink:
    """Stands in for the Inngest event API: keeps what was sent, optionally forwards it."""

    sent: list[inngest.Event] = field(default_factory=list)
    forward: Callable[[inngest.Event], None] | None = None
    before_send: Callable[[inngest.Event], Awaitable[None]] | None = None
    down: bool = False

    async def send(self, events: inngest.Event | list[inngest.Event]) -> list[str]:
        if self.down:
            raise ConnectionError("the event API is unreachable")
        batch = events if isinstance(events, list) else [events]
        for event in batch:
            if self.before_send is not None:
                await self.before_send(event)
            self.sent.append(event)
            if self.forward is not None:
                self.forward(event)
        return [event.id for event in batch]

    def named(self, name: str) -> list[inngest.Event]:
        return [event for event in self.sent if event.name == name]
