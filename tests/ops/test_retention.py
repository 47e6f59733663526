"""Retention on a seeded database: exactly the finished old runs, dead assets (with files no
kept row shares) and old revoked tokens go; the dry run lists the same set; twice is once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from src.assets import LocalBlobStorage
from src.db.tables import access_tokens, assets, video_lectures, viewers, workflow_runs
from src.ops import metrics
from src.retention import Cleanup
from src.retention.schedule import parse_age
from src.state.model import initial_state

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=40)
RECENT = NOW - timedelta(days=1)
LIMIT = timedelta(days=30)


def ids(*names: str) -> dict[str, uuid.UUID]:
    return {n: uuid.uuid4() for n in names}


async def seed(
    engine: Any, storage: LocalBlobStorage
) -> tuple[dict[str, uuid.UUID], dict[str, str]]:
    viewer, lecture = uuid.uuid4(), uuid.uuid4()
    run = ids("old_done", "old_failed", "old_running", "old_waiting", "new_done", "rerun")
    asset = ids(
        "current",
        "superseded",
        "discarded_old",
        "candidate_old",
        "discarded_timeline",
        "discarded_kept_run",
        "discarded_shared",
        "orphan",
        "discarded_young",
        "candidate_running",
    )
    token = ids("revoked_old", "revoked_new", "live_old")
    files = {
        name: (await storage.put(f"{name}-{lecture}".encode(), "image/png")).key for name in asset
    }
    files["discarded_shared"] = files["current"]
    state = initial_state(kind="image", title="Generating Image", steps=(), created_at=OLD)
    runs = [
        # name, status, finished_at, rerun_of
        ("old_done", "completed", OLD, None),
        ("old_failed", "failed", OLD, None),
        ("old_running", "running", None, None),
        ("old_waiting", "waiting_for_input", None, None),
        ("new_done", "completed", RECENT, None),
        ("rerun", "completed", RECENT, run["old_done"]),
    ]
    owned: list[tuple[str, str | None, str, datetime]] = [
        # name, run, status, age
        ("current", "old_done", "current", OLD),
        ("superseded", "old_done", "superseded", OLD),
        ("discarded_old", "old_done", "discarded", OLD),
        ("candidate_old", "old_failed", "candidate", OLD),
        ("discarded_timeline", "old_done", "discarded", OLD),
        ("discarded_kept_run", "new_done", "discarded", OLD),
        ("discarded_shared", "old_failed", "discarded", OLD),
        ("orphan", None, "candidate", OLD),
        ("discarded_young", None, "discarded", RECENT),
        ("candidate_running", "old_running", "candidate", OLD),
    ]
    async with engine.begin() as conn:
        await conn.execute(sa.insert(viewers).values(id=viewer, name="retention"))
        timeline = {"segments": [{"images": [{"asset": {"id": str(asset["discarded_timeline"])}}]}]}
        await conn.execute(
            sa.insert(video_lectures).values(
                id=lecture, owner_id=viewer, title="Old", config={}, timeline=timeline
            )
        )
        for name, status, finished, rerun_of in runs:
            await conn.execute(
                sa.insert(workflow_runs).values(
                    id=run[name],
                    owner_id=viewer,
                    lecture_id=lecture,
                    kind="image",
                    status=status,
                    workflow_state=state.model_dump(mode="json"),
                    version=1,
                    change_cursor=sa.func.nextval("workflow_change_cursor"),
                    input={},
                    rerun_of=rerun_of,
                    triggered_by=viewer,
                    trigger="api",
                    created_at=OLD,
                    started_at=OLD,
                    finished_at=finished,
                    updated_at=finished or OLD,
                    # A live lease: no watchdog takes these seeded runs over.
                    lease_expires_at=datetime.max.replace(tzinfo=UTC),
                )
            )
        for name, run_name, status, age in owned:
            await conn.execute(
                sa.insert(assets).values(
                    id=asset[name],
                    owner_id=viewer,
                    lecture_id=lecture,
                    run_id=run[run_name] if run_name else None,
                    slot=f"slot-{name}",
                    status=status,
                    media_type="image/png",
                    content_hash=name,
                    byte_size=1,
                    storage_key=files[name],
                    details={},
                    created_at=age,
                    decided_at=None if status == "candidate" else age,
                )
            )
        for name, revoked in (("revoked_old", OLD), ("revoked_new", RECENT), ("live_old", None)):
            await conn.execute(
                sa.insert(access_tokens).values(
                    id=token[name],
                    viewer_id=viewer,
                    token_hash=f"hash-{token[name]}",
                    label=name,
                    created_at=OLD,
                    revoked_at=revoked,
                )
            )
    return {**run, **asset, **token}, files


async def test_cleanup_removes_exactly_what_retention_allows(database: Any, tmp_path: Path) -> None:
    storage = LocalBlobStorage(tmp_path)
    seeded, files = await seed(database.engine, storage)
    job = Cleanup(database.engine, storage, batch=2)  # small batches: several transactions
    deleted_before = metrics.RETENTION_DELETED.labels("runs")._value.get()

    planned = await job.plan(LIMIT, now=NOW)
    done = await job.run(LIMIT, now=NOW)

    def mine(found: list[uuid.UUID]) -> set[uuid.UUID]:
        return set(found) & set(seeded.values())

    assert mine(done.runs) == {seeded["old_done"], seeded["old_failed"]}
    assert mine(done.assets) == {
        seeded["discarded_old"],
        seeded["candidate_old"],
        seeded["discarded_shared"],
        seeded["orphan"],
    }
    assert mine(done.tokens) == {seeded["revoked_old"]}
    assert set(files[n] for n in ("discarded_old", "candidate_old", "orphan")) <= set(done.files)
    assert files["current"] not in done.files  # shared with a kept current asset
    # The dry run listed the same set.
    assert (set(planned.runs), set(planned.assets), set(planned.tokens), set(planned.files)) == (
        set(done.runs),
        set(done.assets),
        set(done.tokens),
        set(done.files),
    )
    assert metrics.RETENTION_DELETED.labels("runs")._value.get() == deleted_before + len(done.runs)

    for name in ("discarded_old", "candidate_old", "orphan"):
        assert storage.path(files[name]) is None
    for name in (
        "current",
        "superseded",
        "discarded_timeline",
        "discarded_kept_run",
        "discarded_young",
        "candidate_running",
    ):
        assert storage.path(files[name]) is not None, name
    async with database.engine.connect() as conn:
        kept_runs = set((await conn.execute(sa.select(workflow_runs.c.id))).scalars())
        kept_assets = {
            row.id: row.run_id
            for row in await conn.execute(sa.select(assets.c.id, assets.c.run_id))
        }
        rerun_of = (
            await conn.execute(
                sa.select(workflow_runs.c.rerun_of).where(workflow_runs.c.id == seeded["rerun"])
            )
        ).scalar_one()
    for name in ("old_running", "old_waiting", "new_done", "rerun"):
        assert seeded[name] in kept_runs, name
    for name in (
        "current",
        "superseded",
        "discarded_timeline",
        "discarded_kept_run",
        "discarded_young",
        "candidate_running",
    ):
        assert seeded[name] in kept_assets, name
    assert kept_assets[seeded["current"]] is None  # its run is gone; the asset stays
    assert kept_assets[seeded["candidate_running"]] == seeded["old_running"]
    assert rerun_of is None

    again = await job.run(LIMIT, now=NOW)
    assert not mine(again.runs) and not mine(again.assets) and not mine(again.tokens)


def test_ages_are_spelled_in_days_hours_or_minutes() -> None:
    assert parse_age("30d") == timedelta(days=30)
    assert parse_age("12h") == timedelta(hours=12)
    assert parse_age("7") == timedelta(days=7)
    for bad in ("soon", "-3d", "0d"):
        try:
            parse_age(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
