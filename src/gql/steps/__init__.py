"""Step node types: each registered kind derives its own in its folder (`step_nodes`)."""

from importlib import import_module

from src.steps.registry import KINDS


def load_step_nodes() -> None:
    """Import every registered kind's step-node module (each registers its node types)."""
    for kind in KINDS:
        if kind.step_nodes is not None:
            import_module(kind.step_nodes)


load_step_nodes()
