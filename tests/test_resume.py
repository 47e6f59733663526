"""Resuming a failed run from the failed step (`retryRun`), over the real API: GraphQL over HTTP
and graphql-transport-ws, the local runner, PostgreSQL and the asset files, with offline model
twins that count every call and can be told to fail.

A Full Video that fails at step 4 (narration) is resumed as a new linked run that takes over
steps 1-3 as they were (script, images, the confirmed configuration) and makes no model call
for them again."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from strawberry import relay

from src.assets import LocalBlobStorage
from src.resources import Resources
from src.retention.cleanup import Cleanup
from src.runner.local import LocalRunner
from src.settings import Settings
from src.state.resume import resumed_state
from src.state.store import NewRun
from src.steps import get_kind
from tests.graphql_client import GraphQLClient
from tests.leases import expire_lease
from tests.scripted_providers import CountingProviders
from tests.servers import serving
from tests.test_image_workflow_e2e import CANCEL, CHANGES, DECIDE, awaiting_review, finished, until

PROMPT = "A 30 second lecture on tides, segments of 10 seconds, 2 images per segment"
RUN = """
query($id: ID!) { run(id: $id) {
  id status currentStep totalSteps version trigger canRetry canRerun retrySteps
  retryOf { id status } rerunOf { id }
  error { code message stepKey }
  steps {
    __typename
    ... on Step { key number status summary messages { key text level } request { id } }
    ... on ConfigurationStep { savedConfiguration { durationSeconds imagesPerSegment } }
    ... on ScriptStep { scriptSegments { number narration } }
    ... on SegmentImagesStep { segmentImages { number prompts images { id } } }
    ... on NarrationStep { files { segment audio { id } } }
    ... on BackgroundScoreStep { music { id } }
  }
} }"""
START = """
mutation($lectureId: ID!, $prompt: String!) {
  startRun(input: {lectureId: $lectureId, workflow: {fullVideo: {prompt: $prompt}}}) {
    run { id } userErrors { code message }
  }
}"""
RERUN = """
mutation($runId: ID!) { rerunRun(input: {runId: $runId}) { run { id } userErrors { code message } } }"""
RETRY = """
mutation($runId: ID!, $fromStep: String) {
  retryRun(input: {runId: $runId, fromStep: $fromStep}) {
    run { id trigger retryOf { id } } userErrors { field message code }
  }
}"""
LECTURE = """
query($id: ID!) { lecture(id: $id) {
  images { slot image { id } }
  timeline { segments { images { image { id } } } }
  runs(first: 20) { nodes { id status } }
} }"""
REUSED = "Reused from the previous run"


@pytest.fixture
async def api(
    database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[GraphQLClient, CountingProviders, Resources]]:
    """A real server whose model twins count every call (and fail where a test says)."""
    twins = CountingProviders()
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        review_window_seconds=1.0,
        feed_poll_seconds=1.0,
    )
    resources = await Resources.open(settings, providers=twins.providers())
    async with serving(resources) as url:
        client = GraphQLClient(url)
        yield client, twins, resources
        await client.close()
    await resources.close()


async def lecture(gql: GraphQLClient) -> str:
    data = await gql.execute(
        'mutation { createLecture(input: {title: "Tides"}) { lecture { id } } }'
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def read(gql: GraphQLClient, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await gql.execute(RUN, id=run_id))["run"]
    return run


async def failed_at_narration(gql: GraphQLClient, twins: CountingProviders) -> tuple[str, str]:
    """A Full Video whose narration (step 4) fails for good: (lecture ID, run ID)."""
    lecture_id = await lecture(gql)
    twins.failing = {"speech"}
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        started = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"]
        run_id = started["run"]["id"]
        await until(gql, changes, run_id, awaiting_review)
        await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT")
        await until(gql, changes, run_id, finished)
    twins.failing = set()
    return lecture_id, run_id


async def resumed(
    gql: GraphQLClient, lecture_id: str, run_id: str, from_step: str | None = None
) -> dict[str, Any]:
    """Resume `run_id` and follow the new run until it finishes."""
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        payload = (await gql.execute(RETRY, runId=run_id, fromStep=from_step))["retryRun"]
        assert payload["userErrors"] == []
        new_id = payload["run"]["id"]
        assert new_id != run_id
        assert payload["run"]["retryOf"] == {"id": run_id}
        await until(gql, changes, new_id, finished)
    return await read(gql, new_id)


def texts(step: dict[str, Any]) -> list[str]:
    return [m["text"] for m in step["messages"]]


async def test_a_video_failed_at_narration_resumes_there_with_no_repeated_model_call(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, twins, resources = api
    lecture_id, old_id = await failed_at_narration(gql, twins)
    old = await read(gql, old_id)
    assert old["status"] == "FAILED"
    assert old["error"]["message"] == "The speech service is unavailable"
    assert [s["status"] for s in old["steps"]] == ["COMPLETED"] * 3 + ["FAILED"] + ["PENDING"] * 2
    assert old["canRetry"] is True
    assert old["retrySteps"] == ["configuration", "script", "segment_images", "narration"]
    before = Counter(twins.calls)
    assert before["text:script"] == 1 and before["image"] == 6

    new = await resumed(gql, lecture_id, old_id)

    # Zero repeated model calls for steps 1-3; steps 4-6 made theirs once.
    made = Counter(twins.calls)
    made.subtract(before)
    assert +made == Counter({"speech": 3, "music": 1})
    assert new["status"] == "COMPLETED"
    assert (new["trigger"], new["retryOf"]["id"], new["rerunOf"]) == ("retry", old_id, None)
    assert [s["status"] for s in new["steps"]] == ["COMPLETED"] * 6
    # The reused steps show as completed, as they were, with a bullet saying so.
    for reused, was in zip(new["steps"][:3], old["steps"][:3], strict=True):
        assert texts(reused) == [*texts(was), REUSED]
        assert reused["summary"] == was["summary"]
    assert new["steps"][0]["savedConfiguration"] == old["steps"][0]["savedConfiguration"]
    assert new["steps"][1]["scriptSegments"] == old["steps"][1]["scriptSegments"]
    assert new["steps"][2]["segmentImages"] == old["steps"][2]["segmentImages"]
    assert all(REUSED not in texts(s) for s in new["steps"][3:])
    assert texts(new["steps"][3]) == [
        "Starting to generate narrative audio. 3 audio files will be generated",
        "Audio files are generated and saved",
    ]

    # The old block stays as history, unchanged; the lecture plays the reused images.
    assert await read(gql, old_id) == old
    shown = (await gql.execute(LECTURE, id=lecture_id))["lecture"]
    reused_images = [i["id"] for s in old["steps"][2]["segmentImages"] for i in s["images"]]
    assert [i["image"]["id"] for s in shown["timeline"]["segments"] for i in s["images"]] == (
        reused_images
    )
    assert [i["image"]["id"] for i in shown["images"]] == reused_images  # still in use
    assert {r["id"]: r["status"] for r in shown["runs"]["nodes"]} == {
        old_id: "FAILED",
        new["id"]: "COMPLETED",
    }
    assert (new["canRetry"], new["retrySteps"]) == (False, [])
    # Retention would never remove what the resumed run reused, even once both runs are old.
    everything_old = Cleanup(resources.database.engine, LocalBlobStorage(Path("unused")))
    doomed = await everything_old.plan(timedelta(0), now=datetime.now(UTC) + timedelta(days=1))
    assert UUID(relay.GlobalID.from_id(old_id).node_id) in doomed.runs
    assert {UUID(i) for i in reused_images}.isdisjoint(doomed.assets)


async def test_resuming_from_an_earlier_step_redoes_it_and_reuses_the_ones_before(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, twins, _ = api
    lecture_id, old_id = await failed_at_narration(gql, twins)
    old = await read(gql, old_id)
    before = Counter(twins.calls)

    new = await resumed(gql, lecture_id, old_id, from_step="segment_images")

    made = Counter(twins.calls)
    made.subtract(before)
    assert +made == Counter({"text:image_prompts": 1, "image": 6, "speech": 3, "music": 1})
    assert new["status"] == "COMPLETED"
    assert [REUSED in texts(s) for s in new["steps"]] == [True, True] + [False] * 4
    assert new["steps"][1]["scriptSegments"] == old["steps"][1]["scriptSegments"]
    new_images = [i["id"] for s in new["steps"][2]["segmentImages"] for i in s["images"]]
    old_images = [i["id"] for s in old["steps"][2]["segmentImages"] for i in s["images"]]
    assert set(new_images).isdisjoint(old_images)


async def test_a_cancelled_run_resumes_at_the_step_it_was_cancelled_in(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, _, _ = api
    lecture_id = await lecture(gql)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"]["run"][
            "id"
        ]
        await until(gql, changes, run_id, awaiting_review)
        await gql.execute(CANCEL, runId=run_id)
        cancelled = await until(gql, changes, run_id, finished)
        assert cancelled["status"] == "CANCELLED"
        assert (await read(gql, run_id))["retrySteps"] == ["configuration"]

        payload = (await gql.execute(RETRY, runId=run_id))["retryRun"]
        assert payload["userErrors"] == []
        waiting = await until(gql, changes, payload["run"]["id"], awaiting_review)
    assert waiting["steps"][0]["request"]["id"] == "review-configuration"
    assert not any(REUSED in texts(s) for s in waiting["steps"])
    await gql.execute(CANCEL, runId=waiting["id"])


async def test_refused_resumes_are_typed_errors_that_change_nothing(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, twins, _ = api
    lecture_id, failed_id = await failed_at_narration(gql, twins)
    failed = await read(gql, failed_id)

    async def refused(run_id: str, from_step: str | None = None) -> dict[str, Any]:
        runs = (await gql.execute(LECTURE, id=lecture_id))["lecture"]["runs"]["nodes"]
        payload = (await gql.execute(RETRY, runId=run_id, fromStep=from_step))["retryRun"]
        assert payload["run"] is None
        assert (await gql.execute(LECTURE, id=lecture_id))["lecture"]["runs"]["nodes"] == runs
        (error,) = payload["userErrors"]
        assert isinstance(error, dict)
        return error

    unknown = await refused(failed_id, "soundtrack")
    assert (unknown["code"], unknown["field"]) == ("INVALID_INPUT", ["fromStep"])
    assert unknown["message"] == "This run has no step 'soundtrack'."
    later = await refused(failed_id, "background_score")
    assert (later["code"], later["field"]) == ("INVALID_INPUT", ["fromStep"])
    assert "(Narration audio) or an earlier one" in later["message"]
    missing = await refused("V29ya2Zsb3dSdW46bm90LWEtcnVu")  # WorkflowRun:not-a-run
    assert missing["code"] == "NOT_FOUND"
    assert await read(gql, failed_id) == failed

    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        waiting_id = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"][
            "run"
        ]["id"]
        waiting = await until(gql, changes, waiting_id, awaiting_review)
        assert (await refused(waiting_id))["code"] == "NOT_FINISHED"
        assert (await read(gql, waiting_id))["version"] == waiting["version"]
        await gql.execute(
            DECIDE, runId=waiting_id, requestId="review-configuration", decision="ACCEPT"
        )
        completed = await until(gql, changes, waiting_id, finished)
    assert completed["status"] == "COMPLETED"
    assert (await refused(waiting_id))["code"] == "ALREADY_FINISHED"


async def test_an_interrupted_run_resumes_at_the_step_it_was_interrupted_in(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, twins, resources = api
    lecture_id = await lecture(gql)
    twins.held = {"speech"}  # narration is in flight when the process "dies"
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        run_id = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"]["run"][
            "id"
        ]
        await until(gql, changes, run_id, awaiting_review)
        await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT")
        await until(gql, changes, run_id, lambda run: run["currentStep"] == 4)
    # The process executing it dies: its task stops without a word, its lease runs out, and
    # the next runner to look marks the run interrupted.
    raw_id = UUID(relay.GlobalID.from_id(run_id).node_id)
    runner = resources.runner
    assert runner is not None
    await runner.cancel_requested(await resources.store.require(raw_id))
    await runner.wait_idle()
    await expire_lease(resources.database, raw_id)
    assert await LocalRunner(resources.store, runner._services).recover() >= 1
    interrupted = await read(gql, run_id)
    assert (interrupted["status"], interrupted["error"]["code"]) == ("FAILED", "INTERRUPTED")
    assert interrupted["retrySteps"][-1] == "narration"
    twins.held = set()
    before = Counter(twins.calls)

    new = await resumed(gql, lecture_id, run_id)

    made = Counter(twins.calls)
    made.subtract(before)
    assert +made == Counter({"speech": 3, "music": 1})
    assert new["status"] == "COMPLETED"
    assert [REUSED in texts(s) for s in new["steps"]] == [True] * 3 + [False] * 3


async def test_while_a_resume_runs_the_same_resume_returns_it_and_another_is_refused(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    gql, twins, _ = api
    lecture_id, old_id = await failed_at_narration(gql, twins)
    twins.held = {"speech"}  # the resume stays at narration, unfinished
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        payload = (await gql.execute(RETRY, runId=old_id, fromStep="segment_images"))["retryRun"]
        new_id = payload["run"]["id"]
        await until(gql, changes, new_id, lambda run: run["currentStep"] == 4)

        again = (await gql.execute(RETRY, runId=old_id, fromStep="segment_images"))["retryRun"]
        assert (again["run"]["id"], again["userErrors"]) == (new_id, [])
        elsewhere = (await gql.execute(RETRY, runId=old_id))["retryRun"]
        assert elsewhere["run"] is None
        assert elsewhere["userErrors"] == [
            {
                "field": [],
                "code": "CONFLICT",
                "message": 'This run is already being resumed from "Segment images", and that '
                "run has not finished. Cancel that run, or wait until it finishes, to resume this "
                "one from another step.",
            }
        ]
        rerun = (await gql.execute(RERUN, runId=old_id))["rerunRun"]
        assert rerun["userErrors"] == [
            {
                "code": "CONFLICT",
                "message": "This run is already being resumed, and that run has not finished. "
                "Cancel that run, or wait until it finishes, to re-run this one.",
            }
        ]
        runs = (await gql.execute(LECTURE, id=lecture_id))["lecture"]["runs"]["nodes"]
        assert {r["id"] for r in runs} == {old_id, new_id}

        await gql.execute(CANCEL, runId=new_id)
        await until(gql, changes, new_id, finished)
    twins.held = set()
    # That resume has finished (cancelled): resuming from the step where it stopped is allowed.
    assert (await resumed(gql, lecture_id, old_id))["status"] == "COMPLETED"


async def test_a_resume_whose_process_dies_before_it_starts_is_marked_interrupted_at_restart(
    api: tuple[GraphQLClient, CountingProviders, Resources],
) -> None:
    """A resumed run waits queued with the steps it took over; if its process dies before
    starting it, the next runner marks it interrupted (no bullet on a step it took over) rather
    than failing its own start-up on the run."""
    gql, twins, resources = api
    _, run_id = await failed_at_narration(gql, twins)
    old = await resources.store.require(UUID(relay.GlobalID.from_id(run_id).node_id))
    kind = get_kind(old.kind)
    now = datetime.now(UTC)
    queued = await resources.store.create(
        NewRun(
            id=uuid4(),
            owner_id=old.owner_id,
            lecture_id=old.lecture_id,
            kind=old.kind,
            state=resumed_state(kind.initial_state(now), old.state, "narration", now),
            input=old.input,
            triggered_by=old.owner_id,
            trigger="retry",
            rerun_of=old.id,
        )
    )
    await expire_lease(resources.database, queued.id)
    runner = resources.runner
    assert runner is not None

    assert await LocalRunner(resources.store, runner._services).recover() >= 1

    interrupted = await read(gql, str(relay.GlobalID("WorkflowRun", str(queued.id))))
    assert (interrupted["status"], interrupted["error"]["code"]) == ("FAILED", "INTERRUPTED")
    assert interrupted["error"]["stepKey"] is None
    taken_over = interrupted["steps"][:3]
    assert [s["status"] for s in taken_over] == ["COMPLETED"] * 3
    assert all(m["level"] != "ERROR" for s in taken_over for m in s["messages"])
