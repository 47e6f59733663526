"""A restart never leaves a run "running": the local runner marks what it lost as interrupted."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from src.db import Database, open_database
from src.db.scratch import scratch_database
from src.lectures import LectureRepository
from src.runner.local import LocalRunner
from src.state import MessageAdded, RunStarted, RunStatus, StepStarted
from src.state.store import NewRun, RunStore
from src.steps import get_kind
from tests.leases import expire_lease


async def test_runs_left_running_by_a_dead_process_are_marked_interrupted_and_rerunnable(
    database_url: str, resources: object
) -> None:
    # A database of its own: on the session's, the session server's runner finds the expired
    # lease too and may mark the run lost before `recover()` looks (CI saw it once).
    async with scratch_database(database_url, "recovery") as url:
        database = await open_database(url, pool_size=4, read_pool_size=1)
        try:
            await _recover_a_dead_process_s_run(database, RunStore(database), resources)
        finally:
            await database.close()


async def _recover_a_dead_process_s_run(
    database: Database, run_store: RunStore, resources: object
) -> None:
    lectures = LectureRepository(database.engine)
    owner = uuid.uuid4()
    await lectures.ensure_viewer(owner, "recovery")
    lecture = await lectures.create(owner_id=owner, title="orphaned")
    kind = get_kind("image")
    now = datetime.now(UTC)
    record = await run_store.create(
        NewRun(
            id=uuid.uuid4(),
            owner_id=owner,
            lecture_id=lecture.id,
            kind=kind.key,
            state=kind.initial_state(now),
            input={},
            triggered_by=owner,
            trigger="api",
        )
    )
    # What a process that died mid-step leaves behind.
    await run_store.apply(
        record.id,
        [
            RunStarted(at=now),
            StepStarted(step="generate_image", summary="Generating image", at=now),
            MessageAdded(
                step="generate_image", key="start", text="Starting image generation", at=now
            ),
        ],
    )

    # ... and its lease, which nobody renews any more.
    await expire_lease(database, record.id)

    restarted = LocalRunner(run_store, resources.runner._services)  # type: ignore[attr-defined]
    assert await restarted.recover() >= 1

    after = await run_store.require(record.id)
    assert after.state.status is RunStatus.FAILED
    assert after.state.error is not None and after.state.error.code == "INTERRUPTED"
    assert after.state.steps[0].messages[-1].text.startswith("The server restarted")
    assert await restarted.recover() == 0 or all(
        r.id != record.id for r in await run_store.unfinished()
    )
