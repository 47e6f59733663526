"""Races around human decisions, over the real GraphQL API: exactly one of a racing decide and
cancel wins, simultaneous accepts on one slot all complete (the last one wins the slot), and the
lecture's current asset always matches the winning decision."""

from __future__ import annotations

import asyncio
import base64
import random
import uuid
from collections import Counter
from typing import Any

import sqlalchemy as sa

from src.db import Database
from src.db.tables import assets
from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import CANCEL, DECIDE, create_lecture

START = """
mutation($lectureId: ID!, $prompt: String!) {
  startRun(input: {lectureId: $lectureId, workflow: {image: {prompt: $prompt}}}) {
    run { id } userErrors { field message code }
  }
}"""
READ = """
query($ids: [ID!]!) { nodes(ids: $ids) { ... on WorkflowRun {
  id status error { code message }
  steps { ... on ImageGenerationStep { decision candidate { id } } }
} } }"""
IMAGE = "query($id: ID!) { lecture(id: $id) { image { id } } }"
REFUSALS = {"NOT_PENDING", "ALREADY_FINISHED", "CONFLICT"}
"""The typed refusals a losing decide or cancel may get; anything else is a defect."""


def run_uuid(global_id: str) -> uuid.UUID:
    return uuid.UUID(base64.b64decode(global_id).decode().split(":", 1)[1])


async def read_runs(gql: GraphQLClient, run_ids: list[str]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await gql.execute(READ, ids=run_ids))["nodes"]
    return nodes


async def wait_for(
    gql: GraphQLClient, run_ids: list[str], statuses: set[str]
) -> list[dict[str, Any]]:
    """Poll until every run has one of `statuses` (a bounded wait, not a timing assertion)."""

    async def poll() -> list[dict[str, Any]]:
        while True:
            runs = await read_runs(gql, run_ids)
            if all(r["status"] in statuses for r in runs):
                return runs
            await asyncio.sleep(0.1)

    return await asyncio.wait_for(poll(), timeout=120)


async def start_waiting_runs(gql: GraphQLClient, lecture_ids: list[str]) -> list[str]:
    run_ids = []
    for n, lecture_id in enumerate(lecture_ids):
        data = (await gql.execute(START, lectureId=lecture_id, prompt=f"volcano {n}"))["startRun"]
        assert data["userErrors"] == []
        run_ids.append(data["run"]["id"])
    await wait_for(gql, run_ids, {"WAITING_FOR_INPUT"})
    return run_ids


async def call(gql: GraphQLClient, action: str, run_id: str) -> tuple[str, str | None]:
    """One decide or cancel; returns the action and its refusal code (None: acknowledged)."""
    if action == "CANCEL":
        payload = (await gql.execute(CANCEL, runId=run_id))["cancelRun"]
    else:
        data = await gql.execute(DECIDE, runId=run_id, requestId="review-image", decision=action)
        payload = data["resolveHumanRequest"]
    errors = payload["userErrors"]
    return action, errors[0]["code"] if errors else None


async def candidate_statuses(database: Database, run_id: str) -> list[str]:
    query = sa.select(assets.c.status).where(assets.c.run_id == run_uuid(run_id))
    async with database.engine.connect() as conn:
        return [row.status for row in await conn.execute(query)]


async def check_outcome(
    gql: GraphQLClient,
    database: Database,
    lecture_id: str,
    run: dict[str, Any],
    winner: str,
    previous: str | None,
) -> None:
    """The run's end and the lecture's current image follow the one acknowledged call."""
    step = run["steps"][0]
    current = (await gql.execute(IMAGE, id=lecture_id))["lecture"]["image"]
    current_id = None if current is None else current["id"]
    statuses = await candidate_statuses(database, run["id"])
    if winner == "ACCEPT":
        assert (run["status"], step["decision"]) == ("COMPLETED", "ACCEPT"), run
        assert current_id == step["candidate"]["id"]
        assert statuses == ["current"]
    else:
        expected = "COMPLETED" if winner == "REJECT" else "CANCELLED"
        assert run["status"] == expected, run
        assert current_id == previous, f"{winner} won, yet the candidate became current"
        assert statuses == ["discarded"]


async def test_cancel_racing_accept_has_exactly_one_winner_and_the_image_follows_it(
    gql: GraphQLClient, database: Database
) -> None:
    lecture_ids = [await create_lecture(gql) for _ in range(20)]
    run_ids = await start_waiting_runs(gql, lecture_ids)

    async def race(run_id: str) -> list[tuple[str, str | None]]:
        pair = [call(gql, "ACCEPT", run_id), call(gql, "CANCEL", run_id)]
        random.shuffle(pair)
        return list(await asyncio.gather(*pair))

    results = await asyncio.gather(*(race(r) for r in run_ids))
    runs = await wait_for(gql, run_ids, {"COMPLETED", "CANCELLED", "FAILED"})
    for lecture_id, run, answers in zip(lecture_ids, runs, results, strict=True):
        winners = [action for action, refused in answers if refused is None]
        assert len(winners) == 1, f"both acknowledged: {answers}"
        assert {refused for _, refused in answers if refused} <= REFUSALS
        await check_outcome(gql, database, lecture_id, run, winners[0], previous=None)


