"""Provider ports wrapped for production: a circuit breaker, a timeout, metrics and a span per
call. The flows never see this: `resilient(providers)` returns the same `Providers` port.

The breaker is `purgatory`'s (asyncio, per-circuit threshold and TTL, state-change hooks,
exceptions that do not count as failures). One circuit per port: after `threshold` failures
in a row it opens and calls fail fast with a retriable `ProviderUnavailable` carrying the time
left, which both runtimes wait out (the local runner sleeps, Inngest gets a RetryAfterError);
after the TTL one call probes (half-open) and closes it on success or opens it again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from purgatory import AsyncCircuitBreakerFactory
from purgatory.domain.model import OpenedState

from src.errors import AppError, ProviderError
from src.ops import metrics
from src.ops.tracing import provider_span
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

T = TypeVar("T")

SERVICE_NAMES = {
    "text": "text model",
    "image": "image service",
    "speech": "speech service",
    "music": "music service",
}
"""How a step's bullet names a port's provider."""

_BREAKER_STATES = {"closed": 0, "half-opened": 1, "opened": 2}


PORT_ATTRIBUTE = "provider_port"
"""Set on an `AppError` that came out of a port's call: which port (for per-port retries)."""


def port_of(error: BaseException) -> str | None:
    port = getattr(error, PORT_ATTRIBUTE, None)
    return port if isinstance(port, str) else None


class ProviderUnavailable(ProviderError):
    """The port's circuit is open: the call was not made. Retriable after `retry_after_seconds`."""

    def __init__(self, port: str, retry_after_seconds: float) -> None:
        wait = max(1, round(retry_after_seconds))
        super().__init__(
            f"The {SERVICE_NAMES.get(port, port)} is not responding; retrying in {wait} s",
            retriable=True,
            retry_after_seconds=retry_after_seconds,
        )
        self.port = port
        setattr(self, PORT_ATTRIBUTE, port)


def retry_reason(error: AppError) -> str:
    """Why a unit is retried, as `agent_progress_retries_total{reason}` says on both runtimes:
    `circuit_open` for a wait on an open breaker, else the error's code."""
    return "circuit_open" if isinstance(error, ProviderUnavailable) else error.code.value.lower()


@dataclass(frozen=True)
class PortPolicy:
    """How one port's calls are protected. Retries live in the runtimes (a unit is retried
    as a whole); `attempts`, `base_seconds` and `cap_seconds` are the unit's retry policy for
    units that call this port."""

    timeout_seconds: float = 120.0
    """A call still running after this is abandoned (a retriable failure)."""
    failure_threshold: int = 5
    """Failures in a row that open the circuit."""
    open_seconds: float = 30.0
    """How long an open circuit fails fast before one call probes it."""
    attempts: int = 3
    base_seconds: float = 0.2
    cap_seconds: float = 30.0

    def exhausted(self, error: AppError, calls: int) -> bool:
        """Whether a unit whose `calls`-th call of this port failed with `error` gives up.
        Waits on an open breaker made no call and never use up attempts."""
        return not isinstance(error, ProviderUnavailable) and calls >= self.attempts


@dataclass(frozen=True)
class ResiliencePolicy:
    """A policy per port (text, image, speech, music)."""

    text: PortPolicy = field(default_factory=PortPolicy)
    image: PortPolicy = field(default_factory=PortPolicy)
    speech: PortPolicy = field(default_factory=PortPolicy)
    music: PortPolicy = field(default_factory=PortPolicy)

    def by_port(self) -> dict[str, PortPolicy]:
        return {port: self.of(port) for port in SERVICE_NAMES}

    def of(self, port: str) -> PortPolicy:
        policy: PortPolicy = getattr(self, port)
        return policy


def _not_a_provider_failure(error: BaseException) -> bool:
    """Errors that say nothing about the provider's health: a refusal, bad input, a cancel."""
    return not getattr(error, "retriable", True)


