"""OpenAI adapters for the text, image and speech ports, on one `openai.AsyncOpenAI` client.

Retries happen at two levels, on purpose. The SDK retries 408/409/429/5xx and connection errors
itself (`max_retries`, honouring `retry-after`): cheap, fast recovery from a blip inside one unit
of work. What is still failing after that is translated into a `ProviderError` whose `retriable`
flag lets our runtime retry the whole unit later, with its own backoff, durably under Inngest.
Everything else (bad request, auth, an answer that breaks the schema) fails the step at once,
with the provider's own message, because trying again cannot help.
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Mapping

import openai
import pydantic
from openai.types.chat import ChatCompletionMessageParam

from src.errors import ErrorCode, ProviderError
from src.providers.media import png_size, wav_duration
from src.providers.offline import OfflineMusicModel
from src.providers.ports import (
    GeneratedAudio,
    GeneratedImage,
    ImageRequest,
    Providers,
    SpeechRequest,
    StructuredT,
    TextRequest,
)


def openai_client(
    api_key: str,
    *,
    base_url: str | None = None,
    timeout_seconds: float = 60.0,
    max_retries: int = 2,
) -> openai.AsyncOpenAI:
    """The one client every adapter shares; `base_url` points it at a compatible server."""
    return openai.AsyncOpenAI(
        api_key=api_key, base_url=base_url, timeout=timeout_seconds, max_retries=max_retries
    )


def openai_providers(client: openai.AsyncOpenAI) -> Providers:
    """Text, image and speech from OpenAI. OpenAI has no music endpoint, so music stays with
    the offline composer until another vendor's adapter plugs into the `MusicModel` port."""
    return Providers(
        text=OpenAITextModel(client),
        image=OpenAIImageModel(client),
        speech=OpenAISpeechModel(client),
        music=OfflineMusicModel(),
    )


class OpenAITextModel:
    """Structured output through `chat.completions.parse` with the pydantic schema."""

    def __init__(self, client: openai.AsyncOpenAI) -> None:
        self.client = client

    async def structured(self, request: TextRequest, schema: type[StructuredT]) -> StructuredT:
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": request.system},
            {"role": "user", "content": request.prompt},
        ]
        try:
            completion = await self.client.chat.completions.parse(
                model=request.model, messages=messages, response_format=schema
            )
        except pydantic.ValidationError as error:
            raise _schema_error(schema, error) from error
        except openai.OpenAIError as error:
            raise provider_error(error) from error
        message = completion.choices[0].message
        if message.refusal:
            raise ProviderError(f"The model refused to answer: {message.refusal}", retriable=False)
        if message.parsed is None:
            raise ProviderError(f"The model returned no {schema.__name__} answer", retriable=False)
        return message.parsed


class OpenAIImageModel:
    """`images.generate`, one PNG per call, read from the base64 payload."""

    def __init__(self, client: openai.AsyncOpenAI) -> None:
        self.client = client

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        # GPT image models always answer in base64 and take `output_format`; DALL·E models
        # answer with a URL unless asked for base64, and reject `output_format`.
        dall_e = request.model.startswith("dall-e")
        try:
            result = await self.client.images.generate(
                model=request.model,
                prompt=request.prompt,
                size=request.size,
                n=1,
                response_format="b64_json" if dall_e else openai.omit,
                output_format=openai.omit if dall_e else "png",
            )
        except openai.OpenAIError as error:
            raise provider_error(error) from error
        if not result.data:
            raise ProviderError("OpenAI returned no image", retriable=False)
        image = result.data[0]
        if not image.b64_json:
            # We never fetch from the network on a provider's behalf.
            detail = "a URL instead of image data" if image.url else "no image data"
            raise ProviderError(f"OpenAI returned {detail}", retriable=False)
        try:
            data = base64.b64decode(image.b64_json, validate=True)
            width, height = png_size(data)
        except (binascii.Error, ValueError, struct.error) as error:
            raise ProviderError(
                "OpenAI returned an image that is not a PNG", retriable=False
            ) from error
        return GeneratedImage(data=data, media_type="image/png", width=width, height=height)


