"""A small OpenAI-compatible server for tests: records every request, answers from a script.

Each endpoint pops its next scripted `Reply`; with none queued, images and speech get a
well-formed success and chat gets a 400 that says nothing was scripted. Success payloads follow
the real API shapes, down to the placeholder sizes OpenAI puts in streamed WAV headers.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import struct
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from src.providers.media import encode_png, encode_wav

CHAT = "/v1/chat/completions"
IMAGES = "/v1/images/generations"
SPEECH = "/v1/audio/speech"
SPEECH_SAMPLE_RATE = 24_000
"""OpenAI's TTS WAV is 24 kHz, 16-bit mono."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0
    """How long to stall before answering, to provoke client timeouts."""


@dataclass(frozen=True)
class Recorded:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


def json_reply(status: int, payload: object, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(payload).encode(), headers=headers or {})


def error_reply(
    status: int,
    message: str,
    *,
    type_: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """An OpenAI-style error body."""
    error = {"message": message, "type": type_, "param": param, "code": code}
    return json_reply(status, {"error": error}, headers)


def rate_limited(message: str = "Rate limit reached for requests") -> Reply:
    # `retry-after-ms` keeps the SDK's wait tiny; `retry-after: 0` would fall back to its
    # exponential backoff (it only honours positive hints).
    return error_reply(
        429,
        message,
        type_="requests",
        code="rate_limit_exceeded",
        headers={"retry-after-ms": "10", "retry-after": "0.01"},
    )


def chat_reply(
    content: str | None,
    *,
    model: str = "gpt-4o-mini-2024-07-18",
    finish_reason: str = "stop",
    refusal: str | None = None,
) -> Reply:
    """A `chat.completion` object whose one choice carries `content` (JSON text of the schema)."""
    return json_reply(
        200,
        {
            "id": "chatcmpl-standin",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": content,
                        "refusal": refusal,
                        "annotations": [],
                    },
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
            "service_tier": "default",
            "system_fingerprint": "fp_standin",
        },
    )


def png(width: int, height: int) -> bytes:
    rows = [bytes((y * 255 // max(1, height - 1), 90, 160)) * width for y in range(height)]
    return encode_png(width, height, rows)


def image_reply(width: int, height: int) -> Reply:
    payload = {
        "created": int(time.time()),
        "data": [{"b64_json": base64.b64encode(png(width, height)).decode()}],
        "background": "opaque",
        "output_format": "png",
        "quality": "high",
        "size": f"{width}x{height}",
        "usage": {"input_tokens": 30, "output_tokens": 4000, "total_tokens": 4030},
    }
    return json_reply(200, payload)


def streamed_wav(seconds: float) -> bytes:
    """A WAV as OpenAI streams it: RIFF and data sizes are `0xFFFFFFFF` placeholders."""
    count = int(seconds * SPEECH_SAMPLE_RATE)
    samples = [0.3 * math.sin(2 * math.pi * 220 * i / SPEECH_SAMPLE_RATE) for i in range(count)]
    data = bytearray(encode_wav(samples, SPEECH_SAMPLE_RATE))
    struct.pack_into("<I", data, 4, 0xFFFFFFFF)
    struct.pack_into("<I", data, 40, 0xFFFFFFFF)  # encode_wav writes the data header at 36
    return bytes(data)


def speech_reply(seconds: float = 1.0) -> Reply:
    return Reply(200, streamed_wav(seconds), media_type="audio/wav")


class OpenAIStandIn:
    """The server's state: what was asked, and what to answer next, per endpoint."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: defaultdict[str, deque[Reply]] = defaultdict(deque)
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, path: str, *replies: Reply) -> None:
        self.replies[path].extend(replies)

    def reset(self) -> None:
        self.requests.clear()
        self.replies.clear()

    def bodies(self, path: str) -> list[dict[str, Any]]:
        return [r.body for r in self.requests if r.path == path]

    def _default(self, path: str, body: dict[str, Any]) -> Reply:
        if path == IMAGES:
            width, height = (int(n) for n in str(body.get("size", "1024x1024")).split("x"))
            return image_reply(width, height)
        if path == SPEECH:
            return speech_reply()
        return error_reply(400, f"stand-in: nothing scripted for {path}")

    async def handle(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(Recorded(request.url.path, body, dict(request.headers)))
        queue = self.replies[request.url.path]
        reply = queue.popleft() if queue else self._default(request.url.path, body)
        if reply.delay_seconds:
            await asyncio.sleep(reply.delay_seconds)
        return Response(
            reply.body, reply.status, headers=reply.headers, media_type=reply.media_type
        )

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route(path, self.handle, methods=["POST"]) for path in (CHAT, IMAGES, SPEECH)]
        )
