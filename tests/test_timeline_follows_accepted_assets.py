"""The lecture's timeline plays the assets in use: an image or narration accepted after the
video was assembled replaces the old one in `lecture.timeline` (with its own, cache-busting URL),
and a narration of another length moves the segments after it."""

from __future__ import annotations

from typing import Any

from tests.graphql_client import GraphQLClient
from tests.test_image_workflow_e2e import CHANGES, DECIDE, awaiting_review, finished, until
from tests.test_lecture_tabs_api import START, accept, new_lecture

TIMELINE = """query($id: ID!) { lecture(id: $id) {
  image(slot: "segment-1-image-1") { url }
  narration(segment: 1) { url durationSeconds }
  timeline { durationSeconds
    segments { number startSeconds endSeconds narration { url }
               images { image { url } startSeconds endSeconds } } } } }"""


async def full_video(gql: GraphQLClient, changes: Any, lecture_id: str) -> None:
    prompt = "A 20 second lecture on tides, segments of 10 seconds"
    started = await gql.execute(
        START, lectureId=lecture_id, workflow={"fullVideo": {"prompt": prompt}}
    )
    run_id = started["startRun"]["run"]["id"]
    await until(gql, changes, run_id, awaiting_review)
    await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT")
    done = await until(gql, changes, run_id, finished)
    assert done["status"] == "COMPLETED"


async def test_an_accepted_image_replaces_the_old_one_in_the_timeline(gql: GraphQLClient) -> None:
    lecture_id = await new_lecture(gql, "Tides")
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await full_video(gql, changes, lecture_id)
        before = (await gql.execute(TIMELINE, id=lecture_id))["lecture"]
        old_url = before["timeline"]["segments"][0]["images"][0]["image"]["url"]
        assert old_url == before["image"]["url"]

        await accept(
            gql, changes, lecture_id, {"image": {"prompt": "a wave", "slot": "segment-1-image-1"}}
        )

        after = (await gql.execute(TIMELINE, id=lecture_id))["lecture"]
    new_url = after["image"]["url"]
    assert new_url != old_url
    shown = after["timeline"]["segments"][0]["images"][0]
    assert shown["image"]["url"] == new_url
    # Only that slot changed: the timings stay.
    assert after["timeline"]["durationSeconds"] == before["timeline"]["durationSeconds"]
    assert (shown["startSeconds"], shown["endSeconds"]) == (
        before["timeline"]["segments"][0]["images"][0]["startSeconds"],
        before["timeline"]["segments"][0]["images"][0]["endSeconds"],
    )


async def test_an_accepted_narration_plays_in_the_timeline_and_sets_its_segments_length(
    gql: GraphQLClient,
) -> None:
    lecture_id = await new_lecture(gql, "Tides again")
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await full_video(gql, changes, lecture_id)
        before = (await gql.execute(TIMELINE, id=lecture_id))["lecture"]["timeline"]
        await accept(gql, changes, lecture_id, {"narration": {"segment": 1, "text": "Short."}})
        lecture = (await gql.execute(TIMELINE, id=lecture_id))["lecture"]
    first, second = lecture["timeline"]["segments"]
    assert first["narration"]["url"] == lecture["narration"]["url"]
    assert first["narration"]["url"] != before["segments"][0]["narration"]["url"]
    length = lecture["narration"]["durationSeconds"]
    assert abs(first["endSeconds"] - length) < 0.01
    assert second["startSeconds"] == first["endSeconds"]
    assert lecture["timeline"]["durationSeconds"] == second["endSeconds"]