class Breakers:
    """One circuit per port, with its state in the metrics."""

    def __init__(self, policy: ResiliencePolicy) -> None:
        self.policy = policy
        self._factory = AsyncCircuitBreakerFactory(
            exclude=[asyncio.CancelledError, (AppError, _not_a_provider_failure)]
        )
        self._factory.add_listener(self._on_event)
        self._breakers: dict[str, Any] = {}
        self._series: dict[tuple[str, str], _Series] = {}
        for port in SERVICE_NAMES:
            metrics.BREAKER_STATE.labels(port).set(0)

    def _on_event(self, name: str, event_type: str, event: Any) -> None:
        if event_type == "state_changed":
            metrics.BREAKER_STATE.labels(name).set(_BREAKER_STATES.get(event.state, 0))

    async def state(self, port: str) -> str:
        breaker = await self._breaker(port)
        return str(breaker.context.state)

    async def _breaker(self, port: str) -> Any:
        policy = self.policy.of(port)
        breaker = await self._factory.get_breaker(
            port, threshold=policy.failure_threshold, ttl=policy.open_seconds
        )
        # purgatory's breaker object is a stateless handle over the per-port context it
        # keeps in its repository, so it is safe to keep and reuse.
        self._breakers[port] = breaker
        return breaker

    async def call(self, port: str, model: str, work: Callable[[], Awaitable[T]]) -> T:
        """`work` under the port's circuit and timeout, counted and timed."""
        policy = self.policy.of(port)
        breaker = self._breakers.get(port) or await self._breaker(port)
        series = self._series.get((port, model)) or self._new_series(port, model)
        started = time.perf_counter()
        outcome = "error"
        with provider_span(port, model):
            try:
                async with breaker:
                    try:
                        async with asyncio.timeout(policy.timeout_seconds):
                            result = await work()
                    except TimeoutError:
                        outcome = "timeout"
                        raise ProviderError(
                            f"The {SERVICE_NAMES[port]} did not answer within "
                            f"{policy.timeout_seconds:g} s",
                            retriable=True,
                        ) from None
                outcome = "ok"
                return result
            except AppError as error:
                setattr(error, PORT_ATTRIBUTE, port)
                raise
            except OpenedState as opened:
                outcome = "rejected"
                left = opened.opened_at + policy.open_seconds - time.time()
                raise ProviderUnavailable(port, max(left, 0.0)) from None
            finally:
                series.calls[outcome].inc()
                if outcome != "rejected":
                    series.latency.observe(time.perf_counter() - started)

    def _new_series(self, port: str, model: str) -> _Series:
        series = _Series(
            calls={
                outcome: metrics.PROVIDER_CALLS.labels(port, model, outcome)
                for outcome in ("ok", "error", "timeout", "rejected")
            },
            latency=metrics.PROVIDER_LATENCY.labels(port, model),
        )
        self._series[(port, model)] = series
        return series


@dataclass(frozen=True)
class _Series:
    """One (port, model)'s metric children, looked up once: `labels()` hashes and locks on
    every call, which was a third of the wrapper's cost (docs/benchmarks.md)."""

    calls: dict[str, Any]
    latency: Any


class _Text:
    def __init__(self, inner: Any, breakers: Breakers) -> None:
        self._inner, self._breakers = inner, breakers

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        return await self._breakers.call(
            "text", request.model, lambda: self._inner.structured(request, schema)
        )


class _Image:
    def __init__(self, inner: Any, breakers: Breakers) -> None:
        self._inner, self._breakers = inner, breakers

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        result: GeneratedImage = await self._breakers.call(
            "image", request.model, lambda: self._inner.generate(request)
        )
        return result


class _Speech:
    def __init__(self, inner: Any, breakers: Breakers) -> None:
        self._inner, self._breakers = inner, breakers

    async def speak(self, request: SpeechRequest) -> GeneratedAudio:
        result: GeneratedAudio = await self._breakers.call(
            "speech", request.model, lambda: self._inner.speak(request)
        )
        return result


class _Music:
    def __init__(self, inner: Any, breakers: Breakers) -> None:
        self._inner, self._breakers = inner, breakers

    async def compose(self, request: MusicRequest) -> GeneratedAudio:
        result: GeneratedAudio = await self._breakers.call(
            "music", request.model, lambda: self._inner.compose(request)
        )
        return result


def resilient(providers: Providers, breakers: Breakers) -> Providers:
    """The same ports, each call under its port's circuit, timeout, metrics and span."""
    return Providers(
        text=_Text(providers.text, breakers),
        image=_Image(providers.image, breakers),
        speech=_Speech(providers.speech, breakers),
        music=_Music(providers.music, breakers),
    )
