"""The production runtime: every workflow kind as an Inngest function."""

from src.inngest_fns.engine import InngestEngine
from src.inngest_fns.events import (
    FUNCTION_CANCELLED,
    FUNCTION_FAILED,
    HUMAN_INPUT_RESOLVED,
    RUN_CANCEL_REQUESTED,
    RUN_REQUESTED,
    FunctionEnded,
    HumanInputResolvedData,
    RunCancelRequested,
    RunRequested,
)
from src.inngest_fns.functions import FunctionOptions, WorkflowFunctions
from src.inngest_fns.runtime import InngestRuntime, ReviewPolicy
from src.inngest_fns.serve import SERVE_PATH, InngestServing, inngest_client

__all__ = [
    "FUNCTION_CANCELLED",
    "FUNCTION_FAILED",
    "HUMAN_INPUT_RESOLVED",
    "RUN_CANCEL_REQUESTED",
    "RUN_REQUESTED",
    "SERVE_PATH",
    "FunctionEnded",
    "FunctionOptions",
    "HumanInputResolvedData",
    "InngestEngine",
    "InngestRuntime",
    "InngestServing",
    "ReviewPolicy",
    "RunCancelRequested",
    "RunRequested",
    "WorkflowFunctions",
    "inngest_client",
]
