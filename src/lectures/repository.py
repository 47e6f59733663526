"""`LectureRepository`: video lectures, always read and written on behalf of their owner."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from src.db.tables import video_lectures, viewers
from src.lectures.config import LectureConfig
from src.pagination import check_first, decode_page_cursor, encode_page_cursor


@dataclass(frozen=True)
class Lecture:
    id: UUID
    owner_id: UUID
    title: str
    prompt: str
    config: LectureConfig
    timeline: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class LecturePage:
    records: list[Lecture]
    cursors: list[str]
    has_next_page: bool


class LectureRepository:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # Single-statement reads run in autocommit: one round trip, not BEGIN, SELECT and
        # ROLLBACK (a lecture is read on every startRun and by every run's first step).
        self._reads = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def ensure_viewer(self, viewer_id: UUID, name: str) -> None:
        statement = (
            sa.dialects.postgresql.insert(viewers)
            .values(id=viewer_id, name=name)
            .on_conflict_do_nothing(index_elements=["id"])
        )
        async with self._engine.begin() as conn:
            await conn.execute(statement)

    async def create(
        self, *, owner_id: UUID, title: str, prompt: str = "", config: LectureConfig | None = None
    ) -> Lecture:
        config = config or LectureConfig(prompt=prompt)
        statement = (
            sa.insert(video_lectures)
            .values(
                id=uuid.uuid4(),
                owner_id=owner_id,
                title=title,
                prompt=prompt,
                config=config.model_dump(mode="json"),
            )
            .returning(*video_lectures.c)
        )
        async with self._engine.begin() as conn:
            row = (await conn.execute(statement)).one()
        return _lecture(row)

    async def get(self, lecture_id: UUID, *, owner_id: UUID | None = None) -> Lecture | None:
        query = sa.select(video_lectures).where(video_lectures.c.id == lecture_id)
        if owner_id is not None:
            query = query.where(video_lectures.c.owner_id == owner_id)
        async with self._reads.connect() as conn:
            row = (await conn.execute(query)).one_or_none()
        return None if row is None else _lecture(row)

    async def page(self, owner_id: UUID, *, first: int, after: str | None) -> LecturePage:
        """The owner's lectures, newest first."""
        check_first(first)
        c = video_lectures.c
        query = sa.select(video_lectures).where(c.owner_id == owner_id)
        if after is not None:
            created, lecture_id = decode_page_cursor(after)
            boundary = sa.tuple_(sa.literal(created), sa.literal(lecture_id))
            query = query.where(sa.tuple_(c.created_at, c.id) < boundary)
        query = query.order_by(c.created_at.desc(), c.id.desc()).limit(first + 1)
        async with self._reads.connect() as conn:
            rows = list(await conn.execute(query))
        records = [_lecture(row) for row in rows[:first]]
        return LecturePage(
            records=records,
            cursors=[encode_page_cursor(r.created_at, r.id) for r in records],
            has_next_page=len(rows) > first,
        )

    async def save_config(self, lecture_id: UUID, *, prompt: str, config: LectureConfig) -> None:
        statement = (
            sa.update(video_lectures)
            .where(video_lectures.c.id == lecture_id)
            .values(prompt=prompt, config=config.model_dump(mode="json"), updated_at=sa.func.now())
        )
        async with self._engine.begin() as conn:
            await conn.execute(statement)

    async def save_timeline(self, lecture_id: UUID, timeline: dict[str, Any]) -> None:
        statement = (
            sa.update(video_lectures)
            .where(video_lectures.c.id == lecture_id)
            .values(timeline=timeline, updated_at=sa.func.now())
        )
        async with self._engine.begin() as conn:
            await conn.execute(statement)


def _lecture(row: sa.Row[Any]) -> Lecture:
    return Lecture(
        id=row.id,
        owner_id=row.owner_id,
        title=row.title,
        prompt=row.prompt,
        config=LectureConfig.model_validate(row.config),
        timeline=row.timeline,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
