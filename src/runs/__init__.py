"""Run orchestration: the engine port and the service behind every mutation."""

from src.runs.engine import Engine
from src.runs.service import Viewer, WorkflowService

__all__ = ["Engine", "Viewer", "WorkflowService"]
