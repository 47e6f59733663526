"""What retention deletes, and how. Older than the limit:

- finished runs (completed, failed, cancelled, interrupted: never one still queued, running or
  waiting for input);
- assets nobody will ever show again: discarded ones, and candidates whose run is gone or has
  finished (orphans), once their run is deleted too (a kept run may still show its rejected
  image); never a current or superseded asset, nor one a lecture's timeline names;
- files that no remaining asset row references (storage is content-addressed: two rows may
  share a file);
- revoked access tokens.

Each batch is its own transaction and takes its runs with `FOR UPDATE SKIP LOCKED`, so a run
being written right now is skipped (and it cannot be finished-and-old at the same time anyway).
Running it twice deletes nothing the second time. The dry run reads the same queries.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from src.assets.storage import BlobStorage
from src.db.tables import access_tokens, assets, video_lectures, workflow_runs
from src.ops import metrics
from src.state.model import RunStatus

log = logging.getLogger(__name__)

BATCH = 500
"""Runs (or assets, or tokens) deleted per transaction."""

_FINISHED = [s.value for s in RunStatus if s.is_terminal]
_DEAD_ASSETS = ("discarded", "candidate")


@dataclass
class CleanupReport:
    """What a cleanup deleted (or, dry, would delete)."""

    runs: list[UUID] = field(default_factory=list)
    assets: list[UUID] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    tokens: list[UUID] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "runs": len(self.runs),
            "assets": len(self.assets),
            "files": len(self.files),
            "tokens": len(self.tokens),
        }


def _old_runs(cutoff: datetime) -> sa.Select[Any]:
    c = workflow_runs.c
    return (
        sa.select(c.id)
        .where(c.status.in_(_FINISHED), c.finished_at.is_not(None), c.finished_at < cutoff)
        .order_by(c.finished_at)
    )


def _in_timeline() -> sa.ColumnElement[bool]:
    """The asset is named in its lecture's timeline (by its ID, anywhere in the JSON)."""
    lecture = video_lectures.c
    return sa.exists().where(
        lecture.id == assets.c.lecture_id,
        lecture.timeline.is_not(None),
        sa.func.strpos(sa.cast(lecture.timeline, sa.Text), sa.cast(assets.c.id, sa.Text)) > 0,
    )


def _dead_assets(cutoff: datetime, *, runs: sa.ColumnElement[bool]) -> sa.Select[Any]:
    """Discarded assets and orphaned candidates older than `cutoff`, whose run satisfies
    `runs` (deleted with them, or already gone), not named by a timeline."""
    a = assets.c
    return (
        sa.select(a.id)
        .where(
            a.status.in_(_DEAD_ASSETS),
            sa.func.coalesce(a.decided_at, a.created_at) < cutoff,
            runs,
            sa.not_(_in_timeline()),
        )
        .order_by(a.created_at)
    )


def _orphans(cutoff: datetime) -> sa.Select[Any]:
    return _dead_assets(cutoff, runs=assets.c.run_id.is_(None))


def _revoked_tokens(cutoff: datetime) -> sa.Select[Any]:
    t = access_tokens.c
    return sa.select(t.id).where(t.revoked_at.is_not(None), t.revoked_at < cutoff)


