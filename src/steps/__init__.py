"""Workflow kinds: one module each (steps, payloads, message copy, flow), registered on import."""

from src.steps import image
from src.steps.kind import WorkflowKind, all_kinds, get_kind, register_kind

__all__ = ["WorkflowKind", "all_kinds", "get_kind", "image", "register_kind"]
