"""Ports for the model providers. Each has an OpenAI adapter and a deterministic offline twin."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from src.lectures.config import ImageSize

StructuredT = TypeVar("StructuredT", bound=BaseModel)


@dataclass(frozen=True)
class TextRequest:
    """A structured-output request: the model must answer with `schema`."""

    model: str
    system: str
    prompt: str
    task: str
    """A short name of what is asked (`parse_config`, `script`, ...), for logs and twins."""
    context: Mapping[str, Any] = field(default_factory=dict)
    """The structured inputs the prompt was built from; the offline twin answers from these."""


@dataclass(frozen=True)
class ImageRequest:
    model: str
    prompt: str
    size: ImageSize
    variation: int = 0
    """Which of several candidates asked for at once (1, 2, ...; 0: the only one). A model that
    paints the same prompt the same way (the offline one) paints each variation differently."""


@dataclass(frozen=True)
class GeneratedImage:
    data: bytes
    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class SpeechRequest:
    model: str
    voice: str
    text: str
    instructions: str
    speaking_rate: float


@dataclass(frozen=True)
class MusicRequest:
    model: str
    prompt: str
    duration_seconds: float


@dataclass(frozen=True)
class GeneratedAudio:
    data: bytes
    media_type: str
    duration_seconds: float


class TextModel(Protocol):
    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT: ...


class ImageModel(Protocol):
    async def generate(self, request: ImageRequest) -> GeneratedImage: ...


class SpeechModel(Protocol):
    async def speak(self, request: SpeechRequest) -> GeneratedAudio: ...


class MusicModel(Protocol):
    """Vendor-neutral: OpenAI has no music endpoint, so another vendor plugs in here."""

    async def compose(self, request: MusicRequest) -> GeneratedAudio: ...


@dataclass(frozen=True)
class Providers:
    text: TextModel
    image: ImageModel
    speech: SpeechModel
    music: MusicModel
