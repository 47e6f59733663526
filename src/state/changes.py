"""A committed change to a run, as the change feed carries it: IDs and a position, never state."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

CHANNEL = "workflow_run_changes"
"""The PostgreSQL NOTIFY channel: wake-ups after commits (`src/state/notifier.py`)."""


@dataclass(frozen=True, slots=True)
class Change:
    run_id: UUID
    owner_id: UUID
    lecture_id: UUID
    cursor: int
    """The transaction ID that wrote the change (`change_xid`). Per run, a later change has a
    higher one (see `src/state/feed.py`); the feed delivers in this order."""
    committed_at: float | None = field(default=None, compare=False)
    """When the change was written (epoch seconds, database clock), for lag metrics."""
    seq: int = field(default=0, compare=False)
    """The change's `change_cursor`: unique, orders the changes of one transaction."""
    position: int = field(default=-1, compare=False)
    """The feed's position once this change was delivered: every change with a transaction ID
    at or below it had been delivered (what a resume cursor names)."""

    @classmethod
    def decode(cls, payload: str) -> Change:
        """A change from `run:owner:lecture:cursor[:microseconds]` (the latency bench's raw
        LISTEN/NOTIFY baseline sends these)."""
        run_id, owner_id, lecture_id, cursor, *stamp = payload.split(":")
        committed_at = int(stamp[0]) / 1e6 if stamp else None
        return cls(UUID(run_id), UUID(owner_id), UUID(lecture_id), int(cursor), committed_at)

    def encode(self) -> str:
        return f"{self.run_id}:{self.owner_id}:{self.lecture_id}:{self.cursor}"
