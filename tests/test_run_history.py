"""Run history: filters, keyset pages, order, caps; workflow-kind discovery; statistics."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from src.db import Database
from src.errors import InvalidInput
from src.lectures import LectureRepository
from src.runs.history import RunFilter, RunHistory, RunOrder
from src.state import (
    MessageAdded,
    RunCancelled,
    RunCompleted,
    RunError,
    RunFailed,
    RunStarted,
    RunStatus,
    StepCompleted,
    StepStarted,
)
from src.state.store import NewRun, RunStore
from src.steps import all_kinds, get_kind
from tests.graphql_client import GraphQLClient, GraphQLError

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


async def make_runs(database: Database, store: RunStore) -> tuple[uuid.UUID, uuid.UUID, list[Any]]:
    """Eight runs for a fresh owner over two lectures, with known outcomes and durations."""
    lectures = LectureRepository(database.engine)
    owner = uuid.uuid4()
    await lectures.ensure_viewer(owner, "history")
    first = await lectures.create(owner_id=owner, title="one")
    second = await lectures.create(owner_id=owner, title="two")
    plan = [  # (lecture, kind, outcome, seconds)
        (first, "image", "completed", 10),
        (first, "image", "completed", 20),
        (first, "image", "failed", 5),
        (first, "full_video", "completed", 100),
        (second, "image", "cancelled", 3),
        (second, "image", "completed", 30),
        (second, "narration", "running", 0),
        (second, "image", "completed", 40),
    ]
    records = []
    for index, (lecture, key, outcome, seconds) in enumerate(plan):
        kind = get_kind(key)
        created = T0 + timedelta(minutes=index)
        record = await store.create(
            NewRun(
                id=uuid.uuid4(),
                owner_id=owner,
                lecture_id=lecture.id,
                kind=key,
                state=kind.initial_state(created),
                input={},
                triggered_by=owner,
                trigger="api",
            )
        )
        step = kind.steps[0].key
        end = created + timedelta(seconds=seconds)
        events: list[Any] = [RunStarted(at=created), StepStarted(step=step, summary="", at=created)]
        if outcome == "completed":
            events += [
                StepCompleted(step=step, summary="", at=end),
                RunCompleted(outcome="", at=end),
            ]
        elif outcome == "failed":
            events += [RunFailed(error=RunError(code="X", message="x"), at=end)]
        elif outcome == "cancelled":
            events += [RunCancelled(by=str(owner), at=end)]
        else:
            events += [MessageAdded(step=step, key="m", text="working", at=end)]
        records.append((await store.apply(record.id, events)).record)
    return owner, first.id, records


async def test_pages_cover_every_run_once_in_either_order(
    database: Database, run_store: RunStore
) -> None:
    owner, _, records = await make_runs(database, run_store)
    history = RunHistory(database.engine)
    for order, expected in [
        (RunOrder.OLDEST_FIRST, [r.id for r in records]),
        (RunOrder.NEWEST_FIRST, [r.id for r in reversed(records)]),
    ]:
        seen, after = [], None
        while True:
            page = await history.page(owner, where=RunFilter(), order=order, first=3, after=after)
            seen += [r.id for r in page.records]
            if not page.has_next_page:
                break
            after = page.cursors[-1]
        assert seen == expected


async def test_filters_by_lecture_kind_and_status(database: Database, run_store: RunStore) -> None:
    owner, lecture_id, records = await make_runs(database, run_store)
    history = RunHistory(database.engine)

    async def ids(where: RunFilter) -> list[uuid.UUID]:
        page = await history.page(
            owner, where=where, order=RunOrder.OLDEST_FIRST, first=100, after=None
        )
        return [r.id for r in page.records]

    assert await ids(RunFilter(lecture_id=lecture_id)) == [r.id for r in records[:4]]
    assert await ids(RunFilter(kinds=("full_video", "narration"))) == [records[3].id, records[6].id]
    completed_images = RunFilter(kinds=("image",), statuses=(RunStatus.COMPLETED,))
    assert await ids(completed_images) == [records[i].id for i in (0, 1, 5, 7)]
    assert await ids(RunFilter(statuses=(RunStatus.RUNNING,))) == [records[6].id]
    stranger = await history.page(
        uuid.uuid4(), where=RunFilter(), order=RunOrder.OLDEST_FIRST, first=10, after=None
    )
    assert stranger.records == []


@pytest.mark.parametrize(("first", "after"), [(0, None), (101, None), (5, "not-a-cursor")])
async def test_page_size_is_capped_and_cursors_are_checked(
    database: Database, first: int, after: str | None
) -> None:
    history = RunHistory(database.engine)
    with pytest.raises(InvalidInput):
        await history.page(
            uuid.uuid4(), where=RunFilter(), order=RunOrder.OLDEST_FIRST, first=first, after=after
        )


async def test_statistics_count_outcomes_and_time_completed_runs(
    database: Database, run_store: RunStore
) -> None:
    owner, _, _ = await make_runs(database, run_store)
    stats = await RunHistory(database.engine).statistics(
        owner, since=T0, until=T0 + timedelta(hours=1)
    )
    by_kind = {s.kind: s for s in stats}
    image = by_kind["image"]
    assert (image.started, image.completed, image.failed, image.cancelled) == (6, 4, 1, 1)
    assert image.success_rate == pytest.approx(4 / 6)
    assert image.median_duration_seconds == pytest.approx(25.0)  # of 10, 20, 30, 40
    assert image.p95_duration_seconds == pytest.approx(38.5)
    assert by_kind["full_video"].median_duration_seconds == pytest.approx(100.0)
    narration = by_kind["narration"]
    assert (narration.started, narration.completed) == (1, 0)
    assert narration.success_rate is None
    assert narration.median_duration_seconds is None
    later = await RunHistory(database.engine).statistics(
        owner, since=T0 + timedelta(hours=1), until=T0 + timedelta(hours=2)
    )
    assert later == []


async def test_workflow_kinds_are_discoverable_with_steps_and_input(gql: GraphQLClient) -> None:
    data = await gql.execute(
        "{ workflowKinds { key title steps { key title } inputType inputSchema "
        "startableFromPrompt } }"
    )
    kinds = {k["key"]: k for k in data["workflowKinds"]}
    assert set(kinds) == {k.key for k in all_kinds()}
    assert {"full_video", "image", "narration", "background_score", "subtitles"} <= set(kinds)
    video = kinds["full_video"]
    assert video["title"] == "Generating Full Video"
    assert [s["title"] for s in video["steps"]] == [
        "Configuration",
        "Script",
        "Segment images",
        "Narration audio",
        "Background score",
        "Timeline",
    ]
    assert video["inputType"] == "FullVideoInput"
    assert video["inputSchema"]["required"] == ["prompt"]
    assert all(k["startableFromPrompt"] for k in kinds.values())


async def test_runs_query_pages_with_cursors_and_refuses_oversized_pages(
    gql: GraphQLClient,
) -> None:
    query = """query($first: Int!, $after: String) { runs(first: $first, after: $after,
        filter: {kinds: ["image"]}) {
          edges { cursor node { id kind } } pageInfo { hasNextPage endCursor } } }"""
    page = (await gql.execute(query, first=1))["runs"]
    assert len(page["edges"]) <= 1
    if page["pageInfo"]["hasNextPage"]:
        following = (await gql.execute(query, first=1, after=page["pageInfo"]["endCursor"]))["runs"]
        assert following["edges"][0]["node"]["id"] != page["edges"][0]["node"]["id"]
    with pytest.raises(GraphQLError, match="first is 1 to 100"):
        await gql.execute(query, first=1000)
    stats = await gql.execute("{ runStatistics { kind started successRate } }")
    assert isinstance(stats["runStatistics"], list)
