"""Model providers: ports, OpenAI adapters and deterministic offline twins."""

from src.providers.latency import SimulatedLatency, with_latency
from src.providers.offline import (
    OfflineImageModel,
    OfflineMusicModel,
    OfflineSpeechModel,
    OfflineTextModel,
)
from src.providers.openai import openai_client, openai_providers
from src.providers.ports import Providers


def offline_providers(latency: SimulatedLatency | None = None) -> Providers:
    """The offline twins; with `latency`, each call first waits as a real provider would."""
    providers = Providers(
        text=OfflineTextModel(),
        image=OfflineImageModel(),
        speech=OfflineSpeechModel(),
        music=OfflineMusicModel(),
    )
    return providers if latency is None else with_latency(providers, latency)


def providers_from_settings(
    api_key: str | None,
    *,
    base_url: str | None = None,
    timeout_seconds: float = 60.0,
    max_retries: int = 2,
) -> Providers:
    """OpenAI providers (with offline music) when a key is given, else the offline twins."""
    if api_key is None:
        return offline_providers()
    client = openai_client(
        api_key, base_url=base_url, timeout_seconds=timeout_seconds, max_retries=max_retries
    )
    return openai_providers(client)


__all__ = ["Providers", "offline_providers", "providers_from_settings"]
