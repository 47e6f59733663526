"""Fixtures for the store and change-feed tests: fresh owners, lectures and runs per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import pytest

from src.db import Database, open_database
from src.lectures.repository import LectureRepository
from src.state import RunState
from src.state.store import NewRun, RunRecord, RunStore
from tests.state.builders import MakeRun, running_run


@pytest.fixture
async def own_database(database_url: str) -> AsyncIterator[Database]:
    """Pools (and write lanes) of this test's own on the session's database: another server
    process, or counts that start at zero."""
    database = await open_database(database_url, pool_size=4, read_pool_size=1)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def lectures(database: Database) -> LectureRepository:
    return LectureRepository(database.engine)


@pytest.fixture
def new_run(lectures: LectureRepository, run_store: RunStore) -> MakeRun:
    """Create a run; without `owner_id`/`lecture_id` it gets a fresh owner and lecture."""

    async def make(
        state: RunState | None = None,
        *,
        owner_id: UUID | None = None,
        lecture_id: UUID | None = None,
    ) -> RunRecord:
        owner_id = owner_id or uuid4()
        await lectures.ensure_viewer(owner_id, "tester")
        if lecture_id is None:
            lecture_id = (await lectures.create(owner_id=owner_id, title="A lecture")).id
        return await run_store.create(
            NewRun(
                id=uuid4(),
                owner_id=owner_id,
                lecture_id=lecture_id,
                kind="test_kind",
                state=state or running_run(),
                input={},
                triggered_by=owner_id,
                trigger="test",
            )
        )

    return make
