"""Subtitles Generation: WebVTT subtitles for the lecture's video, one cue per sentence timed
within its segment's narration; reviewed with editable text, then attached to the timeline.

`vtt` computes the cues and renders the file, `flow` holds the input, payloads, copy, flow and
the declaration, `graphql` the step node derived from the payload."""

from src.steps.subtitles.flow import (
    COPY,
    KEY,
    KIND,
    SLOT,
    STEP,
    SubtitlesEdit,
    SubtitlesInput,
    SubtitlesPayload,
    SubtitlesReviewPayload,
)
from src.steps.subtitles.vtt import SubtitleCue, cues_of, render_vtt

__all__ = [
    "COPY",
    "KEY",
    "KIND",
    "SLOT",
    "STEP",
    "SubtitleCue",
    "SubtitlesEdit",
    "SubtitlesInput",
    "SubtitlesPayload",
    "SubtitlesReviewPayload",
    "cues_of",
    "render_vtt",
]
