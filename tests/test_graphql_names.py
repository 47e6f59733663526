"""Clients see only GraphQL names: error paths, input schemas, stored inputs and configuration
diffs say `durationSeconds` / `musicStyle` / `LANDSCAPE`, never the Python spelling."""

from __future__ import annotations

from typing import Any

from tests.graphql_client import GraphQLClient

START = """mutation($lectureId: ID!, $workflow: WorkflowInput!) {
  startRun(input: {lectureId: $lectureId, workflow: $workflow}) {
    run { id kind input } userErrors { field message code } } }"""
RUNS = "query($id: ID!) { lecture(id: $id) { runs { nodes { id } } } }"
CANCEL = "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) { userErrors { code } } }"


async def new_lecture(gql: GraphQLClient) -> str:
    data = await gql.execute(
        'mutation { createLecture(input: {title: "Names"}) { lecture { id } } }'
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def start(gql: GraphQLClient, lecture_id: str, workflow: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = (await gql.execute(START, lectureId=lecture_id, workflow=workflow))[
        "startRun"
    ]
    return payload


async def test_a_refused_start_names_the_field_where_it_sits_in_the_input(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql)
    refused = await start(gql, lecture_id, {"backgroundScore": {"musicStyle": "x" * 201}})
    assert refused["run"] is None
    (error,) = refused["userErrors"]
    assert error["code"] == "INVALID_INPUT"
    assert error["field"] == ["workflow", "backgroundScore", "musicStyle"]
    bad_slot = await start(gql, lecture_id, {"image": {"prompt": "a map", "slot": "the moon"}})
    assert bad_slot["userErrors"][0]["field"] == ["workflow", "image", "slot"]
    listed = (await gql.execute(RUNS, id=lecture_id))["lecture"]["runs"]["nodes"]
    assert listed == []  # nothing was started


async def test_input_schemas_use_the_graphql_input_names(gql: GraphQLClient) -> None:
    kinds = {
        k["key"]: k
        for k in (await gql.execute("{ workflowKinds { key inputType inputSchema } }"))[
            "workflowKinds"
        ]
    }
    score = kinds["background_score"]
    assert set(score["inputSchema"]["properties"]) == {"musicStyle"}
    assert score["inputSchema"]["title"] == score["inputType"] == "BackgroundScoreInput"
    image = kinds["image"]["inputSchema"]
    assert set(image["properties"]) == {"prompt", "model", "size", "slot", "variations"}
    assert image["$defs"]["ImageSize"]["enum"] == ["SQUARE", "LANDSCAPE", "PORTRAIT"]


async def test_a_runs_input_reads_as_the_input_that_started_it_and_starts_it_again(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql)
    score = await start(gql, lecture_id, {"backgroundScore": {"musicStyle": "calm piano"}})
    assert score["run"]["input"] == {"musicStyle": "calm piano"}
    image = await start(gql, lecture_id, {"image": {"prompt": "a map", "size": "LANDSCAPE"}})
    given = image["run"]["input"]
    assert given == {
        "prompt": "a map",
        "model": None,
        "size": "LANDSCAPE",
        "slot": "cover",
        "variations": 1,
    }
    again = await start(gql, lecture_id, {"image": given})  # sent back as it reads
    assert again["userErrors"] == []
    assert again["run"]["input"] == given
    for run in (score, image, again):
        await gql.execute(CANCEL, runId=run["run"]["id"])
