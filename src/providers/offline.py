"""Deterministic offline providers: same request, same bytes. They write real media files so
the whole product runs, and is tested, with no key and no network."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable

from pydantic import BaseModel

from src.errors import ProviderError
from src.providers.media import SAMPLE_RATE, encode_banded_png, tone_wav
from src.providers.ports import (
    GeneratedAudio,
    GeneratedImage,
    ImageRequest,
    MusicRequest,
    SpeechRequest,
    StructuredT,
    TextRequest,
)

WORDS_PER_SECOND = 2.5
"""Speaking pace of the offline narrator at rate 1.0."""


def _digest(*parts: object) -> bytes:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()


class OfflineImageModel:
    """Paints a gradient with bands whose colours and rhythm come from the request's hash."""

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        # Painting and encoding are CPU work: in a thread, the server keeps answering.
        return await asyncio.to_thread(self._paint, request)

    def _paint(self, request: ImageRequest) -> GeneratedImage:
        width, height = request.size.pixels
        seed = _digest(request.model, request.size.value, request.prompt)
        if request.variation:
            seed = _digest(seed.hex(), request.variation)
        top, bottom, band = seed[0:3], seed[3:6], seed[6:9]
        period = 24 + seed[9] % 64
        colors = []
        for y in range(height):
            mix = y / max(1, height - 1)
            color = bytes(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
            if (y // period) % 4 == 0:
                color = bytes((c + b) // 2 for c, b in zip(color, band, strict=True))
            colors.append(color)
        return GeneratedImage(
            data=encode_banded_png(width, height, colors),
            media_type="image/png",
            width=width,
            height=height,
        )


class OfflineSpeechModel:
    """A tone per word: the file's length follows the text and the speaking rate."""

    async def speak(self, request: SpeechRequest) -> GeneratedAudio:
        return await asyncio.to_thread(self._speak, request)

    def _speak(self, request: SpeechRequest) -> GeneratedAudio:
        words = max(1, len(request.text.split()))
        seconds = round(words / (WORDS_PER_SECOND * request.speaking_rate), 3)
        pitch = 180 + _digest(request.voice)[0] % 120
        data, samples = tone_wav([pitch, pitch * 1.5], seconds, volume=0.4)
        return GeneratedAudio(
            data=data, media_type="audio/wav", duration_seconds=samples / SAMPLE_RATE
        )


class OfflineMusicModel:
    """A soft chord as long as asked, its notes chosen by the prompt."""

    async def compose(self, request: MusicRequest) -> GeneratedAudio:
        return await asyncio.to_thread(self._compose, request)

    def _compose(self, request: MusicRequest) -> GeneratedAudio:
        seed = _digest(request.model, request.prompt)
        root = 110 + seed[0] % 110
        data, samples = tone_wav(
            [root, root * 5 / 4, root * 3 / 2], request.duration_seconds, volume=0.3
        )
        return GeneratedAudio(
            data=data, media_type="audio/wav", duration_seconds=samples / SAMPLE_RATE
        )


OfflineAnswer = Callable[[TextRequest], BaseModel]
_ANSWERS: dict[str, OfflineAnswer] = {}


def offline_answer(task: str) -> Callable[[OfflineAnswer], OfflineAnswer]:
    """Register how the offline text model answers `task` (workflow modules do this)."""

    def register(answer: OfflineAnswer) -> OfflineAnswer:
        _ANSWERS[task] = answer
        return answer

    return register


class OfflineTextModel:
    """Answers structured requests by task, deterministically, from the request's context."""

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        answer = _ANSWERS.get(request.task)
        if answer is None:
            raise ProviderError(
                f"the offline text model cannot answer task {request.task!r}", retriable=False
            )
        return schema.model_validate(answer(request).model_dump())
