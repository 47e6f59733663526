"""Model providers: ports, OpenAI adapters and deterministic offline twins."""

from src.providers.offline import (
    OfflineImageModel,
    OfflineMusicModel,
    OfflineSpeechModel,
    OfflineTextModel,
)
from src.providers.ports import Providers


def offline_providers() -> Providers:
    return Providers(
        text=OfflineTextModel(),
        image=OfflineImageModel(),
        speech=OfflineSpeechModel(),
        music=OfflineMusicModel(),
    )


__all__ = ["Providers", "offline_providers"]
