"""Richer reviews through the real API (GraphQL over HTTP and graphql-transport-ws, the local
runner, PostgreSQL and the asset files): choose one of several image variations, request changes
with feedback for a limited number of rounds, and decisions refused with CONFLICT when the person
was looking at a request that has been re-issued since."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from src.assets.library import AssetStatus
from src.resources import Resources
from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import CHANGES, create_lecture, finished
from tests.test_image_workflow_e2e import until as until_read

RUN = """
query($id: ID!) { run(id: $id) {
  id status version outcome
  steps {
    __typename
    ... on Step {
      summary messages { key text }
      request { id version requestedAt expiresAt changeRoundsLeft }
      decisions { requestId decision feedback choice candidates { id } }
    }
    ... on ImageGenerationStep {
      prompt decision
      candidate { id }
      candidates { id contentHash url }
      review { candidate { id } candidates { id } previous { id } }
    }
  }
} }"""
START = """
mutation($lectureId: ID!, $image: ImageInput!) {
  startRun(input: {lectureId: $lectureId, workflow: {image: $image}}) {
    run { id } userErrors { field message code }
  }
}"""
DECIDE = """
mutation($runId: ID!, $requestId: String!, $decision: Decision!, $feedback: String,
         $choice: ID, $version: Int) {
  resolveHumanRequest(input: {runId: $runId, requestId: $requestId, decision: $decision,
                              feedback: $feedback, choice: $choice, version: $version}) {
    run { id status } userErrors { field message code }
  }
}"""
LECTURE = "query($id: ID!) { lecture(id: $id) { image { id contentHash } } }"


async def read(gql: GraphQLClient, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await gql.execute(RUN, id=run_id))["run"]
    return run


async def until(
    gql: GraphQLClient,
    changes: asyncio.Queue[dict[str, Any]],
    run_id: str,
    predicate: Callable[[dict[str, Any]], bool],
) -> dict[str, Any]:
    """`until` of the image workflow's tests, reading this module's fields."""
    return await until_read(gql, changes, run_id, predicate, query=RUN)


def asks(request_id: str) -> Callable[[dict[str, Any]], bool]:
    """The run waits on request `request_id` (a later round has a later ID)."""

    def check(run: dict[str, Any]) -> bool:
        request = run["steps"][0]["request"]
        return run["status"] == "WAITING_FOR_INPUT" and request["id"] == request_id

    return check


async def decide(gql: GraphQLClient, run_id: str, request_id: str, **given: Any) -> list[Any]:
    data = await gql.execute(DECIDE, runId=run_id, requestId=request_id, **given)
    errors: list[Any] = data["resolveHumanRequest"]["userErrors"]
    return errors


def codes(errors: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in errors]


async def start_image(gql: GraphQLClient, lecture_id: str, **image: Any) -> str:
    data = (await gql.execute(START, lectureId=lecture_id, image=image))["startRun"]
    assert data["userErrors"] == []
    run_id: str = data["run"]["id"]
    return run_id


async def test_four_variations_the_second_is_chosen_the_others_discarded(
    gql: GraphQLClient, resources: Resources
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start_image(gql, lecture_id, prompt="a volcano", variations=4)
        pending = await until(gql, changes, run_id, asks("review-image"))
        step = pending["steps"][0]
        offered = [c["id"] for c in step["review"]["candidates"]]
        assert len(offered) == 4
        assert [c["id"] for c in step["candidates"]] == offered
        assert len({c["contentHash"] for c in step["candidates"]}) == 4  # four different images
        request = step["request"]

        # Refused, nothing changed: no pick among several; a pick that is not a candidate.
        before = await read(gql, run_id)
        assert codes(await decide(gql, run_id, "review-image", decision="ACCEPT")) == [
            ("INVALID_INPUT", ["choice"])
        ]
        stranger = str(uuid.uuid4())
        refused = await decide(gql, run_id, "review-image", decision="ACCEPT", choice=stranger)
        assert codes(refused) == [("INVALID_INPUT", ["choice"])]
        refused = await decide(gql, run_id, "review-image", decision="REJECT", choice=offered[1])
        assert codes(refused) == [("INVALID_INPUT", ["choice"])]
        assert await read(gql, run_id) == before

        chosen = offered[1]
        assert (
            await decide(
                gql,
                run_id,
                "review-image",
                decision="ACCEPT",
                choice=chosen,
                version=request["version"],
            )
            == []
        )
        done = await until(gql, changes, run_id, finished)

    assert done["status"] == "COMPLETED"
    step = done["steps"][0]
    assert step["decision"] == "ACCEPT"
    assert step["candidate"]["id"] == chosen
    assert step["decisions"] == [
        {
            "requestId": "review-image",
            "decision": "ACCEPT",
            "feedback": None,
            "choice": chosen,
            "candidates": [{"id": i} for i in offered],
        }
    ]
    lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    assert lecture["image"]["id"] == chosen
    # The assets table: the chosen one current, the other three discarded; all four files
    # were written, and the chosen one is served.
    for asset_id in offered:
        stored = await resources.assets.get(uuid.UUID(asset_id))
        assert stored is not None
        expected = AssetStatus.CURRENT if asset_id == chosen else AssetStatus.DISCARDED
        assert stored.status is expected
        path = resources.assets.storage.path(stored.storage_key)
        assert path is not None and path.is_file()
    served = next(c for c in step["candidates"] if c["id"] == chosen)
    response = await gql.http.get(served["url"])
    assert response.status_code == 200


async def test_all_variations_rejected_keep_the_image_in_use(
    gql: GraphQLClient, resources: Resources
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        first = await start_image(gql, lecture_id, prompt="a volcano")
        await until(gql, changes, first, asks("review-image"))
        assert await decide(gql, first, "review-image", decision="ACCEPT") == []
        await until(gql, changes, first, finished)
        in_use = (await gql.execute(LECTURE, id=lecture_id))["lecture"]["image"]["id"]

        second = await start_image(gql, lecture_id, prompt="an island", variations=3)
        pending = await until(gql, changes, second, asks("review-image"))
        assert pending["steps"][0]["review"]["previous"]["id"] == in_use
        offered = [c["id"] for c in pending["steps"][0]["candidates"]]
        assert await decide(gql, second, "review-image", decision="REJECT") == []
        done = await until(gql, changes, second, finished)

    assert done["outcome"] == "Image not selected"
    assert (await gql.execute(LECTURE, id=lecture_id))["lecture"]["image"]["id"] == in_use
    for asset_id in offered:
        stored = await resources.assets.get(uuid.UUID(asset_id))
        assert stored is not None and stored.status is AssetStatus.DISCARDED


async def test_variations_outside_one_to_four_are_refused(gql: GraphQLClient) -> None:
    lecture_id = await create_lecture(gql)
    for variations in (0, 5):
        data = await gql.execute(
            START, lectureId=lecture_id, image={"prompt": "x", "variations": variations}
        )
        assert data["startRun"]["run"] is None
        (error,) = data["startRun"]["userErrors"]
        assert error["code"] == "INVALID_INPUT"
        assert error["field"][-1] == "variations"
    runs = await gql.execute(
        "query($id: ID!) { lecture(id: $id) { runs { nodes { id } } } }", id=lecture_id
    )
    assert runs["lecture"]["runs"]["nodes"] == []


async def test_request_changes_regenerates_with_feedback_until_the_rounds_are_used(
    gql: GraphQLClient, resources: Resources
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start_image(gql, lecture_id, prompt="a volcano")
        first = await until(gql, changes, run_id, asks("review-image"))
        request = first["steps"][0]["request"]
        assert request["changeRoundsLeft"] == 2
        requested = datetime.fromisoformat(request["requestedAt"])
        expires = datetime.fromisoformat(request["expiresAt"])
        assert expires - requested == timedelta(seconds=resources.settings.review_limit_seconds)

        # Refused, nothing changed: no feedback, blank feedback, feedback with an accept.
        before = await read(gql, run_id)
        for given in (
            {"decision": "REQUEST_CHANGES"},
            {"decision": "REQUEST_CHANGES", "feedback": "   "},
            {"decision": "ACCEPT", "feedback": "brighter"},
        ):
            assert codes(await decide(gql, run_id, "review-image", **given)) == [
                ("INVALID_INPUT", ["feedback"])
            ]
        assert await read(gql, run_id) == before

        one = first["steps"][0]["candidate"]["id"]
        assert (
            await decide(
                gql, run_id, "review-image", decision="REQUEST_CHANGES", feedback="Make it night"
            )
            == []
        )
        second = await until(gql, changes, run_id, asks("review-image-2"))
        step = second["steps"][0]
        assert step["request"]["changeRoundsLeft"] == 1
        assert step["request"]["version"] == request["version"] + 1
        assert "Make it night" in step["prompt"]
        two = step["candidate"]["id"]
        assert two != one
        assert (
            await decide(
                gql, run_id, "review-image-2", decision="REQUEST_CHANGES", feedback="Add lava"
            )
            == []
        )
        third = await until(gql, changes, run_id, asks("review-image-3"))
        step = third["steps"][0]
        assert step["request"]["changeRoundsLeft"] == 0
        assert "Make it night" in step["prompt"] and "Add lava" in step["prompt"]
        assert [m["text"] for m in step["messages"]] == [
            "Starting image generation",
            "Regenerating with your feedback (2 of 3)",
            "Regenerating with your feedback (3 of 3)",
        ]
        # The rounds are used: only accept or reject remain.
        before = await read(gql, run_id)
        refused = await decide(
            gql, run_id, "review-image-3", decision="REQUEST_CHANGES", feedback="More smoke"
        )
        assert codes(refused) == [("INVALID_INPUT", ["decision"])]
        assert await read(gql, run_id) == before
        three = step["candidate"]["id"]
        assert await decide(gql, run_id, "review-image-3", decision="ACCEPT") == []
        done = await until(gql, changes, run_id, finished)

    assert done["status"] == "COMPLETED"
    step = done["steps"][0]
    assert [
        (d["requestId"], d["decision"], d["feedback"], [c["id"] for c in d["candidates"]])
        for d in step["decisions"]
    ] == [
        ("review-image", "REQUEST_CHANGES", "Make it night", [one]),
        ("review-image-2", "REQUEST_CHANGES", "Add lava", [two]),
        ("review-image-3", "ACCEPT", None, [three]),
    ]
    assert (await gql.execute(LECTURE, id=lecture_id))["lecture"]["image"]["id"] == three
    statuses = []
    for asset_id in (one, two, three):
        stored = await resources.assets.get(uuid.UUID(asset_id))
        assert stored is not None
        statuses.append(stored.status)
    assert statuses == [AssetStatus.DISCARDED, AssetStatus.DISCARDED, AssetStatus.CURRENT]


async def test_a_stale_decision_is_refused_with_conflict_and_changes_nothing(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start_image(gql, lecture_id, prompt="a volcano")
        first = await until(gql, changes, run_id, asks("review-image"))
        seen = first["steps"][0]["request"]["version"]
        # Someone else asks for changes; the request is issued again (round 2).
        assert (
            await decide(
                gql,
                run_id,
                "review-image",
                decision="REQUEST_CHANGES",
                feedback="Warmer colours",
                version=seen,
            )
            == []
        )
        await until(gql, changes, run_id, asks("review-image-2"))
        before = await read(gql, run_id)

        # The first person, still looking at round 1, accepts it: refused.
        stale = await decide(gql, run_id, "review-image", decision="ACCEPT", version=seen)
        assert codes(stale) == [("CONFLICT", ["version"])]
        assert "changed since you opened it" in stale[0]["message"]
        # Nor does round 2 take the version of round 1.
        stale = await decide(gql, run_id, "review-image-2", decision="REJECT", version=seen)
        assert codes(stale) == [("CONFLICT", ["version"])]
        after = await read(gql, run_id)
        assert after == before
        assert after["status"] == "WAITING_FOR_INPUT"

        current = after["steps"][0]["request"]["version"]
        assert current == seen + 1
        ok = await decide(gql, run_id, "review-image-2", decision="ACCEPT", version=current)
        assert ok == []
        done = await until(gql, changes, run_id, finished)
    assert done["status"] == "COMPLETED"
    # Once the run has moved on (finished), the same version is stale too.
    late = await decide(gql, run_id, "review-image-2", decision="ACCEPT", version=current)
    assert codes(late) == [("CONFLICT", ["version"])]
    assert (await read(gql, run_id))["version"] == done["version"]


async def test_request_changes_is_refused_where_the_review_does_not_offer_it(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    data = await gql.execute(
        """mutation($lectureId: ID!) { startRun(input: {lectureId: $lectureId,
           workflow: {fullVideo: {prompt: "A one-minute lecture on volcanoes"}}}) {
           run { id } userErrors { code } } }""",
        lectureId=lecture_id,
    )
    run_id = data["startRun"]["run"]["id"]
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        with_config = await until(gql, changes, run_id, asks("review-configuration"))
    request = next(s["request"] for s in with_config["steps"] if s["request"])
    assert request["changeRoundsLeft"] is None
    assert request["expiresAt"] is not None
    refused = await decide(
        gql, run_id, "review-configuration", decision="REQUEST_CHANGES", feedback="Shorter"
    )
    assert codes(refused) == [("INVALID_INPUT", ["decision"])]
    assert await read(gql, run_id) == with_config
    await gql.execute(
        "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) { userErrors { code } } }",
        runId=run_id,
    )
    await asyncio.sleep(0)


async def test_a_run_can_still_be_cancelled_after_a_request_for_changes(
    gql: GraphQLClient, resources: Resources
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start_image(gql, lecture_id, prompt="a volcano")
        await until(gql, changes, run_id, asks("review-image"))
        asked = {"decision": "REQUEST_CHANGES", "feedback": "Make it night"}
        assert await decide(gql, run_id, "review-image", **asked) == []
        second = await until(gql, changes, run_id, asks("review-image-2"))
        cancelled = await gql.execute(
            "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) "
            "{ run { status } userErrors { code } } }",
            runId=run_id,
        )
    assert cancelled["cancelRun"]["userErrors"] == []
    assert cancelled["cancelRun"]["run"]["status"] == "CANCELLED"
    candidate = second["steps"][0]["candidate"]["id"]
    stored = await resources.assets.get(uuid.UUID(candidate))
    assert stored is not None and stored.status is AssetStatus.DISCARDED
