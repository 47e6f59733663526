"""AGENT_PROGRESS_OFFLINE_LATENCY_MS: the offline twins' simulated provider latency."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from src.lectures.config import ImageSize
from src.providers import offline_providers
from src.providers.latency import SimulatedLatency
from src.providers.ports import ImageRequest
from src.settings import Settings


def test_a_range_or_a_fixed_wait_parses_and_anything_else_is_refused() -> None:
    assert SimulatedLatency.parse("200-2000") == SimulatedLatency(200, 2000)
    assert SimulatedLatency.parse(" 500 ") == SimulatedLatency(500, 500)
    for bad in ("", "fast", "2000-200", "-5", "1.5"):
        with pytest.raises(ValueError, match=r"milliseconds|range"):
            SimulatedLatency.parse(bad)


def test_the_setting_is_off_by_default_and_a_bad_value_stops_start_up() -> None:
    assert Settings().offline_latency is None
    assert Settings(offline_latency_ms="200-2000").offline_latency == SimulatedLatency(200, 2000)
    with pytest.raises(ValidationError, match="LOW-HIGH"):
        Settings(offline_latency_ms="soon")


def test_each_request_waits_a_fixed_time_within_the_range_spread_over_it() -> None:
    latency = SimulatedLatency(200, 2000)
    requests = [
        ImageRequest(model="m", prompt=f"picture {i}", size=ImageSize.SQUARE) for i in range(200)
    ]
    waits = [latency.seconds_for(r) for r in requests]
    assert all(0.2 <= w <= 2.0 for w in waits)
    assert waits == [latency.seconds_for(r) for r in requests]  # deterministic per request
    assert min(waits) < 0.4 and max(waits) > 1.8  # spread, not one value
    assert SimulatedLatency(500, 500).seconds_for(requests[0]) == 0.5


async def test_slowed_twins_answer_with_the_same_bytes() -> None:
    request = ImageRequest(model="m", prompt="a lighthouse", size=ImageSize.SQUARE)
    slow = offline_providers(SimulatedLatency(0, 0))
    assert (await slow.image.generate(request)).data == (
        await offline_providers().image.generate(request)
    ).data
