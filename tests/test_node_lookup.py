"""`node(id:)` resolves runs and lectures by global ID, and anything else to null."""

from __future__ import annotations

from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import create_lecture

NODE = """query($id: ID!) { node(id: $id) { __typename id
  ... on Lecture { title } ... on WorkflowRun { title } } }"""


async def test_node_finds_lectures_and_runs_and_nothing_else(gql: GraphQLClient) -> None:
    lecture_id = await create_lecture(gql)
    found = (await gql.execute(NODE, id=lecture_id))["node"]
    assert found == {"__typename": "Lecture", "id": lecture_id, "title": "Volcanoes"}

    started = await gql.execute(
        "mutation($l: ID!) { startRun(input: {lectureId: $l, workflow: {image: {}}}) "
        "{ run { id } } }",
        l=lecture_id,
    )
    run_id = started["startRun"]["run"]["id"]
    run = (await gql.execute(NODE, id=run_id))["node"]
    assert run["__typename"] == "WorkflowRun"
    assert run["title"] == "Generating Image"
    await gql.execute(
        "mutation($r: ID!) { cancelRun(input: {runId: $r}) { userErrors { code } } }", r=run_id
    )

    missing_run = "V29ya2Zsb3dSdW46MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDk5"
    assert (await gql.execute(NODE, id=missing_run))["node"] is None
    not_a_node = "VXNlckVycm9yOjE="  # "UserError:1"
    assert (await gql.execute(NODE, id=not_a_node))["node"] is None


async def test_nodes_resolves_many_ids_in_order_with_nulls_for_the_missing(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    missing = "V29ya2Zsb3dSdW46MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDk5"
    data = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", ids=[missing, lecture_id]
    )
    assert data["nodes"] == [None, {"__typename": "Lecture", "id": lecture_id}]


async def test_nodes_loads_runs_of_several_types_in_one_batch_keeping_order_and_repeats(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    runs = []
    for _ in range(3):
        started = await gql.execute(
            "mutation($l: ID!) { startRun(input: {lectureId: $l, workflow: {image: {}}}) "
            "{ run { id } } }",
            l=lecture_id,
        )
        runs.append(started["startRun"]["run"]["id"])
    missing = "V29ya2Zsb3dSdW46MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDk5"
    not_a_uuid = "V29ya2Zsb3dSdW46bm90LWEtdXVpZA=="  # "WorkflowRun:not-a-uuid"
    not_a_node = "VXNlckVycm9yOjE="  # "UserError:1"
    ids = [runs[2], missing, lecture_id, runs[0], not_a_uuid, runs[2], not_a_node, runs[1]]

    data = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on WorkflowRun { title } } }",
        ids=ids,
    )

    run = "WorkflowRun"
    assert [n and (n["__typename"], n["id"]) for n in data["nodes"]] == [
        (run, runs[2]), None, ("Lecture", lecture_id), (run, runs[0]), None, (run, runs[2]),
        None, (run, runs[1]),
    ]  # fmt: skip
    assert all(
        n["title"] == "Generating Image" for n in data["nodes"] if n and n["__typename"] == run
    )
    for run_id in runs:
        await gql.execute(
            "mutation($r: ID!) { cancelRun(input: {runId: $r}) { userErrors { code } } }",
            r=run_id,
        )
