"""Provider twins whose failures a test scripts: they wrap the offline ones and count calls."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from src.errors import ProviderError
from src.providers import offline_providers
from src.providers.offline import OfflineImageModel, OfflineTextModel
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


@dataclass
class ScriptedText:
    """Fails the named tasks with the given provider message; answers the rest offline."""

    failures: dict[str, str] = field(default_factory=dict)
    calls: Counter[str] = field(default_factory=Counter)

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        self.calls[request.task] += 1
        if request.task in self.failures:
            raise ProviderError(self.failures[request.task], retriable=False)
        return await OfflineTextModel().structured(request, schema)


@dataclass
class FlakyImages:
    """Fails the first `failures` calls for prompts containing `marker`, then succeeds."""

    marker: str
    failures: int
    calls: Counter[str] = field(default_factory=Counter)

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        self.calls[request.prompt] += 1
        if self.marker in request.prompt and self.calls[request.prompt] <= self.failures:
            raise ProviderError("image service is busy", retriable=True, retry_after_seconds=0)
        return await OfflineImageModel().generate(request)


@dataclass
class GatedImages:
    """Answers the first `free` calls at once; the others wait until `release` is set."""

    free: int = 1
    release: asyncio.Event = field(default_factory=asyncio.Event)
    calls: int = 0

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        self.calls += 1
        if self.calls > self.free:
            await self.release.wait()
        return await OfflineImageModel().generate(request)


@dataclass
class CountingProviders:
    """Every port of the offline providers, counting each model call (text calls by task:
    `text:script`; the others by port: `image`, `speech`, `music`). A port named in `failing`
    refuses every call with a permanent provider error, until the test clears it; one named in
    `held` makes every call wait (as a call still in flight when a process dies)."""

    failing: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)
    calls: Counter[str] = field(default_factory=Counter)

    async def _call(self, name: str, port: str) -> None:
        self.calls[name] += 1
        if port in self.held:
            await asyncio.Event().wait()  # never set: the call never answers
        if port in self.failing:
            raise ProviderError(f"The {port} service is unavailable", retriable=False)

    def providers(self) -> Providers:
        inner = offline_providers()
        counting = self

        class Text:
            async def structured(
                self, request: TextRequest, schema: type[StructuredT]
            ) -> StructuredT:
                await counting._call(f"text:{request.task}", "text")
                return await inner.text.structured(request, schema)

        class Image:
            async def generate(self, request: ImageRequest) -> GeneratedImage:
                await counting._call("image", "image")
                return await inner.image.generate(request)

        class Speech:
            async def speak(self, request: SpeechRequest) -> GeneratedAudio:
                await counting._call("speech", "speech")
                return await inner.speech.speak(request)

        class Music:
            async def compose(self, request: MusicRequest) -> GeneratedAudio:
                await counting._call("music", "music")
                return await inner.music.compose(request)

        return Providers(text=Text(), image=Image(), speech=Speech(), music=Music())
