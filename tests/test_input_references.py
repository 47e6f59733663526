"""A single-asset workflow's input may only name things the lecture has: a segment or an image
slot that does not exist is a typed INVALID_INPUT on the field, and no run starts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from src.lectures.config import LectureConfig
from src.lectures.repository import Lecture
from src.steps.lecture_context import segment_images
from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import CANCEL, create_lecture

START = """
mutation($lectureId: ID!, $workflow: WorkflowInput!) {
  startRun(input: {lectureId: $lectureId, workflow: $workflow}) {
    run { id } userErrors { field message code }
  }
}"""
FROM_PROMPT = """
mutation($lectureId: ID!, $prompt: String!) {
  startRunFromPrompt(input: {lectureId: $lectureId, prompt: $prompt}) {
    run { id } userErrors { field message code }
  }
}"""
RUNS = "query($id: ID!) { lecture(id: $id) { runs { nodes { id } } } }"


async def runs_of(gql: GraphQLClient, lecture_id: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await gql.execute(RUNS, id=lecture_id))["lecture"]["runs"][
        "nodes"
    ]
    return nodes


@pytest.mark.parametrize(
    ("workflow", "field", "message"),
    [
        (
            {"narration": {"segment": 99}},
            ["workflow", "narration", "segment"],
            "Segment 99 does not exist: this lecture has 4 segments.",
        ),
        (
            {"narration": {"segment": 5, "text": "Words of my own."}},
            ["workflow", "narration", "segment"],
            "Segment 5 does not exist: this lecture has 4 segments.",
        ),
        (
            {"image": {"slot": "segment-9-image-1"}},
            ["workflow", "image", "slot"],
            "Segment 9 does not exist: this lecture has 4 segments.",
        ),
        (
            {"image": {"slot": "segment-2-image-3"}},
            ["workflow", "image", "slot"],
            "Segment 2 has 1 image, so there is no image 3.",
        ),
    ],
)
async def test_an_input_naming_what_the_lecture_lacks_is_refused_on_its_field(
    gql: GraphQLClient, workflow: dict[str, Any], field: list[str], message: str
) -> None:
    lecture_id = await create_lecture(gql)  # no script yet: 60 s at 15 s, one image each

    data = (await gql.execute(START, lectureId=lecture_id, workflow=workflow))["startRun"]

    assert data["run"] is None
    assert data["userErrors"] == [{"field": field, "message": message, "code": "INVALID_INPUT"}]
    assert await runs_of(gql, lecture_id) == []


@pytest.mark.parametrize(
    "workflow",
    [
        {"narration": {"segment": 4}},
        {"image": {"slot": "segment-4-image-1"}},
        {"image": {"slot": "cover"}},
    ],
)
async def test_an_input_naming_a_planned_segment_or_slot_starts(
    gql: GraphQLClient, workflow: dict[str, Any]
) -> None:
    lecture_id = await create_lecture(gql)
    data = (await gql.execute(START, lectureId=lecture_id, workflow=workflow))["startRun"]
    assert data["userErrors"] == []
    await gql.execute(CANCEL, runId=data["run"]["id"])


async def test_a_shape_error_keeps_the_graphql_path_of_its_field(gql: GraphQLClient) -> None:
    lecture_id = await create_lecture(gql)
    workflow = {"image": {"slot": "poster"}}
    data = (await gql.execute(START, lectureId=lecture_id, workflow=workflow))["startRun"]
    assert data["userErrors"][0]["field"] == ["workflow", "image", "slot"]
    assert data["userErrors"][0]["code"] == "INVALID_INPUT"


async def test_a_sentence_naming_a_missing_segment_is_refused_on_the_prompt(
    gql: GraphQLClient,
) -> None:
    lecture_id = await create_lecture(gql)
    prompt = "Redo the narration of segment 99 with more energy"
    data = (await gql.execute(FROM_PROMPT, lectureId=lecture_id, prompt=prompt))[
        "startRunFromPrompt"
    ]
    assert data["run"] is None
    assert data["userErrors"] == [
        {
            "field": ["prompt"],
            "message": "Segment 99 does not exist: this lecture has 4 segments.",
            "code": "INVALID_INPUT",
        }
    ]
    assert await runs_of(gql, lecture_id) == []


def lecture(config: LectureConfig, timeline: dict[str, Any] | None) -> Lecture:
    now = datetime.now(UTC)
    return Lecture(
        id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        title="t",
        prompt="",
        config=config,
        timeline=timeline,
        created_at=now,
        updated_at=now,
    )


def test_segments_are_the_timeline_s_once_there_is_one_else_the_configuration_s() -> None:
    config = LectureConfig(duration_seconds=60, segment_length_seconds=20, images_per_segment=2)
    assert segment_images(lecture(config, None)) == (2, 2, 2)
    timeline = {"segments": [{"number": 1, "images": [{}]}, {"number": 2, "images": [{}, {}]}]}
    assert segment_images(lecture(config, timeline)) == (1, 2)