class OpenAISpeechModel:
    """`audio.speech.create` as WAV, with the streamed header's placeholder sizes repaired."""

    def __init__(self, client: openai.AsyncOpenAI) -> None:
        self.client = client

    async def speak(self, request: SpeechRequest) -> GeneratedAudio:
        try:
            response = await self.client.audio.speech.create(
                model=request.model,
                voice=request.voice,
                input=request.text,
                # Only the GPT TTS models take instructions; never send an empty one.
                instructions=request.instructions or openai.omit,
                response_format="wav",
                speed=request.speaking_rate,
            )
            data = await response.aread()
        except openai.OpenAIError as error:
            raise provider_error(error) from error
        try:
            data = with_real_wav_sizes(data)
            duration = wav_duration(data)
        except (ValueError, EOFError, struct.error) as error:
            raise ProviderError(
                "OpenAI returned audio that is not a WAV file", retriable=False
            ) from error
        return GeneratedAudio(data=data, media_type="audio/wav", duration_seconds=duration)


def with_real_wav_sizes(data: bytes) -> bytes:
    """OpenAI streams WAV with `0xFFFFFFFF` as RIFF and data sizes; readers that trust them see
    a day-long file. Rewrite both to the bytes actually received."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    fixed = bytearray(data)
    offset = 12
    while offset + 8 <= len(fixed):
        tag = bytes(fixed[offset : offset + 4])
        (size,) = struct.unpack_from("<I", fixed, offset + 4)
        available = len(fixed) - offset - 8
        if size > available:
            if tag != b"data":
                raise ValueError(f"truncated {tag!r} chunk")
            size = available
            struct.pack_into("<I", fixed, offset + 4, size)
        offset += 8 + size + (size & 1)
    struct.pack_into("<I", fixed, 4, len(fixed) - 8)
    return bytes(fixed)


def provider_error(error: openai.OpenAIError) -> ProviderError:
    """Translate an SDK failure, keeping the provider's own message for the person to read."""
    if isinstance(error, openai.LengthFinishReasonError):
        return ProviderError("The model's answer was cut off at its length limit", retriable=False)
    if isinstance(error, openai.ContentFilterFinishReasonError):
        return ProviderError(
            "The model's answer was blocked by the content filter", retriable=False
        )
    if isinstance(error, openai.APITimeoutError):
        return ProviderError("OpenAI did not answer in time", retriable=True)
    if isinstance(error, openai.APIConnectionError):
        return ProviderError("Could not reach OpenAI", retriable=True)
    if not isinstance(error, openai.APIStatusError):
        return ProviderError(f"OpenAI request failed: {error}", retriable=False)
    message = _provider_message(error)
    if isinstance(error, openai.RateLimitError):
        # An exhausted quota is also a 429, but waiting does not refill it.
        if error.code == "insufficient_quota":
            return ProviderError(message, retriable=False)
        limited = ProviderError(
            message, retriable=True, retry_after_seconds=_retry_after(error.response.headers)
        )
        limited.code = ErrorCode.PROVIDER_RATE_LIMITED
        return limited
    retriable = error.status_code in (408, 409) or error.status_code >= 500
    return ProviderError(message, retriable=retriable)


def _provider_message(error: openai.APIStatusError) -> str:
    # The SDK keeps the body's `error` object as `body`; its `message` is the provider's text.
    body = error.body
    if isinstance(body, Mapping):
        text = body.get("message")
        if isinstance(text, str) and text:
            return text
    return f"OpenAI returned HTTP {error.status_code}"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            return max(0.0, float(headers[name]) / divisor)
        except (KeyError, ValueError):
            continue
    return None


def _schema_error(
    schema: type[pydantic.BaseModel], error: pydantic.ValidationError
) -> ProviderError:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the answer"
    return ProviderError(
        f"The model's answer does not match the {schema.__name__} schema "
        f"({error.error_count()} problem(s); {where}: {first['msg']})",
        retriable=False,
    )
