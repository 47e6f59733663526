"""Workflow kinds: one folder each (`src/steps/<kind>/`), listed in `src/steps/registry.py`;
shared parts (runtime port, media unit, single-asset review, lecture context) beside them."""

from src.steps.kind import WorkflowKind
from src.steps.registry import KINDS, all_kinds, get_kind

__all__ = ["KINDS", "WorkflowKind", "all_kinds", "get_kind"]
