"""Retention: deleting finished runs, dead assets and revoked tokens past a age limit."""

from src.retention.cleanup import Cleanup, CleanupReport, cleanup

__all__ = ["Cleanup", "CleanupReport", "cleanup"]
