"""The Image workflow through every layer: GraphQL over HTTP and graphql-transport-ws, the local
runner, the offline image model, PostgreSQL and the asset files."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from typing import Any

from tests.graphql_client import GraphQLClient

RUN_FIELDS = """
  id title status currentStep totalSteps canCancel canRerun outcome version
  rerunOf { id }
  error { code message }
  steps {
    __typename
    ... on Step { number total title status summary messages { key text level } request { id title } }
    ... on ImageGenerationStep {
      decision
      candidate { url contentHash width height mediaType }
      review { candidate { url } previous { url } }
    }
  }
"""
RUN = f"query($id: ID!) {{ run(id: $id) {{ {RUN_FIELDS} }} }}"
CHANGES = "subscription($lectureId: ID) { runChanges(lectureId: $lectureId) { runIds cursor } }"
START = f"""
mutation($lectureId: ID!, $prompt: String!) {{
  startRun(input: {{lectureId: $lectureId, workflow: {{image: {{prompt: $prompt}}}}}}) {{
    run {{ {RUN_FIELDS} }} userErrors {{ field message code }}
  }}
}}"""
DECIDE = """
mutation($runId: ID!, $requestId: String!, $decision: Decision!) {
  resolveHumanRequest(input: {runId: $runId, requestId: $requestId, decision: $decision}) {
    run { id status } userErrors { field message code }
  }
}"""
CANCEL = "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) { run { id status } userErrors { code message } } }"
RERUN = "mutation($runId: ID!) { rerunRun(input: {runId: $runId}) { run { id rerunOf { id } } userErrors { code message } } }"
LECTURE = """query($id: ID!) { lecture(id: $id) { image { id url contentHash } runs { nodes { id title status } } } }"""


async def create_lecture(gql: GraphQLClient) -> str:
    data = await gql.execute(
        'mutation { createLecture(input: {title: "Volcanoes", prompt: "How volcanoes form"}) '
        "{ lecture { id } userErrors { code } } }"
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def until(
    gql: GraphQLClient,
    changes: asyncio.Queue[dict[str, Any]],
    run_id: str,
    predicate: Callable[[dict[str, Any]], bool],
    *,
    query: str = RUN,
) -> dict[str, Any]:
    """Read the run (with `query`'s fields) each time the subscription names it, until
    `predicate` holds."""

    async def loop() -> dict[str, Any]:
        while True:
            batch = await changes.get()
            if run_id in batch["runChanges"]["runIds"]:
                run: dict[str, Any] = (await gql.execute(query, id=run_id))["run"]
                if predicate(run):
                    return run

    return await asyncio.wait_for(loop(), timeout=20)


def awaiting_review(run: dict[str, Any]) -> bool:
    return run["status"] == "WAITING_FOR_INPUT"


def finished(run: dict[str, Any]) -> bool:
    return run["status"] in {"COMPLETED", "FAILED", "CANCELLED"}


def texts(run: dict[str, Any]) -> list[str]:
    return [m["text"] for m in run["steps"][0]["messages"]]


async def start(gql: GraphQLClient, lecture_id: str, prompt: str) -> str:
    data = (await gql.execute(START, lectureId=lecture_id, prompt=prompt))["startRun"]
    assert data["userErrors"] == []
    run_id: str = data["run"]["id"]
    return run_id


async def test_image_review_accept_reject_keeps_previous_image_and_busts_cache(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        first = await start(gql, lecture_id, "a red volcano at dawn")
        pending = await until(gql, changes, first, awaiting_review)
        assert pending["title"] == "Generating Image"
        assert (pending["currentStep"], pending["totalSteps"]) == (1, 1)
        step = pending["steps"][0]
        assert step["__typename"] == "ImageGenerationStep"
        assert texts(pending) == ["Starting image generation"]
        assert step["request"] == {"id": "review-image", "title": "Review Image"}
        assert step["summary"] == "Image Ready for Review"
        assert step["review"]["previous"] is None
        first_url = step["candidate"]["url"]

        decided = await gql.execute(
            DECIDE, runId=first, requestId="review-image", decision="ACCEPT"
        )
        assert decided["resolveHumanRequest"]["userErrors"] == []
        done = await until(gql, changes, first, finished)
        assert done["status"] == "COMPLETED"
        assert done["steps"][0]["request"] is None
        assert texts(done) == [
            "Starting image generation",
            "The image is now saved and will be used in video",
        ]
        lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
        assert lecture["image"]["url"] == first_url

        # A rejected candidate is discarded and the image in use stays.
        second = await start(gql, lecture_id, "a blue volcano at night")
        pending = await until(gql, changes, second, awaiting_review)
        assert pending["steps"][0]["review"]["previous"]["url"] == first_url
        await gql.execute(DECIDE, runId=second, requestId="review-image", decision="REJECT")
        done = await until(gql, changes, second, finished)
        assert texts(done)[-1] == "The image is not selected. You can try another generation"
        assert done["steps"][0]["decision"] == "REJECT"
        lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
        assert lecture["image"]["url"] == first_url

        # Accepting a new image makes it current under a new, cache-busting URL.
        third = await start(gql, lecture_id, "a green volcano at noon")
        pending = await until(gql, changes, third, awaiting_review)
        await gql.execute(DECIDE, runId=third, requestId="review-image", decision="ACCEPT")
        await until(gql, changes, third, finished)
        lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
        assert lecture["image"]["url"] != first_url
        assert [r["id"] for r in lecture["runs"]["nodes"]] == [first, second, third]

    response = await gql.http.get(lecture["image"]["url"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert hashlib.sha256(response.content).hexdigest() == lecture["image"]["contentHash"]
    assert "immutable" in response.headers["cache-control"]


async def test_decision_on_a_decided_request_is_refused_and_changes_nothing(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start(gql, lecture_id, "a volcano")
        await until(gql, changes, run_id, awaiting_review)
        wrong = await gql.execute(DECIDE, runId=run_id, requestId="no-such", decision="ACCEPT")
        assert wrong["resolveHumanRequest"]["userErrors"][0]["code"] == "NOT_PENDING"
        await gql.execute(DECIDE, runId=run_id, requestId="review-image", decision="REJECT")
        done = await until(gql, changes, run_id, finished)
    again = await gql.execute(DECIDE, runId=run_id, requestId="review-image", decision="ACCEPT")
    assert again["resolveHumanRequest"]["userErrors"][0]["code"] == "NOT_PENDING"
    after = (await gql.execute(RUN, id=run_id))["run"]
    assert after["version"] == done["version"]
    assert after["steps"][0]["decision"] == "REJECT"


async def test_cancel_at_review_then_rerun_appends_a_linked_run(gql: GraphQLClient) -> None:
    lecture_id = await create_lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = await start(gql, lecture_id, "a grey volcano")
        pending = await until(gql, changes, run_id, awaiting_review)
        assert pending["canCancel"] and not pending["canRerun"]

        refused = await gql.execute(RERUN, runId=run_id)
        assert refused["rerunRun"]["userErrors"][0]["code"] == "NOT_FINISHED"

        cancelled = await gql.execute(CANCEL, runId=run_id)
        assert cancelled["cancelRun"]["run"]["status"] == "CANCELLED"
        run = (await gql.execute(RUN, id=run_id))["run"]
        assert run["canRerun"] and not run["canCancel"]
        assert run["steps"][0]["request"] is None
        assert texts(run)[-1] == "Workflow cancelled by user"

        again = await gql.execute(CANCEL, runId=run_id)
        assert again["cancelRun"]["userErrors"][0]["code"] == "ALREADY_FINISHED"
        late = await gql.execute(DECIDE, runId=run_id, requestId="review-image", decision="ACCEPT")
        assert late["resolveHumanRequest"]["userErrors"][0]["code"] == "NOT_PENDING"

        rerun = (await gql.execute(RERUN, runId=run_id))["rerunRun"]
        assert rerun["userErrors"] == []
        new_id = rerun["run"]["id"]
        assert rerun["run"]["rerunOf"] == {"id": run_id}
        await until(gql, changes, new_id, awaiting_review)
        await gql.execute(CANCEL, runId=new_id)

    lecture = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    assert [r["id"] for r in lecture["runs"]["nodes"]] == [run_id, new_id]
    assert lecture["image"] is None
    final = (await gql.execute(RUN, id=run_id))["run"]
    assert final["status"] == "CANCELLED" and final["version"] == run["version"]


async def test_unknown_ids_are_typed_not_found_errors(gql: GraphQLClient) -> None:
    missing_run = "V29ya2Zsb3dSdW46MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDk5"
    for mutation in (CANCEL, RERUN):
        data = await gql.execute(mutation, runId=missing_run)
        (payload,) = data.values()
        assert payload["userErrors"][0]["code"] == "NOT_FOUND"
    lecture_as_run = "TGVjdHVyZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwOTk="
    data = await gql.execute(DECIDE, runId=lecture_as_run, requestId="x", decision="ACCEPT")
    assert data["resolveHumanRequest"]["userErrors"][0]["code"] == "NOT_FOUND"
    malformed = await gql.http.post(
        "/graphql",
        json={
            "query": DECIDE,
            "variables": {"runId": "bm90LWEtcnVu", "requestId": "x", "decision": "ACCEPT"},
        },
    )
    assert "cannot represent a GlobalID" in malformed.json()["errors"][0]["message"]
    assert (await gql.execute(RUN, id=missing_run))["run"] is None
    lecture = "TGVjdHVyZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwOTk="
    start_data = await gql.execute(START, lectureId=lecture, prompt="x")
    assert start_data["startRun"]["userErrors"][0]["code"] == "NOT_FOUND"
