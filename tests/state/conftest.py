"""Fixtures for the store and change-feed tests: fresh owners, lectures and runs per test."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from src.db import Database
from src.lectures.repository import LectureRepository
from src.state import RunState
from src.state.store import NewRun, RunRecord, RunStore
from tests.state.builders import MakeRun, running_run


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
