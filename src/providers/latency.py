"""Simulated model latency for the offline twins: each call waits as long as a real provider
might (e.g. 200-2,000 ms) before answering, without using the CPU. Off by default so tests stay
fast; `AGENT_PROGRESS_OFFLINE_LATENCY_MS` turns it on (load tests, demos).

The wait is deterministic: it comes from a hash of the request, so a rerun of the same request
waits the same time, and a spread of requests spreads evenly over the range."""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass

from src.providers.ports import (
    GeneratedAudio,
    GeneratedImage,
    ImageModel,
    ImageRequest,
    MusicModel,
    MusicRequest,
    Providers,
    SpeechModel,
    SpeechRequest,
    StructuredT,
    TextModel,
    TextRequest,
)

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


@dataclass(frozen=True)
class SimulatedLatency:
    """A wait of `low_ms` to `high_ms` milliseconds per call."""

    low_ms: int
    high_ms: int

    @classmethod
    def parse(cls, text: str) -> SimulatedLatency:
        """`"500"` (always 500 ms) or `"200-2000"` (a range); raises ValueError otherwise."""
        found = _RANGE.match(text)
        if found is None:
            raise ValueError(f"expected milliseconds as N or LOW-HIGH, got {text!r}")
        low = int(found.group(1))
        high = int(found.group(2) or low)
        if high < low:
            raise ValueError(f"the range {text!r} ends below where it starts")
        return cls(low, high)

    def seconds_for(self, request: object) -> float:
        """The wait for one call, from a hash of its request (its repr: dataclass fields)."""
        digest = hashlib.sha256(repr(request).encode()).digest()
        fraction = int.from_bytes(digest[:8], "big") / 2**64
        return (self.low_ms + (self.high_ms - self.low_ms) * fraction) / 1000

    async def wait(self, request: object) -> None:
        await asyncio.sleep(self.seconds_for(request))


class _SlowText:
    def __init__(self, inner: TextModel, latency: SimulatedLatency) -> None:
        self._inner, self._latency = inner, latency

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        await self._latency.wait(request)
        return await self._inner.structured(request, schema)


class _SlowImage:
    def __init__(self, inner: ImageModel, latency: SimulatedLatency) -> None:
        self._inner, self._latency = inner, latency

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        await self._latency.wait(request)
        return await self._inner.generate(request)


class _SlowSpeech:
    def __init__(self, inner: SpeechModel, latency: SimulatedLatency) -> None:
        self._inner, self._latency = inner, latency

    async def speak(self, request: SpeechRequest) -> GeneratedAudio:
        await self._latency.wait(request)
        return await self._inner.speak(request)


class _SlowMusic:
    def __init__(self, inner: MusicModel, latency: SimulatedLatency) -> None:
        self._inner, self._latency = inner, latency

    async def compose(self, request: MusicRequest) -> GeneratedAudio:
        await self._latency.wait(request)
        return await self._inner.compose(request)


def with_latency(providers: Providers, latency: SimulatedLatency) -> Providers:
    """The same providers, each call first waiting its simulated latency."""
    return Providers(
        text=_SlowText(providers.text, latency),
        image=_SlowImage(providers.image, latency),
        speech=_SlowSpeech(providers.speech, latency),
        music=_SlowMusic(providers.music, latency),
    )
