"""A run's total work is capped: confirming a configuration that needs more segments or model
calls than the limits allow is a typed error that says the limit, and nothing starts."""

from __future__ import annotations

from typing import Any

import pytest

from src.errors import InvalidInput
from src.lectures.config import LectureConfig, RunLimits
from tests.graphql_client import GraphQLClient
from tests.test_decision_races import wait_for
from tests.test_full_video_e2e import EDIT, RUN, START, new_lecture
from tests.test_image_workflow_e2e import CANCEL, DECIDE

HUGE = "A 3600 second lecture on volcanoes, segments of 5 seconds, 2 images per segment"
HUGE_MESSAGE = (
    "This configuration needs 720 segments; the limit is 60 segments per run. "
    "It needs 1,440 images and 720 narration files (2,163 model calls); "
    "the limit is 300 model calls per run. "
    "Shorten the video, lengthen its segments or use fewer images per segment."
)


async def at_review(gql: GraphQLClient, prompt: str) -> str:
    lecture_id = await new_lecture(gql)
    started = (await gql.execute(START, lectureId=lecture_id, prompt=prompt))["startRun"]
    run_id: str = started["run"]["id"]
    await wait_for(gql, [run_id], {"WAITING_FOR_INPUT"})
    return run_id


async def still_waiting(gql: GraphQLClient, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await gql.execute(RUN, id=run_id))["run"]
    assert run["status"] == "WAITING_FOR_INPUT"
    assert run["steps"][0]["request"]["id"] == "review-configuration"
    assert run["currentStep"] == 1
    return run


async def test_confirming_a_configuration_over_the_limits_is_refused_and_the_review_stays(
    gql: GraphQLClient,
) -> None:
    run_id = await at_review(gql, HUGE)
    candidate = (await still_waiting(gql, run_id))["steps"][0]["configurationReview"]["candidate"]
    assert (candidate["durationSeconds"], candidate["segmentLengthSeconds"]) == (3600, 5)

    refused = await gql.execute(
        DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT"
    )
    assert refused["resolveHumanRequest"]["userErrors"] == [
        {"field": ["edits", "configuration"], "message": HUGE_MESSAGE, "code": "INVALID_INPUT"}
    ]
    await still_waiting(gql, run_id)

    # Edited down to what the limits allow, the same review is confirmed.
    fixed = await gql.execute(EDIT, runId=run_id, edits={"durationSeconds": 60})
    assert fixed["resolveHumanRequest"]["userErrors"] == []
    await gql.execute(CANCEL, runId=run_id)


async def test_edits_submitted_in_the_review_are_held_to_the_limits(gql: GraphQLClient) -> None:
    run_id = await at_review(gql, "A lecture on tides")

    too_many_segments = {"durationSeconds": 600, "segmentLengthSeconds": 5}
    refused = await gql.execute(EDIT, runId=run_id, edits=too_many_segments)
    (error,) = refused["resolveHumanRequest"]["userErrors"]
    assert error["message"].startswith(
        "This configuration needs 120 segments; the limit is 60 segments per run."
    )

    too_many_calls = {"durationSeconds": 300, "segmentLengthSeconds": 5, "imagesPerSegment": 6}
    refused = await gql.execute(EDIT, runId=run_id, edits=too_many_calls)
    (error,) = refused["resolveHumanRequest"]["userErrors"]
    assert error["code"] == "INVALID_INPUT"
    assert error["message"].startswith(
        "This configuration needs 360 images and 60 narration files (423 model calls); "
        "the limit is 300 model calls per run."
    )
    await still_waiting(gql, run_id)
    await gql.execute(CANCEL, runId=run_id)


def test_the_work_of_a_configuration_counts_every_model_call_after_the_review() -> None:
    config = LectureConfig(duration_seconds=90, segment_length_seconds=15, images_per_segment=2)
    # The script, the image prompts, 12 images, 6 narration files and the score.
    assert (config.segment_count, config.image_count, config.model_calls) == (6, 12, 21)
    RunLimits(max_segments=6, max_model_calls=21).check(config)
    with pytest.raises(
        InvalidInput, match=r"\(21 model calls\); the limit is 20 model calls per run"
    ):
        RunLimits(max_segments=6, max_model_calls=20).check(config)
    with pytest.raises(InvalidInput, match="needs 6 segments; the limit is 5 segments per run"):
        RunLimits(max_segments=5, max_model_calls=300).check(config)
