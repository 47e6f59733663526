"""Minimal encoders for real media files (PNG, 16-bit mono WAV) with no imaging dependency."""

from __future__ import annotations

import io
import math
import struct
import wave
import zlib
from collections.abc import Sequence
from functools import lru_cache

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def encode_png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An RGB PNG from `height` rows of `3 * width` bytes each."""
    return _rgb_png(width, height, b"".join(b"\x00" + row for row in rows), level=6)


def encode_banded_png(width: int, height: int, colors: Sequence[bytes]) -> bytes:
    """An RGB PNG whose row y is one solid colour, `colors[y]` (3 bytes): what the offline image
    model paints. Each row is stored with PNG's "Sub" filter (its first pixel, then zeros) and
    compressed at level 1 — about 6 ms for a 1024x1024 picture against 14 ms for `encode_png`
    (whose unfiltered rows need level 6 to stay small), and no 3 MB of rows built in Python."""
    if len(colors) != height:
        raise ValueError("one colour per row")
    zeros = bytes(3 * width - 3)
    return _rgb_png(width, height, b"".join(b"\x01" + color + zeros for color in colors), level=1)


def _rgb_png(width: int, height: int, filtered_rows: bytes, *, level: int) -> bytes:
    """An 8-bit RGB PNG around rows that already carry their filter byte."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        _PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(filtered_rows, level))
        + _chunk(b"IEND", b"")
    )


def _chunk(tag: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(tag + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != _PNG_SIGNATURE:
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


def _quantize(sample: float) -> int:
    return int(max(-1.0, min(1.0, sample)) * 32767)


@lru_cache(maxsize=256)
def _one_second(frequencies: tuple[int, ...], volume: float, count: int) -> tuple[float, ...]:
    # The same expression as `tone`'s period, so the samples are bit-identical.
    return tuple(
        volume
        * sum(math.sin(2 * math.pi * f * i / SAMPLE_RATE) for f in frequencies)
        / len(frequencies)
        for i in range(count)
    )


@lru_cache(maxsize=256)
def _one_second_frames(frequencies: tuple[int, ...], volume: float, count: int) -> bytes:
    period = _one_second(frequencies, volume, count)
    return struct.pack(f"<{len(period)}h", *(_quantize(s) for s in period))


def tone_wav(frequencies: Sequence[float], seconds: float, volume: float) -> tuple[bytes, int]:
    """`encode_wav(tone(frequencies, seconds, volume))` and its sample count, byte for byte, at a
    small fraction of the CPU: the one-second period is computed and packed once (and cached
    per chord), tiled as bytes, and only the fades are computed per sample. Offline narration
    and music use this; `tone` per sample held the GIL for 0.1-0.4 s per file, stalling the
    server's event loop even from a worker thread."""
    count = int(seconds * SAMPLE_RATE)
    whole = tuple(round(f) for f in frequencies) or (0,)
    size = min(count, SAMPLE_RATE)
    period = _one_second(whole, volume, size)
    frames = bytearray(_one_second_frames(whole, volume, size) * (count // SAMPLE_RATE + 1))
    del frames[2 * count :]
    fade = min(count // 2, SAMPLE_RATE // 20)
    for i in range(fade):
        gain = i / fade
        struct.pack_into("<h", frames, 2 * i, _quantize(period[i % size] * gain))
        tail = count - 1 - i
        struct.pack_into("<h", frames, 2 * tail, _quantize(period[tail % size] * gain))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)
    return buffer.getvalue(), count