class Cleanup:
    """Deletes what retention allows, in batches (see the module docstring)."""

    def __init__(self, engine: AsyncEngine, storage: BlobStorage, *, batch: int = BATCH) -> None:
        self._engine = engine
        self._storage = storage
        self._batch = batch

    async def plan(self, older_than: timedelta, *, now: datetime | None = None) -> CleanupReport:
        """What `run` would delete now (the dry run)."""
        cutoff = (now or datetime.now(UTC)) - older_than
        report = CleanupReport()
        async with self._engine.connect() as conn:
            report.runs = list((await conn.execute(_old_runs(cutoff))).scalars())
            doomed_runs = assets.c.run_id.in_(report.runs) | assets.c.run_id.is_(None)
            doomed = _dead_assets(cutoff, runs=doomed_runs)
            report.assets = list((await conn.execute(doomed)).scalars())
            report.files = await self._unreferenced_keys(conn, report.assets)
            report.tokens = list((await conn.execute(_revoked_tokens(cutoff))).scalars())
        return report

    async def run(self, older_than: timedelta, *, now: datetime | None = None) -> CleanupReport:
        cutoff = (now or datetime.now(UTC)) - older_than
        report = CleanupReport()
        while await self._run_batch(cutoff, report):
            pass
        while await self._asset_batch(cutoff, report):
            pass
        async with self._engine.begin() as conn:
            while True:
                batch = _revoked_tokens(cutoff).limit(self._batch)
                ids = list((await conn.execute(batch)).scalars())
                if not ids:
                    break
                await conn.execute(sa.delete(access_tokens).where(access_tokens.c.id.in_(ids)))
                report.tokens += ids
        for what, count in report.counts().items():
            metrics.RETENTION_DELETED.labels(what).inc(count)
        log.info("retention removed %s (older than %s)", report.counts(), older_than)
        return report

    async def _run_batch(self, cutoff: datetime, report: CleanupReport) -> bool:
        async with self._engine.begin() as conn:
            picked = _old_runs(cutoff).limit(self._batch).with_for_update(skip_locked=True)
            run_ids = list((await conn.execute(picked)).scalars())
            if not run_ids:
                return False
            keys = await self._delete_assets(
                conn, _dead_assets(cutoff, runs=assets.c.run_id.in_(run_ids)), report
            )
            # What is kept of those runs' work (current and superseded assets) stays, unlinked.
            await conn.execute(
                sa.update(assets).where(assets.c.run_id.in_(run_ids)).values(run_id=None)
            )
            await conn.execute(
                sa.update(workflow_runs)
                .where(workflow_runs.c.rerun_of.in_(run_ids))
                .values(rerun_of=None)
            )
            await conn.execute(sa.delete(workflow_runs).where(workflow_runs.c.id.in_(run_ids)))
            report.runs += run_ids
            files = await self._unreferenced_keys_of(conn, keys)
        self._remove_files(files, report)
        return True

    async def _asset_batch(self, cutoff: datetime, report: CleanupReport) -> bool:
        async with self._engine.begin() as conn:
            picked = _orphans(cutoff).limit(self._batch).with_for_update(skip_locked=True)
            keys = await self._delete_assets(conn, picked, report)
            if keys is None:
                return False
            files = await self._unreferenced_keys_of(conn, keys)
        self._remove_files(files, report)
        return True

    async def _delete_assets(
        self, conn: AsyncConnection, chosen: sa.Select[Any], report: CleanupReport
    ) -> set[str] | None:
        """Delete the chosen assets; their storage keys, or None when none were chosen."""
        ids = list((await conn.execute(chosen)).scalars())
        if not ids:
            return None
        deleted = await conn.execute(
            sa.delete(assets).where(assets.c.id.in_(ids)).returning(assets.c.storage_key)
        )
        report.assets += ids
        return set(deleted.scalars())

    async def _unreferenced_keys(self, conn: AsyncConnection, asset_ids: list[UUID]) -> list[str]:
        """Storage keys of `asset_ids` that no other asset row references."""
        if not asset_ids:
            return []
        a = assets.c
        keys = set(
            (await conn.execute(sa.select(a.storage_key).where(a.id.in_(asset_ids)))).scalars()
        )
        kept = set(
            (
                await conn.execute(
                    sa.select(a.storage_key).where(a.storage_key.in_(keys), a.id.not_in(asset_ids))
                )
            ).scalars()
        )
        return sorted(keys - kept)

    async def _unreferenced_keys_of(
        self, conn: AsyncConnection, keys: set[str] | None
    ) -> list[str]:
        if not keys:
            return []
        a = assets.c
        kept = set(
            (await conn.execute(sa.select(a.storage_key).where(a.storage_key.in_(keys)))).scalars()
        )
        return sorted(keys - kept)

    def _remove_files(self, keys: list[str], report: CleanupReport) -> None:
        for key in keys:
            path = self._storage.path(key)
            if path is not None:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                except OSError:
                    log.warning("retention could not delete a file", exc_info=True)
                    continue
            report.files.append(key)


async def cleanup(
    engine: AsyncEngine, storage: BlobStorage, older_than: timedelta, *, dry_run: bool = False
) -> CleanupReport:
    job = Cleanup(engine, storage)
    return await (job.plan(older_than) if dry_run else job.run(older_than))
