"""The OpenAI adapters, through the real `openai` SDK, against the local stand-in server."""

from __future__ import annotations

import io
import json
import socket
import struct
import wave
from collections.abc import Awaitable

import openai
import pytest
from pydantic import BaseModel

from src.errors import ErrorCode, ProviderError
from src.providers import providers_from_settings
from src.providers.media import encode_wav, png_size
from src.providers.offline import (
    OfflineImageModel,
    OfflineMusicModel,
    OfflineSpeechModel,
    OfflineTextModel,
)
from src.providers.openai import (
    OpenAIImageModel,
    OpenAISpeechModel,
    OpenAITextModel,
    with_real_wav_sizes,
)
from src.providers.ports import ImageRequest, SpeechRequest, TextRequest
from tests.providers.openai_standin import (
    CHAT,
    IMAGES,
    SPEECH,
    OpenAIStandIn,
    Reply,
    chat_reply,
    error_reply,
    json_reply,
    rate_limited,
    streamed_wav,
)


class Segment(BaseModel):
    title: str
    narration: str


class Script(BaseModel):
    title: str
    segments: list[Segment]


SCRIPT = Script(
    title="How volcanoes form",
    segments=[Segment(title="Magma", narration="Deep below, rock melts into magma.")],
)
SCRIPT_REQUEST = TextRequest(
    model="gpt-4o-mini",
    system="You write narrated video lectures. Style: clear, friendly explainer.",
    prompt="Write a 60 second lecture in 4 segments about how volcanoes form.",
    task="script",
)
IMAGE_REQUEST = ImageRequest(
    model="gpt-image-1", prompt="A cross-section of a volcano, editorial style", size="1536x1024"
)
SPEECH_REQUEST = SpeechRequest(
    model="gpt-4o-mini-tts",
    voice="alloy",
    text="Deep below, rock melts into magma.",
    instructions="Speak like a calm teacher.",
    speaking_rate=1.25,
)


async def fails(call: Awaitable[object]) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        await call
    return caught.value


