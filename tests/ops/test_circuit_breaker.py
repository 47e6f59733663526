"""The circuit breaker per provider port: opens after failures in a row, fails fast without
calling, half-opens to probe, closes again; a step shows it in a plain bullet."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from src.errors import ProviderError
from src.ops import metrics
from src.providers import offline_providers
from src.providers.offline import OfflineImageModel
from src.providers.ports import GeneratedImage, ImageRequest
from src.providers.resilience import (
    PORT_ATTRIBUTE,
    Breakers,
    PortPolicy,
    ProviderUnavailable,
    ResiliencePolicy,
)
from src.resources import Resources
from src.runner.local import RetryPolicy
from src.settings import Settings
from tests.test_workflow_failures import finished, lecture, start, wait_for

OPEN_SECONDS = 0.2
"""Short, so a test waits out an open breaker quickly (the wait itself is not measured)."""


def breaker_state(port: str) -> float:
    return metrics.BREAKER_STATE.labels(port)._value.get()


def calls(port: str, outcome: str) -> float:
    return metrics.PROVIDER_CALLS.labels(port, "m", outcome)._value.get()


def failing() -> Any:
    async def work() -> str:
        raise ProviderError("image service is busy", retriable=True)

    return work


async def test_breaker_opens_fails_fast_half_opens_and_closes() -> None:
    port = PortPolicy(failure_threshold=3, open_seconds=OPEN_SECONDS)
    breakers = Breakers(ResiliencePolicy(image=port))
    rejected_before = calls("image", "rejected")

    for _ in range(3):
        with pytest.raises(ProviderError, match="busy"):
            await breakers.call("image", "m", failing())
    assert await breakers.state("image") == "opened"
    assert breaker_state("image") == 2

    called = 0

    async def healthy() -> str:
        nonlocal called
        called += 1
        return "ok"

    # Open: fails fast, the provider is not called, the error says how long to wait.
    with pytest.raises(ProviderUnavailable) as refused:
        await breakers.call("image", "m", healthy)
    assert called == 0
    assert refused.value.retriable
    assert refused.value.message == "The image service is not responding; retrying in 1 s"
    assert 0 < (refused.value.retry_after_seconds or 0) <= OPEN_SECONDS
    assert calls("image", "rejected") == rejected_before + 1

    # After the open time one call probes; a failed probe opens it again at once.
    await asyncio.sleep(OPEN_SECONDS)
    with pytest.raises(ProviderError, match="busy"):
        await breakers.call("image", "m", failing())
    assert await breakers.state("image") == "opened"

    # A successful probe closes it; calls flow again.
    await asyncio.sleep(OPEN_SECONDS)
    assert await breakers.call("image", "m", healthy) == "ok"
    assert await breakers.state("image") == "closed"
    assert breaker_state("image") == 0
    assert await breakers.call("image", "m", healthy) == "ok"
    assert called == 2


async def test_permanent_errors_and_other_ports_do_not_open_the_breaker() -> None:
    breakers = Breakers(ResiliencePolicy(image=PortPolicy(failure_threshold=2)))

    async def refused() -> str:
        raise ProviderError("The model refused to answer", retriable=False)

    for _ in range(4):
        with pytest.raises(ProviderError):
            await breakers.call("image", "m", refused)
    assert await breakers.state("image") == "closed"
    assert await breakers.state("speech") == "closed"


async def test_a_hung_call_times_out_as_a_retriable_failure() -> None:
    breakers = Breakers(ResiliencePolicy(speech=PortPolicy(timeout_seconds=0.05)))
    timeouts = calls("speech", "timeout")

    async def hung() -> str:
        await asyncio.Event().wait()
        return "never"

    with pytest.raises(ProviderError) as timed_out:
        await breakers.call("speech", "m", hung)
    assert timed_out.value.retriable
    assert timed_out.value.message == "The speech service did not answer within 0.05 s"
    assert calls("speech", "timeout") == timeouts + 1


@dataclass
class DownThenUp:
    """An image service that fails its first `failures` calls, then answers."""

    failures: int
    calls: int = 0

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        self.calls += 1
        if self.calls <= self.failures:
            raise ProviderError("image service is busy", retriable=True)
        return await OfflineImageModel().generate(request)


@pytest.fixture
async def image_down(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[Resources, Any]]:
    images = DownThenUp(failures=2)
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        breaker_failures=2,
        breaker_open_seconds=OPEN_SECONDS,
    )
    resources = await Resources.open(settings, providers=replace(offline_providers(), image=images))
    assert resources.runner is not None
    resources.runner._retry = RetryPolicy(attempts=3, base_seconds=0, cap_seconds=0)
    yield resources, images
    await resources.close()


async def test_a_run_waits_out_an_open_breaker_and_its_step_says_so(
    image_down: tuple[Resources, Any],
) -> None:
    resources, images = image_down
    waits_before = metrics.RETRIES.labels("unit", "circuit_open")._value.get()
    failures_before = metrics.RETRIES.labels("unit", "provider_failed")._value.get()

    run_id = await start(resources, await lecture(resources), {"image": {"prompt": "a tide pool"}})
    state = await wait_for(
        resources, run_id, lambda s: s.pending_request() is not None or finished(s)
    )

    # Two failed calls (each retried with backoff) opened the breaker; the next attempt was
    # refused without a call and waited it out; the probe after the wait succeeded.
    assert images.calls == 3
    step = next(s for s in state.steps if any(m.key == "waiting-image" for m in s.messages))
    assert "The image service is not responding; retrying in 1 s" in [m.text for m in step.messages]
    assert state.pending_request() is not None  # the image is ready for review
    assert metrics.RETRIES.labels("unit", "provider_failed")._value.get() == failures_before + 2
    assert metrics.RETRIES.labels("unit", "circuit_open")._value.get() == waits_before + 1
    assert breaker_state("image") == 0


def test_retry_attempts_follow_the_policy_of_the_port_that_failed() -> None:
    policy = RetryPolicy(
        attempts=2, ports={"image": PortPolicy(attempts=4, base_seconds=0, cap_seconds=0)}
    )

    def retries(error: ProviderError) -> int:
        decide = policy.retry_on("unit-1")
        count = 0
        while decide(error) is not False:
            count += 1
        return count

    from_image = ProviderError("image service is busy", retriable=True)
    setattr(from_image, PORT_ATTRIBUTE, "image")
    untagged = ProviderError("busy", retriable=True)
    assert retries(from_image) == 3  # four attempts in all
    assert retries(untagged) == 1  # the default policy: two attempts
    assert retries(ProviderError("refused", retriable=False)) == 0


async def test_a_provider_failure_names_its_port() -> None:
    breakers = Breakers(ResiliencePolicy())
    with pytest.raises(ProviderError) as failed:
        await breakers.call("speech", "m", failing())
    assert getattr(failed.value, PORT_ATTRIBUTE) == "speech"
