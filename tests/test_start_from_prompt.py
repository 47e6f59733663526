"""Starting work from a sentence: the right workflow starts, and the run says why."""

from __future__ import annotations

import pytest

from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import create_lecture

START = """
mutation($lectureId: ID!, $prompt: String!) {
  startRunFromPrompt(input: {lectureId: $lectureId, prompt: $prompt}) {
    run { id kind title trigger origin { request reason } steps { __typename } }
    userErrors { field message code }
  }
}"""
CANCEL = "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) { userErrors { code } } }"


@pytest.mark.parametrize(
    ("prompt", "kind", "title", "step_type"),
    [
        (
            "A 2 minute lecture on tides for kids",
            "full_video",
            "Generating Full Video",
            "ConfigurationStep",
        ),
        (
            "Give me a new cover picture of a volcano at sunset",
            "image",
            "Generating Image",
            "ImageGenerationStep",
        ),
        (
            "Redo the narration of segment 2 with more energy",
            "narration",
            "Generating Narration",
            "NarrationGenerationStep",
        ),
        (
            "Replace the soundtrack with calm piano music",
            "background_score",
            "Generating Background Score",
            "ScoreGenerationStep",
        ),
    ],
)
async def test_a_sentence_starts_the_workflow_it_asks_for_and_the_run_says_why(
    gql: GraphQLClient, prompt: str, kind: str, title: str, step_type: str
) -> None:
    lecture_id = await create_lecture(gql)
    data = (await gql.execute(START, lectureId=lecture_id, prompt=prompt))["startRunFromPrompt"]
    assert data["userErrors"] == []
    run = data["run"]
    assert (run["kind"], run["title"], run["trigger"]) == (kind, title, "prompt")
    assert run["steps"][0]["__typename"] == step_type
    assert run["origin"]["request"] == prompt
    assert run["origin"]["reason"]
    await gql.execute(CANCEL, runId=run["id"])


@pytest.mark.parametrize("prompt", ["", "   ", "x" * 4001])
async def test_an_empty_or_oversized_prompt_is_refused(gql: GraphQLClient, prompt: str) -> None:
    lecture_id = await create_lecture(gql)
    data = (await gql.execute(START, lectureId=lecture_id, prompt=prompt))["startRunFromPrompt"]
    assert data["run"] is None
    assert data["userErrors"][0]["code"] == "INVALID_INPUT"
    assert data["userErrors"][0]["field"] == ["prompt"]
    runs = await gql.execute(
        "query($id: ID!) { lecture(id: $id) { runs { nodes { id } } } }", id=lecture_id
    )
    assert runs["lecture"]["runs"]["nodes"] == []
