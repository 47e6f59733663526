"""A committed change to a run, as the change feed carries it: IDs and a cursor, never state."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

CHANNEL = "workflow_run_changes"
"""The PostgreSQL NOTIFY channel."""


@dataclass(frozen=True, slots=True)
class Change:
    run_id: UUID
    owner_id: UUID
    lecture_id: UUID
    cursor: int
    """The global change cursor this commit took; commit order equals cursor order."""
    committed_at: float | None = field(default=None, compare=False)
    """When a notified change was written (epoch seconds, database clock), for lag metrics;
    None for changes read back from the table."""

    @classmethod
    def decode(cls, payload: str) -> Change:
        run_id, owner_id, lecture_id, cursor, *stamp = payload.split(":")
        committed_at = int(stamp[0]) / 1e6 if stamp else None
        return cls(UUID(run_id), UUID(owner_id), UUID(lecture_id), int(cursor), committed_at)

    def encode(self) -> str:
        return f"{self.run_id}:{self.owner_id}:{self.lecture_id}:{self.cursor}"
