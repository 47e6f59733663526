"""Run orchestration: the engine port and the service behind every mutation."""

from src.auth.viewer import Viewer
from src.runs.engine import RunEngine
from src.runs.service import WorkflowService

__all__ = ["RunEngine", "Viewer", "WorkflowService"]
