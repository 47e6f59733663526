"""Provider twins whose failures a test scripts: they wrap the offline ones and count calls."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from src.errors import ProviderError
from src.providers.offline import OfflineImageModel, OfflineTextModel
from src.providers.ports import GeneratedImage, ImageRequest, StructuredT, TextRequest


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
