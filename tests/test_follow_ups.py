"""One re-run or resume at a time per run: a double click, or the same button in two tabs, starts
one new run, proven with many truly concurrent requests over the real GraphQL API on real
PostgreSQL (the rule is a partial unique index, so it holds across processes too)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from strawberry import relay

from src.db.database import MIGRATIONS_DIR, open_database, sqlalchemy_url
from src.db.scratch import scratch_database
from src.resources import Resources
from src.runs.follow_ups import OPEN_FOLLOW_UP_INDEX, FollowUpTaken, create_follow_up
from src.state.model import RunStatus
from src.state.store import NewRun, RunStore
from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import (
    CANCEL,
    CHANGES,
    awaiting_review,
    create_lecture,
    finished,
    start,
    until,
)

CLICKS = 24
"""Concurrent requests per test: as many tabs and double clicks as a person could make."""
TABS = 4

RERUN = """
mutation($runId: ID!) { rerunRun(input: {runId: $runId}) {
  run { id trigger rerunOf { id } retryOf { id } } userErrors { code message field }
} }"""
RETRY = """
mutation($runId: ID!) { retryRun(input: {runId: $runId}) {
  run { id trigger rerunOf { id } retryOf { id } } userErrors { code message field }
} }"""


async def a_cancelled_image_run(gql: GraphQLClient) -> tuple[str, str]:
    """(lecture ID, run ID) of an Image run cancelled at its review: re-runnable and
    resumable, and whose follow-ups wait at their own review (they stay unfinished)."""
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start(gql, lecture_id, "a basalt column at sunset")
        await until(gql, changes, run_id, awaiting_review)
        await gql.execute(CANCEL, runId=run_id)
        await until(gql, changes, run_id, finished)
    return lecture_id, run_id


async def clicks(server: str, *requests: tuple[str, str]) -> list[dict[str, Any]]:
    """Every (mutation, run ID) sent at once, spread over `TABS` clients with their own
    connections; the payloads in the order given."""
    tabs = [GraphQLClient(server) for _ in range(TABS)]
    try:
        answers = await asyncio.gather(
            *(
                tabs[i % TABS].execute(mutation, runId=run_id)
                for i, (mutation, run_id) in enumerate(requests)
            )
        )
    finally:
        for tab in tabs:
            await tab.close()
    return [next(iter(answer.values())) for answer in answers]


def node_uuid(global_id: str) -> uuid.UUID:
    return uuid.UUID(relay.GlobalID.from_id(global_id).node_id)


async def follow_ups_of(resources: Resources, run_id: str) -> list[tuple[str, str]]:
    """(status, trigger) of every run whose `rerun_of` is `run_id`, read from the table."""
    async with resources.database.pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT status, trigger FROM workflow_runs WHERE rerun_of = $1 ORDER BY created_at",
            node_uuid(run_id),
        )
    return [(row["status"], row["trigger"]) for row in rows]


async def test_concurrent_reruns_of_one_run_start_one_run_and_all_get_it(
    gql: GraphQLClient, server: str, resources: Resources
) -> None:
    _, run_id = await a_cancelled_image_run(gql)

    answers = await clicks(server, *[(RERUN, run_id)] * CLICKS)

    assert all(answer["userErrors"] == [] for answer in answers)
    (new_id,) = {answer["run"]["id"] for answer in answers}
    assert answers[0]["run"] == {
        "id": new_id,
        "trigger": "rerun",
        "rerunOf": {"id": run_id},
        "retryOf": None,
    }
    assert [trigger for _, trigger in await follow_ups_of(resources, run_id)] == ["rerun"]


async def test_concurrent_resumes_of_one_run_start_one_run_and_all_get_it(
    gql: GraphQLClient, server: str, resources: Resources
) -> None:
    _, run_id = await a_cancelled_image_run(gql)

    answers = await clicks(server, *[(RETRY, run_id)] * CLICKS)

    assert all(answer["userErrors"] == [] for answer in answers)
    (new_id,) = {answer["run"]["id"] for answer in answers}
    assert answers[0]["run"]["retryOf"] == {"id": run_id}
    assert [trigger for _, trigger in await follow_ups_of(resources, run_id)] == ["retry"]
    assert new_id != run_id


async def test_a_resume_racing_a_rerun_starts_one_of_them_and_refuses_the_other_kind(
    gql: GraphQLClient, server: str, resources: Resources
) -> None:
    _, run_id = await a_cancelled_image_run(gql)

    answers = await clicks(server, *[(RERUN, run_id), (RETRY, run_id)] * (CLICKS // 2))

    ((_, winner),) = await follow_ups_of(resources, run_id)
    started = {answer["run"]["id"] for answer in answers if answer["run"] is not None}
    assert len(started) == 1
    loser = "retry" if winner == "rerun" else "rerun"
    refusals = Counter(
        (error["code"], error["message"]) for answer in answers for error in answer["userErrors"]
    )
    already = "resumed" if winner == "retry" else "re-run"
    then = "resume this one" if loser == "retry" else "re-run this one"
    assert refusals == {
        (
            "CONFLICT",
            f"This run is already being {already}, and that run has not finished. "
            f"Cancel that run, or wait until it finishes, to {then}.",
        ): CLICKS // 2
    }
    assert all(
        answer["run"]["trigger"] == winner for answer in answers if answer["run"] is not None
    )


async def test_once_the_rerun_finished_the_run_can_be_rerun_again(
    gql: GraphQLClient, server: str, resources: Resources
) -> None:
    lecture_id, run_id = await a_cancelled_image_run(gql)
    first = (await gql.execute(RERUN, runId=run_id))["rerunRun"]["run"]["id"]
    assert (await gql.execute(RERUN, runId=run_id))["rerunRun"]["run"]["id"] == first
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await until(gql, changes, first, awaiting_review)
        await gql.execute(CANCEL, runId=first)
        await until(gql, changes, first, finished)

    # On purpose, a second time: a new run, and again only one however many clicks.
    answers = await clicks(server, *[(RERUN, run_id)] * CLICKS)

    (second,) = {answer["run"]["id"] for answer in answers}
    assert second != first
    assert await follow_ups_of(resources, run_id) == [
        ("cancelled", "rerun"),
        (await status_of(resources, second), "rerun"),
    ]


async def status_of(resources: Resources, run_id: str) -> str:
    record = await resources.store.require(node_uuid(run_id))
    return record.state.status.value


async def test_the_database_refuses_a_second_unfinished_follow_up_whoever_writes_it(
    gql: GraphQLClient, resources: Resources
) -> None:
    """The rule is the table's, not the service's: two writes past every check still make one."""
    _, run_id = await a_cancelled_image_run(gql)
    source = await resources.store.require(node_uuid(run_id))

    def follow_up() -> NewRun:
        return NewRun(
            id=uuid.uuid4(),
            owner_id=source.owner_id,
            lecture_id=source.lecture_id,
            kind=source.kind,
            state=source.state.model_copy(update={"status": RunStatus.QUEUED}),
            input=source.input,
            triggered_by=source.owner_id,
            trigger="rerun",
            rerun_of=source.id,
        )

    store: RunStore = resources.store
    made = await asyncio.gather(
        *(create_follow_up(store, follow_up()) for _ in range(8)), return_exceptions=True
    )
    assert sum(not isinstance(outcome, BaseException) for outcome in made) == 1
    assert all(isinstance(o, FollowUpTaken) for o in made if isinstance(o, BaseException))
    with pytest.raises(asyncpg.UniqueViolationError):
        await store.create(follow_up())
    assert [status for status, _ in await follow_ups_of(resources, run_id)] == ["queued"]


def _migrate(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def test_the_migration_keeps_the_earliest_of_unfinished_duplicates_linked(
    database_url: str,
) -> None:
    """Duplicates made before the rule existed: the upgrade keeps every run, links the
    earliest unfinished follow-up, unlinks the later ones and leaves finished ones alone."""
    async with scratch_database(database_url, "agent_progress_follow_ups") as url:
        engine = create_async_engine(sqlalchemy_url(url))
        async with engine.begin() as conn:
            await conn.run_sync(_migrate, "0003")
        source, owner, lecture = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        runs = {name: uuid.uuid4() for name in ("earliest", "later", "latest", "finished")}
        async with engine.begin() as conn:
            await conn.execute(
                sa.text("INSERT INTO viewers (id, name) VALUES (:id, 'Ada')"), {"id": owner}
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO video_lectures (id, owner_id, title, config) "
                    "VALUES (:id, :owner, 'Tides', '{}')"
                ),
                {"id": lecture, "owner": owner},
            )
            rows = [
                (source, None, "failed", 0),
                (runs["finished"], source, "completed", 1),
                (runs["earliest"], source, "running", 2),
                (runs["later"], source, "queued", 3),
                (runs["latest"], source, "waiting_for_input", 4),
            ]
            for run_id, rerun_of, status, second in rows:
                await conn.execute(
                    sa.text(
                        "INSERT INTO workflow_runs (id, owner_id, lecture_id, kind, status, "
                        "workflow_state, version, change_cursor, input, rerun_of, triggered_by, "
                        "trigger, created_at, updated_at) VALUES (:id, :owner, :lecture, "
                        "'image', :status, '{}', 1, nextval('workflow_change_cursor'), '{}', "
                        ":rerun_of, :owner, 'rerun', :at, :at)"
                    ),
                    {
                        "id": run_id,
                        "owner": owner,
                        "lecture": lecture,
                        "status": status,
                        "rerun_of": rerun_of,
                        "at": datetime(2026, 11, 1, 12, 0, second, tzinfo=UTC),
                    },
                )
        await engine.dispose()

        database = await open_database(url)  # upgrades to head, as a server start does
        try:
            async with database.pool.acquire() as conn:
                links = dict(await conn.fetch("SELECT id, rerun_of FROM workflow_runs"))
                index = await conn.fetchval(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = $1", OPEN_FOLLOW_UP_INDEX
                )
        finally:
            await database.close()
    assert links == {
        source: None,
        runs["finished"]: source,
        runs["earliest"]: source,
        runs["later"]: None,
        runs["latest"]: None,
    }
    assert "UNIQUE INDEX" in index and "(rerun_of)" in index and "waiting_for_input" in index
