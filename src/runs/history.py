"""`RunHistory`: listing runs with filters and keyset pages, and per-kind statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from src.db.tables import workflow_runs
from src.errors import InvalidInput
from src.pagination import check_first, decode_page_cursor, encode_page_cursor
from src.state.model import RunStatus
from src.state.store import RUN_COLUMNS, RunRecord, record_from_row


class RunOrder(StrEnum):
    OLDEST_FIRST = "oldest_first"
    NEWEST_FIRST = "newest_first"


@dataclass(frozen=True)
class RunFilter:
    lecture_id: UUID | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[RunStatus, ...] = ()


@dataclass(frozen=True)
class RunPage:
    records: list[RunRecord]
    cursors: list[str]
    has_next_page: bool


@dataclass(frozen=True)
class KindStatistics:
    kind: str
    started: int
    completed: int
    failed: int
    cancelled: int
    median_duration_seconds: float | None
    p95_duration_seconds: float | None

    @property
    def success_rate(self) -> float | None:
        finished = self.completed + self.failed + self.cancelled
        return None if finished == 0 else self.completed / finished


def _utc(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise InvalidInput(f"{field} needs a UTC offset, e.g. 2026-01-05T12:00:00Z", field=(field,))
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not 1 < utc.year < 9999:
        raise InvalidInput(f"{field} is out of range", field=(field,))
    return utc


class RunHistory:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def page(
        self,
        owner_id: UUID,
        *,
        where: RunFilter,
        order: RunOrder,
        first: int,
        after: str | None,
    ) -> RunPage:
        check_first(first)
        c = workflow_runs.c
        query = sa.select(*RUN_COLUMNS).where(c.owner_id == owner_id)
        if where.lecture_id is not None:
            query = query.where(c.lecture_id == where.lecture_id)
        if where.kinds:
            query = query.where(c.kind.in_(where.kinds))
        if where.statuses:
            query = query.where(c.status.in_([s.value for s in where.statuses]))
        key = sa.tuple_(c.created_at, c.id)
        if after is not None:
            created, run_id = decode_page_cursor(after)
            boundary = sa.tuple_(sa.literal(created), sa.literal(run_id))
            query = query.where(
                key > boundary if order is RunOrder.OLDEST_FIRST else key < boundary
            )
        if order is RunOrder.OLDEST_FIRST:
            query = query.order_by(c.created_at, c.id)
        else:
            query = query.order_by(c.created_at.desc(), c.id.desc())
        async with self._engine.connect() as conn:
            rows = list(await conn.execute(query.limit(first + 1)))
        records = [record_from_row(row._mapping) for row in rows[:first]]
        return RunPage(
            records=records,
            cursors=[encode_page_cursor(r.created_at, r.id) for r in records],
            has_next_page=len(rows) > first,
        )

    async def statistics(
        self, owner_id: UUID, *, since: datetime, until: datetime
    ) -> list[KindStatistics]:
        """Runs created in [since, until), per kind: outcomes and durations of finished ones."""
        since, until = _utc(since, "since"), _utc(until, "until")
        if until <= since:
            raise InvalidInput("until must be after since", field=("until",))
        c = workflow_runs.c
        duration = sa.func.extract("epoch", c.finished_at - c.started_at)
        done = c.status == RunStatus.COMPLETED.value

        def count(status: RunStatus) -> Any:
            return sa.func.count().filter(c.status == status.value)

        query = (
            sa.select(
                c.kind,
                sa.func.count().label("started"),
                count(RunStatus.COMPLETED).label("completed"),
                count(RunStatus.FAILED).label("failed"),
                count(RunStatus.CANCELLED).label("cancelled"),
                sa.func.percentile_cont(0.5).within_group(duration).filter(done).label("p50"),
                sa.func.percentile_cont(0.95).within_group(duration).filter(done).label("p95"),
            )
            .where(c.owner_id == owner_id, c.created_at >= since, c.created_at < until)
            .group_by(c.kind)
            .order_by(c.kind)
        )
        async with self._engine.connect() as conn:
            rows = list(await conn.execute(query))
        return [
            KindStatistics(
                kind=row.kind,
                started=row.started,
                completed=row.completed,
                failed=row.failed,
                cancelled=row.cancelled,
                median_duration_seconds=None if row.p50 is None else float(row.p50),
                p95_duration_seconds=None if row.p95 is None else float(row.p95),
            )
            for row in rows
        ]