async def test_fifty_mixed_decide_and_cancel_calls_on_each_of_twenty_runs_settle_on_one_outcome(
    gql: GraphQLClient, database: Database
) -> None:
    rng = random.Random(8)
    lecture_ids = [await create_lecture(gql) for _ in range(20)]
    # Half the lectures already have an image in use, which a losing accept must not replace.
    previous: dict[str, str | None] = {}
    first_runs = await start_waiting_runs(gql, lecture_ids[:10])
    for run_id in first_runs:
        await gql.execute(DECIDE, runId=run_id, requestId="review-image", decision="ACCEPT")
    await wait_for(gql, first_runs, {"COMPLETED"})
    for lecture_id in lecture_ids:
        image = (await gql.execute(IMAGE, id=lecture_id))["lecture"]["image"]
        previous[lecture_id] = None if image is None else image["id"]
    assert sum(p is not None for p in previous.values()) == 10

    run_ids = await start_waiting_runs(gql, lecture_ids)
    plans = {r: [rng.choice(["ACCEPT", "REJECT", "CANCEL"]) for _ in range(50)] for r in run_ids}
    calls = [call(gql, action, r) for r, plan in plans.items() for action in plan]
    order = list(range(len(calls)))
    rng.shuffle(order)
    answers = await asyncio.gather(*(calls[i] for i in order))
    by_run: dict[str, list[tuple[str, str | None]]] = {r: [] for r in run_ids}
    flat = [(r, action) for r, plan in plans.items() for action in plan]
    for i, answer in zip(order, answers, strict=True):
        by_run[flat[i][0]].append(answer)

    runs = await wait_for(gql, run_ids, {"COMPLETED", "CANCELLED", "FAILED"})
    winners_seen: Counter[str] = Counter()
    for lecture_id, run in zip(lecture_ids, runs, strict=True):
        results = by_run[run["id"]]
        assert len(results) == 50
        winners = [action for action, refused in results if refused is None]
        assert len(winners) == 1, f"{len(winners)} calls acknowledged on one run: {winners}"
        assert {refused for _, refused in results if refused} <= REFUSALS
        winners_seen[winners[0]] += 1
        await check_outcome(gql, database, lecture_id, run, winners[0], previous[lecture_id])
    print(f"winning calls over 20 runs: {dict(winners_seen)}")


async def test_ten_simultaneous_accepts_on_one_slot_all_complete_and_the_last_one_wins(
    gql: GraphQLClient, database: Database
) -> None:
    lecture_id = await create_lecture(gql)
    run_ids = await start_waiting_runs(gql, [lecture_id] * 10)

    answers = await asyncio.gather(*(call(gql, "ACCEPT", r) for r in run_ids))
    assert [refused for _, refused in answers] == [None] * 10

    runs = await wait_for(gql, run_ids, {"COMPLETED", "CANCELLED", "FAILED"})
    assert [(r["status"], r["error"]) for r in runs] == [("COMPLETED", None)] * 10
    candidates = {r["steps"][0]["candidate"]["id"] for r in runs}
    current = (await gql.execute(IMAGE, id=lecture_id))["lecture"]["image"]
    assert current is not None and current["id"] in candidates

    query = (
        sa.select(assets.c.id, assets.c.status, assets.c.decided_at)
        .where(assets.c.run_id.in_([run_uuid(r) for r in run_ids]))
        .order_by(assets.c.decided_at)
    )
    async with database.engine.connect() as conn:
        rows = list(await conn.execute(query))
    # Accepts were applied one at a time: the latest one is current, each earlier one was
    # superseded by the next.
    assert [row.status for row in rows] == ["superseded"] * 9 + ["current"]
    assert str(rows[-1].id) == current["id"]
    assert len({row.decided_at for row in rows}) == 10


VERSIONED = """
mutation($runId: ID!, $decision: Decision!, $feedback: String, $version: Int) {
  resolveHumanRequest(input: {runId: $runId, requestId: "review-image", decision: $decision,
                              feedback: $feedback, version: $version}) {
    userErrors { code field }
  }
}"""
ROUNDS = """query($id: ID!) { run(id: $id) { status steps { ... on Step {
  request { id version } decisions { requestId decision } } } } }"""


async def test_two_people_deciding_on_the_same_version_one_lands_the_other_gets_conflict(
    gql: GraphQLClient,
) -> None:
    """Accept and request changes sent at once, both on version 1 of the review: the version
    check is part of the same guarded write, so exactly one lands and the other is refused
    with CONFLICT — never both, never a request for changes on a review already accepted."""
    lecture_ids = [await create_lecture(gql) for _ in range(6)]
    run_ids = await start_waiting_runs(gql, lecture_ids)

    async def send(run_id: str, decision: str) -> tuple[str, str | None]:
        feedback = "Brighter" if decision == "REQUEST_CHANGES" else None
        data = await gql.execute(
            VERSIONED, runId=run_id, decision=decision, feedback=feedback, version=1
        )
        errors = data["resolveHumanRequest"]["userErrors"]
        return decision, errors[0]["code"] if errors else None

    for run_id in run_ids:
        pair = ["ACCEPT", "REQUEST_CHANGES"]
        random.shuffle(pair)
        outcomes = await asyncio.gather(*(send(run_id, d) for d in pair))
        landed = [d for d, refused in outcomes if refused is None]
        assert len(landed) == 1, outcomes
        assert [refused for _, refused in outcomes if refused is not None] == ["CONFLICT"]
        run = (await gql.execute(ROUNDS, id=run_id))["run"]
        decisions = run["steps"][0]["decisions"]
        assert [d["decision"] for d in decisions] == landed
    # Whoever won, the run carries out that one decision.
    for run_id in run_ids:
        run = (await gql.execute(ROUNDS, id=run_id))["run"]
        if run["steps"][0]["decisions"][0]["decision"] == "ACCEPT":
            assert run["status"] in {"RUNNING", "COMPLETED"}
        else:
            assert run["status"] in {"RUNNING", "WAITING_FOR_INPUT"}
            assert len(run["steps"][0]["decisions"]) == 1
