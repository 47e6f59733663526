"""The workflow kinds this service runs: the one list a new kind is added to.

Both runtimes, the API (`workflowKinds`, `startRun`'s input, the step nodes) and routing from a
sentence read this list; nothing registers itself on import."""

from __future__ import annotations

from typing import Any

from src.errors import NotFound
from src.steps import full_video, image, narration, score, subtitles
from src.steps.kind import WorkflowKind

KINDS: tuple[WorkflowKind[Any], ...] = (
    full_video.KIND,
    image.KIND,
    narration.KIND,
    score.KIND,
    subtitles.KIND,
)

_BY_KEY: dict[str, WorkflowKind[Any]] = {}
for _kind in KINDS:
    if _kind.key in _BY_KEY:
        raise ValueError(f"workflow kind {_kind.key!r} is listed twice")
    _BY_KEY[_kind.key] = _kind


def get_kind(key: str) -> WorkflowKind[Any]:
    kind = _BY_KEY.get(key)
    if kind is None:
        raise NotFound(f"no workflow kind {key!r}")
    return kind


def all_kinds() -> list[WorkflowKind[Any]]:
    return list(KINDS)
