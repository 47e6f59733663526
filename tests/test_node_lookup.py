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
