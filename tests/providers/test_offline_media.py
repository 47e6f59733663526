"""The offline twins' fast audio path writes exactly the file the per-sample reference does."""

from __future__ import annotations

import pytest

from src.providers.media import SAMPLE_RATE, encode_wav, tone, tone_wav, wav_duration


@pytest.mark.parametrize(
    ("frequencies", "seconds", "volume"),
    [
        ([220, 330], 0.02, 0.4),  # shorter than one fade
        ([201.4, 302.1], 0.7, 0.4),  # under one second: the period is the whole file
        ([110, 137.5, 165], 1.0, 0.3),  # exactly one period
        ([180, 270], 6.123, 0.4),  # several periods and a part of one
        ([], 2.5, 0.3),  # silence
    ],
)
def test_tone_wav_is_byte_identical_to_the_reference_encoding(
    frequencies: list[float], seconds: float, volume: float
) -> None:
    samples = tone(frequencies, seconds, volume)
    data, count = tone_wav(frequencies, seconds, volume)
    assert data == encode_wav(samples)
    assert count == len(samples)
    assert wav_duration(data) == pytest.approx(count / SAMPLE_RATE)
