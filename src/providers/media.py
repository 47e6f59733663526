"""Minimal encoders for real media files (PNG, 16-bit mono WAV) with no imaging dependency."""

from __future__ import annotations

import io
import math
import struct
import wave
import zlib
from collections.abc import Sequence


def encode_png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An RGB PNG from `height` rows of `3 * width` bytes each."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(tag + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


SAMPLE_RATE = 16_000


def encode_wav(samples: Sequence[float], sample_rate: int = SAMPLE_RATE) -> bytes:
    """A 16-bit mono WAV from samples in [-1, 1]."""
    frames = struct.pack(
        f"<{len(samples)}h", *(int(max(-1.0, min(1.0, s)) * 32767) for s in samples)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(frames)
    return buffer.getvalue()


def wav_duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def tone(frequencies: Sequence[float], seconds: float, volume: float) -> list[float]:
    """A soft chord of sine waves with short fades, `seconds` long.

    Frequencies are rounded to whole hertz so one second of signal repeats exactly; the
    signal is computed once and tiled, which keeps long tracks cheap."""
    count = int(seconds * SAMPLE_RATE)
    whole = [round(f) for f in frequencies] or [0]
    period = [
        volume * sum(math.sin(2 * math.pi * f * i / SAMPLE_RATE) for f in whole) / len(whole)
        for i in range(min(count, SAMPLE_RATE))
    ]
    out = (period * (count // SAMPLE_RATE + 1))[:count]
    fade = min(count // 2, SAMPLE_RATE // 20)
    for i in range(fade):
        gain = i / fade
        out[i] *= gain
        out[count - 1 - i] *= gain
    return out
