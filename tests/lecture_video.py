"""Give a lecture an assembled video directly (script, narration, pictures, score in use and a
timeline), for tests of work that needs one, without running a full video first."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from src.assets import AssetLibrary
from src.assets.library import AssetRef
from src.lectures import LectureRepository
from src.lectures.config import ImageSize
from src.lectures.slots import SCORE, image_slot_name, narration_slot_name
from src.lectures.timeline import SegmentParts, Timeline, lay_out
from src.providers.offline import OfflineImageModel, OfflineMusicModel, OfflineSpeechModel
from src.providers.ports import ImageRequest, MusicRequest, SpeechRequest

SCRIPT = (
    "Volcanoes form where magma rises. Pressure builds under the crust!",
    "Lava cools into new rock. Islands can grow this way.",
)


async def _keep(
    assets: AssetLibrary,
    owner_id: UUID,
    lecture_id: UUID,
    slot: str,
    data: bytes,
    media: str,
    details: dict[str, float],
) -> AssetRef:
    candidate = await assets.add_candidate(
        owner_id=owner_id,
        lecture_id=lecture_id,
        run_id=None,
        slot=slot,
        data=data,
        media_type=media,
        details=details,
    )
    return await assets.accept(candidate.id)


async def give_lecture_a_video(
    lectures: LectureRepository,
    assets: AssetLibrary,
    *,
    owner_id: UUID,
    lecture_id: UUID,
    script: Sequence[str] = SCRIPT,
) -> Timeline:
    speech, image, music = OfflineSpeechModel(), OfflineImageModel(), OfflineMusicModel()
    parts = []
    for number, text in enumerate(script, start=1):
        audio = await speech.speak(
            SpeechRequest(model="m", voice="alloy", text=text, instructions="", speaking_rate=1.0)
        )
        narration = await _keep(
            assets,
            owner_id,
            lecture_id,
            narration_slot_name(number),
            audio.data,
            audio.media_type,
            {"duration_seconds": audio.duration_seconds},
        )
        picture = await image.generate(ImageRequest(model="m", prompt=text, size=ImageSize.SQUARE))
        still = await _keep(
            assets,
            owner_id,
            lecture_id,
            image_slot_name(number, 1),
            picture.data,
            picture.media_type,
            {"width": picture.width, "height": picture.height},
        )
        parts.append(SegmentParts(number=number, text=text, narration=narration, images=(still,)))
    track = await music.compose(MusicRequest(model="m", prompt="calm", duration_seconds=3.0))
    score = await _keep(
        assets,
        owner_id,
        lecture_id,
        SCORE,
        track.data,
        track.media_type,
        {"duration_seconds": track.duration_seconds},
    )
    timeline = lay_out(parts, score, 0.3)
    await lectures.save_timeline(lecture_id, timeline.model_dump(mode="json"))
    return timeline
