"""The asset library's guarantees on real PostgreSQL: a candidate becomes current only while it
and its run are live, a step's files are accepted all or none, and whatever a run that never
finished left undecided is discarded when it is marked interrupted."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest
import sqlalchemy as sa

from src.assets import AssetLibrary, AssetRef, LocalBlobStorage
from src.assets.library import CandidateGone
from src.db import Database
from src.db.tables import assets
from src.lectures import LectureRepository
from src.providers import offline_providers
from src.runner.local import LocalRunner
from src.state import RunCancelled, RunStarted, RunStatus, StepStarted
from src.state.events import Event, HumanInputRequested
from src.state.model import HumanRequest
from src.state.store import NewRun, RunRecord, RunStore
from src.steps import get_kind
from src.steps.image import ImageReviewPayload
from src.steps.runtime import Services
from tests.leases import expire_lease


@pytest.fixture
def library(database: Database, tmp_path: Path) -> AssetLibrary:
    return AssetLibrary(database.pool, LocalBlobStorage(tmp_path / "assets"))


async def new_run(database: Database, store: RunStore, kind: str = "image") -> RunRecord:
    lectures = LectureRepository(database.engine)
    owner = uuid.uuid4()
    await lectures.ensure_viewer(owner, "assets")
    lecture = await lectures.create(owner_id=owner, title="Tides")
    now = datetime.now(UTC)
    record = await store.create(
        NewRun(
            id=uuid.uuid4(),
            owner_id=owner,
            lecture_id=lecture.id,
            kind=kind,
            state=get_kind(kind).initial_state(now),
            input={},
            triggered_by=owner,
            trigger="api",
        )
    )
    await store.apply(record.id, [RunStarted(at=now)])
    return record


async def candidate(library: AssetLibrary, run: RunRecord, slot: str, data: bytes) -> AssetRef:
    return await library.add_candidate(
        owner_id=run.owner_id,
        lecture_id=run.lecture_id,
        run_id=run.id,
        slot=slot,
        data=data,
        media_type="image/png",
        details={},
    )


async def statuses(database: Database, ids: Sequence[UUID]) -> list[str]:
    query = sa.select(assets.c.id, assets.c.status).where(assets.c.id.in_(ids))
    async with database.engine.connect() as conn:
        found = {row.id: row.status for row in await conn.execute(query)}
    return [found[i] for i in ids]


async def test_a_candidate_of_a_cancelled_run_is_never_accepted_and_the_old_asset_stays(
    database: Database, run_store: RunStore, library: AssetLibrary
) -> None:
    kept_run = await new_run(database, run_store)
    kept = await library.accept((await candidate(library, kept_run, "cover", b"old")).id)
    run = await new_run(database, run_store)
    other = await library.add_candidate(
        owner_id=run.owner_id,
        lecture_id=kept_run.lecture_id,
        run_id=run.id,
        slot="cover",
        data=b"new",
        media_type="image/png",
        details={},
    )
    await run_store.apply(run.id, [RunCancelled(by="someone", at=datetime.now(UTC))])

    with pytest.raises(CandidateGone) as refused:
        await library.accept(other.id)

    assert refused.value.code == "CONFLICT"
    assert await library.current(kept_run.lecture_id, "cover") == kept
    assert await statuses(database, [other.id]) == ["candidate"]


async def test_accepting_a_step_s_files_is_all_or_none(
    database: Database, run_store: RunStore, library: AssetLibrary
) -> None:
    run = await new_run(database, run_store)
    first = await candidate(library, run, "segment-1-image-1", b"one")
    second = await candidate(library, run, "segment-1-image-2", b"two")
    await library.discard(second.id)

    with pytest.raises(CandidateGone):
        await library.accept_all([first.id, second.id])

    assert await statuses(database, [first.id, second.id]) == ["candidate", "discarded"]
    assert await library.current(run.lecture_id, "segment-1-image-1") is None


async def test_accepting_again_changes_nothing_even_after_a_later_accept_replaced_it(
    database: Database, run_store: RunStore, library: AssetLibrary
) -> None:
    run = await new_run(database, run_store)
    first = await candidate(library, run, "cover", b"first")
    second = await candidate(library, run, "cover", b"second")
    assert await library.accept(first.id) == first
    assert await library.accept(first.id) == first
    await library.accept(second.id)
    assert await library.accept(first.id) == first
    assert await statuses(database, [first.id, second.id]) == ["superseded", "current"]


async def test_a_file_generated_after_its_run_ended_is_stored_discarded(
    database: Database, run_store: RunStore, library: AssetLibrary
) -> None:
    run = await new_run(database, run_store)
    await run_store.apply(run.id, [RunCancelled(by="someone", at=datetime.now(UTC))])
    late = await candidate(library, run, "cover", b"late")
    assert await statuses(database, [late.id]) == ["discarded"]


async def test_a_run_killed_mid_review_leaves_no_candidates_once_marked_interrupted(
    database: Database, run_store: RunStore, library: AssetLibrary
) -> None:
    run = await new_run(database, run_store)
    now = datetime.now(UTC)
    left = await candidate(library, run, "cover", b"left behind")
    review = HumanRequest(
        id="review-image",
        title="Review Image",
        payload=ImageReviewPayload(candidate=left, previous=None),
        requested_at=now,
    )
    events: list[Event] = [
        StepStarted(step="generate_image", summary="Generating image", at=now),
        HumanInputRequested(step="generate_image", request=review, summary="Review", at=now),
    ]
    await run_store.apply(run.id, events)
    assert await statuses(database, [left.id]) == ["candidate"]

    # The killed process's lease, which nobody renews any more.
    await expire_lease(database, run.id)

    # What the next start-up does with the runs a killed process left behind.
    services = Services(
        providers=offline_providers(),
        assets=library,
        lectures=LectureRepository(database.engine),
    )
    assert await LocalRunner(run_store, services).recover() >= 1

    assert (await run_store.require(run.id)).state.status is RunStatus.FAILED
    query = sa.select(sa.func.count()).where(
        assets.c.run_id == run.id, assets.c.status == "candidate"
    )
    async with database.engine.connect() as conn:
        assert (await conn.execute(query)).scalar_one() == 0
    assert await statuses(database, [left.id]) == ["discarded"]
