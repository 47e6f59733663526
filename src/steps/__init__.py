"""Workflow kinds: one module each (steps, payloads, message copy, flow), registered on import."""

from src.steps import full_video, full_video_offline, image, intake, narration, score
from src.steps.kind import WorkflowKind, all_kinds, get_kind, register_kind

__all__ = [
    "WorkflowKind",
    "all_kinds",
    "full_video",
    "full_video_offline",
    "get_kind",
    "image",
    "intake",
    "narration",
    "register_kind",
    "score",
]