async def test_structured_request_carries_model_prompts_and_pydantic_schema(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(CHAT, chat_reply(SCRIPT.model_dump_json()))

    answer = await OpenAITextModel(client).structured(SCRIPT_REQUEST, Script)

    assert answer == SCRIPT
    [sent] = standin.requests
    assert sent.headers["authorization"] == "Bearer test-key"
    assert sent.body["model"] == "gpt-4o-mini"
    assert sent.body["messages"] == [
        {"role": "system", "content": SCRIPT_REQUEST.system},
        {"role": "user", "content": SCRIPT_REQUEST.prompt},
    ]
    response_format = sent.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Script"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert set(schema["properties"]) == {"title", "segments"}
    assert schema["required"] == ["title", "segments"]
    assert schema["additionalProperties"] is False
    assert set(schema["$defs"]["Segment"]["properties"]) == {"title", "narration"}


async def test_rate_limit_is_retried_then_succeeds(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(CHAT, rate_limited(), chat_reply(SCRIPT.model_dump_json()))

    answer = await OpenAITextModel(client).structured(SCRIPT_REQUEST, Script)

    assert answer == SCRIPT
    assert len(standin.bodies(CHAT)) == 2  # the 429, then the retry


async def test_lasting_rate_limit_is_retriable_with_the_servers_hint(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(CHAT, *[rate_limited("Rate limit reached for gpt-4o-mini")] * 3)

    error = await fails(OpenAITextModel(client).structured(SCRIPT_REQUEST, Script))

    assert error.retriable is True
    assert error.retry_after_seconds == pytest.approx(0.01)
    assert error.code is ErrorCode.PROVIDER_RATE_LIMITED
    assert error.message == "Rate limit reached for gpt-4o-mini"
    assert len(standin.bodies(CHAT)) == 3  # the SDK's own two retries came first


async def test_exhausted_quota_is_not_retriable(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    quota = error_reply(
        429,
        "You exceeded your current quota.",
        type_="insufficient_quota",
        code="insufficient_quota",
    )
    standin.script(CHAT, quota, quota, quota)

    error = await fails(
        OpenAITextModel(client.with_options(max_retries=0)).structured(SCRIPT_REQUEST, Script)
    )

    assert error.retriable is False
    assert error.message == "You exceeded your current quota."


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_client_errors_surface_the_providers_message_and_are_final(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI, status: int
) -> None:
    message = "Invalid schema for response_format 'Script': 'segments' is too deep."
    standin.script(CHAT, error_reply(status, message, param="response_format"))

    error = await fails(OpenAITextModel(client).structured(SCRIPT_REQUEST, Script))

    assert error.message == message
    assert error.retriable is False
    assert len(standin.bodies(CHAT)) == 1  # never retried


async def test_server_errors_that_outlast_sdk_retries_are_retriable(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(CHAT, error_reply(503, "The server is overloaded.", type_="server_error"))

    error = await fails(
        OpenAITextModel(client.with_options(max_retries=0)).structured(SCRIPT_REQUEST, Script)
    )

    assert error.retriable is True
    assert error.message == "The server is overloaded."


async def test_timeouts_are_retriable(standin: OpenAIStandIn, client: openai.AsyncOpenAI) -> None:
    standin.script(CHAT, Reply(200, b"{}", delay_seconds=1.0))
    impatient = client.with_options(max_retries=0, timeout=0.2)

    error = await fails(OpenAITextModel(impatient).structured(SCRIPT_REQUEST, Script))

    assert error.retriable is True
    assert "in time" in error.message


async def test_unreachable_server_is_retriable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sdk = openai.AsyncOpenAI(api_key="k", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
    try:
        error = await fails(OpenAITextModel(sdk).structured(SCRIPT_REQUEST, Script))
    finally:
        await sdk.close()

    assert error.retriable is True
    assert error.message == "Could not reach OpenAI"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (json.dumps({"title": "Volcanoes"}), "segments: Field required"),
        (json.dumps({"title": "V", "segments": [{"title": 3}]}), "segments.0.title"),
        ("Sure! Here is your script:", "Invalid JSON"),
    ],
)
async def test_answer_that_breaks_the_schema_is_a_clear_final_failure(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI, content: str, detail: str
) -> None:
    standin.script(CHAT, chat_reply(content))

    error = await fails(OpenAITextModel(client).structured(SCRIPT_REQUEST, Script))

    assert error.retriable is False
    assert error.message.startswith("The model's answer does not match the Script schema")
    assert detail in error.message
    assert len(standin.bodies(CHAT)) == 1


async def test_refusal_and_cut_off_answers_are_final(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(
        CHAT,
        chat_reply(None, refusal="I can't help with that."),
        chat_reply('{"title": "Volc', finish_reason="length"),
    )
    text = OpenAITextModel(client)

    refused = await fails(text.structured(SCRIPT_REQUEST, Script))
    cut_off = await fails(text.structured(SCRIPT_REQUEST, Script))

    assert refused.retriable is False
    assert refused.message == "The model refused to answer: I can't help with that."
    assert cut_off.retriable is False
    assert "length limit" in cut_off.message


async def test_image_is_requested_as_png_and_decoded_with_its_size(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    image = await OpenAIImageModel(client).generate(IMAGE_REQUEST)

    assert image.media_type == "image/png"
    assert (image.width, image.height) == (1536, 1024) == png_size(image.data)
    [sent] = standin.bodies(IMAGES)
    assert sent == {
        "model": "gpt-image-1",
        "prompt": IMAGE_REQUEST.prompt,
        "size": "1536x1024",
        "n": 1,
        "output_format": "png",
    }


async def test_dall_e_images_are_asked_for_as_base64(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    request = ImageRequest(model="dall-e-3", prompt="A volcano", size="1024x1024")

    image = await OpenAIImageModel(client).generate(request)

    assert (image.width, image.height) == (1024, 1024)
    [sent] = standin.bodies(IMAGES)
    assert sent["response_format"] == "b64_json"
    assert "output_format" not in sent


async def test_image_given_only_as_url_fails_clearly(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(
        IMAGES, json_reply(200, {"created": 1, "data": [{"url": "https://example.test/i.png"}]})
    )

    error = await fails(OpenAIImageModel(client).generate(IMAGE_REQUEST))

    assert error.retriable is False
    assert error.message == "OpenAI returned a URL instead of image data"


async def test_image_errors_surface_the_providers_message(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    message = "Your request was rejected as a result of our safety system."
    standin.script(IMAGES, error_reply(400, message, code="moderation_blocked"))

    error = await fails(OpenAIImageModel(client).generate(IMAGE_REQUEST))

    assert (error.message, error.retriable) == (message, False)


async def test_speech_carries_voice_rate_and_instructions_and_returns_a_real_wav(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    standin.script(SPEECH, Reply(200, streamed_wav(1.5), media_type="audio/wav"))

    audio = await OpenAISpeechModel(client).speak(SPEECH_REQUEST)

    assert audio.media_type == "audio/wav"
    assert audio.duration_seconds == pytest.approx(1.5)
    with wave.open(io.BytesIO(audio.data)) as reader:
        assert reader.getframerate() == 24_000
        assert reader.getnframes() == 36_000
    [sent] = standin.bodies(SPEECH)
    assert sent == {
        "model": "gpt-4o-mini-tts",
        "voice": "alloy",
        "input": SPEECH_REQUEST.text,
        "instructions": "Speak like a calm teacher.",
        "response_format": "wav",
        "speed": 1.25,
    }


async def test_speech_without_instructions_does_not_send_them(
    standin: OpenAIStandIn, client: openai.AsyncOpenAI
) -> None:
    request = SpeechRequest(
        model="tts-1", voice="nova", text="Hello.", instructions="", speaking_rate=1.0
    )

    audio = await OpenAISpeechModel(client).speak(request)

    assert audio.duration_seconds == pytest.approx(1.0)
    [sent] = standin.bodies(SPEECH)
    assert "instructions" not in sent


def test_wav_sizes_are_repaired_and_sound_files_are_left_alone() -> None:
    streamed = streamed_wav(0.5)
    assert struct.unpack_from("<I", streamed, 40)[0] == 0xFFFFFFFF

    repaired = with_real_wav_sizes(streamed)

    assert struct.unpack_from("<II", repaired, 4)[0] == len(repaired) - 8
    assert struct.unpack_from("<I", repaired, 40)[0] == len(repaired) - 44
    sound = encode_wav([0.0] * 800)
    assert with_real_wav_sizes(sound) == sound


async def test_without_a_key_the_offline_providers_are_used() -> None:
    providers = providers_from_settings(None)

    assert isinstance(providers.text, OfflineTextModel)
    assert isinstance(providers.image, OfflineImageModel)
    assert isinstance(providers.speech, OfflineSpeechModel)
    assert isinstance(providers.music, OfflineMusicModel)


async def test_with_a_key_openai_serves_text_image_speech_and_music_stays_offline(
    standin: OpenAIStandIn,
) -> None:
    providers = providers_from_settings(
        "test-key", base_url=standin.base_url, timeout_seconds=5.0, max_retries=0
    )
    assert isinstance(providers.text, OpenAITextModel)
    assert isinstance(providers.speech, OpenAISpeechModel)
    assert isinstance(providers.music, OfflineMusicModel)
    image_model = providers.image
    assert isinstance(image_model, OpenAIImageModel)
    try:
        assert image_model.client.max_retries == 0
        assert image_model.client.timeout == 5.0
        image = await image_model.generate(IMAGE_REQUEST)
    finally:
        await image_model.client.close()

    assert (image.width, image.height) == (1536, 1024)
    assert len(standin.bodies(IMAGES)) == 1
