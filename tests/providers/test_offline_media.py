"""The offline twins' fast media paths write the same sound and pixels as the reference encoders."""

from __future__ import annotations

import struct
import zlib

import pytest

from src.providers.media import (
    SAMPLE_RATE,
    encode_banded_png,
    encode_png,
    encode_wav,
    png_size,
    tone,
    tone_wav,
    wav_duration,
)


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


def _pixels(png: bytes) -> list[bytes]:
    """The RGB rows of an 8-bit RGB PNG with filters None or Sub (all our encoders write)."""
    width, height = png_size(png)
    chunks, at = [], 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            chunks.append(png[at + 8 : at + 8 + size])
        at += 12 + size
    raw, stride, rows = zlib.decompress(b"".join(chunks)), 3 * width + 1, []
    for y in range(height):
        kind, line = raw[y * stride], bytearray(raw[y * stride + 1 : (y + 1) * stride])
        assert kind in (0, 1)
        if kind == 1:
            for i in range(3, len(line)):
                line[i] = (line[i] + line[i - 3]) & 0xFF
        rows.append(bytes(line))
    return rows


def test_the_banded_png_holds_the_same_pixels_as_the_plain_encoding() -> None:
    colors = [bytes((y * 7 % 256, 255 - y, 40)) for y in range(37)]
    banded = encode_banded_png(23, 37, colors)
    assert png_size(banded) == (23, 37)
    assert _pixels(banded) == _pixels(encode_png(23, 37, [c * 23 for c in colors]))
