"""`Viewer`: who is asking. Every read and write is scoped to its `id`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Viewer:
    """Who is asking. Every read and write is scoped to `id`."""

    id: UUID
    name: str
