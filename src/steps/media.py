"""The media unit: generate one image, one narration or one music track with the model
providers and keep it as a candidate for a lecture slot (never current yet). The single-asset
kinds and Full Video make every file they generate through these three."""

from __future__ import annotations

from collections.abc import Sequence

from src.assets.library import AssetRef
from src.lectures.config import ImageSize, LectureConfig
from src.providers.ports import ImageRequest, MusicRequest, SpeechRequest
from src.steps.lecture_context import store_candidate
from src.steps.prompts import narration_instructions, with_feedback
from src.steps.runtime import RunInfo, Services


async def make_image(
    services: Services,
    run: RunInfo,
    *,
    slot: str,
    model: str,
    prompt: str,
    size: ImageSize,
    variation: int = 0,
) -> AssetRef:
    image = await services.providers.image.generate(
        ImageRequest(model=model, prompt=prompt, size=size, variation=variation)
    )
    return await store_candidate(
        services,
        run,
        slot=slot,
        data=image.data,
        media_type=image.media_type,
        details={"width": image.width, "height": image.height},
    )


async def make_speech(
    services: Services,
    run: RunInfo,
    *,
    slot: str,
    config: LectureConfig,
    voice: str,
    text: str,
    feedback: Sequence[str] = (),
) -> AssetRef:
    """Narration of `text` in the lecture's speech model, language, style and pace; a
    reviewer's requested changes go into the delivery instructions."""
    audio = await services.providers.speech.speak(
        SpeechRequest(
            model=config.speech_model,
            voice=voice,
            text=text,
            instructions=with_feedback(narration_instructions(config), feedback),
            speaking_rate=config.speaking_rate,
        )
    )
    return await store_candidate(
        services,
        run,
        slot=slot,
        data=audio.data,
        media_type=audio.media_type,
        details={"duration_seconds": audio.duration_seconds},
    )


async def make_music(
    services: Services, run: RunInfo, *, slot: str, model: str, prompt: str, seconds: float
) -> AssetRef:
    music = await services.providers.music.compose(
        MusicRequest(model=model, prompt=prompt, duration_seconds=seconds)
    )
    return await store_candidate(
        services,
        run,
        slot=slot,
        data=music.data,
        media_type=music.media_type,
        details={"duration_seconds": music.duration_seconds},
    )
