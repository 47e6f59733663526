"""Subtitle cues from a lecture's script and its narration's real durations, and their WebVTT
text. Pure functions: one cue per sentence, timed within its segment."""

from __future__ import annotations

import re
import textwrap

from pydantic import BaseModel, ConfigDict

from src.lectures.timeline import Timeline

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


class SubtitleCue(BaseModel):
    """One sentence on screen, while its part of the segment's narration plays."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int
    segment: int
    start_seconds: float
    end_seconds: float
    text: str


def sentences(text: str) -> list[str]:
    """The sentences of a segment's narration, whitespace collapsed; a text with no sentence
    end is one sentence."""
    flat = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(flat) if s]


def cues_of(timeline: Timeline) -> tuple[SubtitleCue, ...]:
    """One cue per sentence of each segment, in order. A segment's time (its narration's real
    length) is shared among its sentences by their length in characters, the way speech
    takes time; the last cue of a segment ends exactly where the segment does."""
    cues: list[SubtitleCue] = []
    for segment in timeline.segments:
        said = sentences(segment.text)
        total = sum(len(s) for s in said) or 1
        length = segment.end_seconds - segment.start_seconds
        start = segment.start_seconds
        for index, sentence in enumerate(said):
            last = index == len(said) - 1
            end = segment.end_seconds if last else start + length * len(sentence) / total
            cues.append(
                SubtitleCue(
                    number=len(cues) + 1,
                    segment=segment.number,
                    start_seconds=round(start, 3),
                    end_seconds=round(end, 3),
                    text=sentence,
                )
            )
            start = end
    return tuple(cues)


def timestamp(seconds: float) -> str:
    """WebVTT's `hh:mm:ss.ttt`."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def render_vtt(cues: tuple[SubtitleCue, ...], max_line_length: int) -> str:
    """The WebVTT file: numbered cues, each sentence wrapped to lines of `max_line_length`."""
    blocks = ["WEBVTT"]
    for cue in cues:
        lines = textwrap.wrap(cue.text, width=max_line_length) or [cue.text]
        blocks.append(
            f"{cue.number}\n{timestamp(cue.start_seconds)} --> {timestamp(cue.end_seconds)}\n"
            + "\n".join(lines)
        )
    return "\n\n".join(blocks) + "\n"
