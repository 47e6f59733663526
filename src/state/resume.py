"""Resuming a failed, cancelled or interrupted run as a new linked run (pure functions).

The new run starts with the old run's completed steps before the chosen step carried over as
they were (status, payload, decisions, bullets) plus a bullet saying they were reused; the
flow takes those steps' final payloads as their outputs instead of doing them again
(`FlowContext.reused_output`). Which steps may be reused is the kind's to say
(`WorkflowKind.resumable_steps`): a step qualifies when its final payload is all that the
later steps need from it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from src.state.model import Message, MessageLevel, RunState, StepStatus

REUSED = "Reused from the previous run"
"""The bullet on every step a resumed run took over from the run it resumes."""
REUSED_KEY = "reused"


def start_choices(old: RunState, resumable: Collection[str]) -> tuple[str, ...]:
    """The step keys a resume of `old` may start at, in order: the first step, then each next
    one while every step before it completed and may be reused. The last is where the old run
    stopped (its failed, cancelled or interrupted step)."""
    choices: list[str] = []
    for step in old.steps:
        choices.append(step.key)
        if step.status is not StepStatus.COMPLETED or step.key not in resumable:
            break
        if step.payload is None:
            break
    return tuple(choices)


def resumed_state(fresh: RunState, old: RunState, start_at: str, at: datetime) -> RunState:
    """`fresh` (a new run's initial state) with `old`'s steps before `start_at` taken over."""
    start = old.step(start_at)
    if start is None:
        raise ValueError(f"no step {start_at!r} in the run")
    reused = {s.key: s for s in old.steps if s.number < start.number}
    if any(s.status is not StepStatus.COMPLETED for s in reused.values()):
        raise ValueError("only completed steps can be reused")
    bullet = Message(key=REUSED_KEY, text=REUSED, level=MessageLevel.SUCCESS, at=at)
    steps = tuple(
        s
        if s.key not in reused
        else reused[s.key].model_copy(
            update={
                "request": None,
                "messages": (
                    *(m for m in reused[s.key].messages if m.key != REUSED_KEY),
                    bullet,
                ),
            }
        )
        for s in fresh.steps
    )
    return fresh.model_copy(update={"steps": steps, "current_step": start.number - 1})


def resumed_at(state: RunState) -> str | None:
    """The step a resumed run started at: its first step not taken over from the run it
    resumes (`resumed_state` marks each one it takes over). None if it took over every step."""
    for step in state.steps:
        if not any(m.key == REUSED_KEY for m in step.messages):
            return step.key
    return None


def reused_payloads(state: RunState) -> dict[str, dict[str, Any]]:
    """The final payloads (as JSON) of the steps a freshly created run already has completed:
    the steps a resumed run took over. Empty for every other new run."""
    return {
        s.key: s.payload.model_dump(mode="json")
        for s in state.steps
        if s.status is StepStatus.COMPLETED and s.payload is not None
    }
