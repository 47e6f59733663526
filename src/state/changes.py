"""A committed change to a run, as the change feed carries it: IDs and a cursor, never state."""

from __future__ import annotations

from dataclasses import dataclass
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

    @classmethod
    def decode(cls, payload: str) -> Change:
        run_id, owner_id, lecture_id, cursor = payload.split(":")
        return cls(UUID(run_id), UUID(owner_id), UUID(lecture_id), int(cursor))

    def encode(self) -> str:
        return f"{self.run_id}:{self.owner_id}:{self.lecture_id}:{self.cursor}"
