"""What the lecture page's tabs read and write: the lecture list, the Configuration tab's save,
the Visuals tab's pictures by slot and the Audio tab's narration by segment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graphql_client import GraphQLClient, GraphQLError
from tests.test_image_workflow_e2e import DECIDE, awaiting_review, finished, until

LECTURES = """query($first: Int!, $after: String) { lectures(first: $first, after: $after) {
  edges { cursor node { id title } } nodes { id } pageInfo { hasNextPage endCursor } } }"""
UPDATE = """mutation($lectureId: ID!, $configuration: LectureConfigurationEdit!) {
  updateLectureConfiguration(input: {lectureId: $lectureId, configuration: $configuration}) {
    lecture { id config { durationSeconds imagesPerSegment voice imageSize } }
    userErrors { field message code } } }"""
CONFIG = "query($id: ID!) { lecture(id: $id) { config { durationSeconds voice imageSize } } }"
TABS = """query($id: ID!) { lecture(id: $id) {
  images { slot segment position image { id url mediaType } }
  narrations { segment slot audio { url mediaType } } } }"""
CHANGES = "subscription($lectureId: ID) { runChanges(lectureId: $lectureId) { runIds cursor } }"
START = """mutation($lectureId: ID!, $workflow: WorkflowInput!) {
  startRun(input: {lectureId: $lectureId, workflow: $workflow}) {
    run { id } userErrors { field message code } } }"""


async def new_lecture(gql: GraphQLClient, title: str) -> str:
    data = await gql.execute(
        "mutation($t: String!) { createLecture(input: {title: $t}) { lecture { id } } }", t=title
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def test_lectures_are_listed_newest_first_in_pages(gql: GraphQLClient) -> None:
    made = [await new_lecture(gql, f"Listed {n}") for n in range(3)]
    first = (await gql.execute(LECTURES, first=2))["lectures"]
    assert [e["node"]["id"] for e in first["edges"]] == [made[2], made[1]]
    assert first["nodes"] == [{"id": made[2]}, {"id": made[1]}]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    rest = await gql.execute(LECTURES, first=2, after=first["pageInfo"]["endCursor"])
    assert rest["lectures"]["nodes"][0]["id"] == made[0]
    with pytest.raises(GraphQLError, match="first is 1 to 100"):
        await gql.execute(LECTURES, first=101)
    with pytest.raises(GraphQLError, match="not a cursor"):
        await gql.execute(LECTURES, first=1, after="bogus")


async def test_the_configuration_tab_saves_valid_edits_and_refuses_bad_ones_saving_nothing(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql, "Configured")
    before = (await gql.execute(CONFIG, id=lecture_id))["lecture"]["config"]

    refused = (
        await gql.execute(
            UPDATE, lectureId=lecture_id, configuration={"voice": "nova", "durationSeconds": 99999}
        )
    )["updateLectureConfiguration"]
    assert refused["lecture"] is None
    (error,) = refused["userErrors"]
    assert (error["code"], error["field"]) == (
        "INVALID_INPUT",
        ["configuration", "durationSeconds"],
    )
    assert "3600" in error["message"]
    assert (await gql.execute(CONFIG, id=lecture_id))["lecture"]["config"] == before

    saved = (
        await gql.execute(
            UPDATE,
            lectureId=lecture_id,
            configuration={"voice": "nova", "durationSeconds": 120, "imageSize": "PORTRAIT"},
        )
    )["updateLectureConfiguration"]
    assert saved["userErrors"] == []
    assert saved["lecture"]["config"] == {
        "durationSeconds": 120,
        "imagesPerSegment": 1,
        "voice": "nova",
        "imageSize": "PORTRAIT",
    }
    assert (await gql.execute(CONFIG, id=lecture_id))["lecture"]["config"] == {
        "durationSeconds": 120,
        "voice": "nova",
        "imageSize": "PORTRAIT",
    }

    missing = (
        await gql.execute(
            UPDATE,
            lectureId="TGVjdHVyZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDk=",
            configuration={"voice": "nova"},
        )
    )["updateLectureConfiguration"]
    assert (missing["userErrors"][0]["code"], missing["userErrors"][0]["field"]) == (
        "NOT_FOUND",
        ["lectureId"],
    )


async def accept(
    gql: GraphQLClient, changes: Any, lecture_id: str, workflow: dict[str, Any]
) -> dict[str, Any]:
    started = (await gql.execute(START, lectureId=lecture_id, workflow=workflow))["startRun"]
    assert started["userErrors"] == []
    run_id = started["run"]["id"]
    pending = await until(gql, changes, run_id, awaiting_review)
    request_id = pending["steps"][0]["request"]["id"]
    await gql.execute(DECIDE, runId=run_id, requestId=request_id, decision="ACCEPT")
    return await until(gql, changes, run_id, finished)


async def test_the_visuals_and_audio_tabs_list_what_is_in_use_by_slot(gql: GraphQLClient) -> None:
    lecture_id = await new_lecture(gql, "Tabs")
    assert (await gql.execute(TABS, id=lecture_id))["lecture"] == {"images": [], "narrations": []}
    # Two pictures per segment, so that slot "segment-1-image-2" exists.
    updated = await gql.execute(UPDATE, lectureId=lecture_id, configuration={"imagesPerSegment": 2})
    assert updated["updateLectureConfiguration"]["userErrors"] == []
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        for workflow in (
            {"image": {"prompt": "two", "slot": "segment-2-image-1"}},
            {"image": {"prompt": "one", "slot": "segment-1-image-2"}},
            {"image": {"prompt": "cover"}},
            {"narration": {"segment": 2, "text": "Second."}},
            {"narration": {"segment": 1, "text": "First."}},
        ):
            await accept(gql, changes, lecture_id, workflow)
        tabs = (await gql.execute(TABS, id=lecture_id))["lecture"]
        assert [(i["slot"], i["segment"], i["position"]) for i in tabs["images"]] == [
            ("cover", None, None),
            ("segment-1-image-2", 1, 2),
            ("segment-2-image-1", 2, 1),
        ]
        assert [(n["segment"], n["slot"]) for n in tabs["narrations"]] == [
            (1, "segment-1-narration"),
            (2, "segment-2-narration"),
        ]
        assert {n["audio"]["mediaType"] for n in tabs["narrations"]} == {"audio/wav"}

        # Replacing a picture changes its URL (cache busting); a rejected one changes nothing.
        old = tabs["images"][1]["image"]
        await accept(
            gql, changes, lecture_id, {"image": {"prompt": "new", "slot": "segment-1-image-2"}}
        )
        new = (await gql.execute(TABS, id=lecture_id))["lecture"]["images"][1]
        assert new["slot"] == "segment-1-image-2"
        assert (new["image"]["id"], new["image"]["url"]) != (old["id"], old["url"])
