"""`/metrics` after a scripted full video: the counters and histograms moved by exactly what
the run did (over the real app, the local runner, the offline providers and PostgreSQL)."""

from __future__ import annotations

from tests.graphql_client import GraphQLClient
from tests.ops.scrape import scrape
from tests.test_full_video_e2e import PROMPT, START, follow, new_lecture
from tests.test_image_workflow_e2e import CHANGES, DECIDE, awaiting_review, finished

KIND = "full_video"
STEPS = ("configuration", "script", "images", "narration", "score", "timeline")


async def test_a_full_video_moves_each_metric_by_what_it_did(gql: GraphQLClient) -> None:
    lecture_id = await new_lecture(gql)
    before = await scrape(gql.http)
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        started = (await gql.execute(START, lectureId=lecture_id, prompt=PROMPT))["startRun"]
        run_id = started["run"]["id"]
        await follow(gql, changes, run_id, awaiting_review)
        await gql.execute(DECIDE, runId=run_id, requestId="review-configuration", decision="ACCEPT")
        done = await follow(gql, changes, run_id, finished)
    assert done["status"] == "COMPLETED"
    after = await scrape(gql.http)

    def moved(name: str, **labels: str) -> float:
        return after.delta(before, name, **labels)

    assert moved("agent_progress_runs_started_total", kind=KIND, trigger="api") == 1
    assert moved("agent_progress_runs_finished_total", kind=KIND, status="completed") == 1
    assert moved("agent_progress_runs_finished_total", kind=KIND, status="failed") == 0
    assert moved("agent_progress_run_duration_seconds_count", kind=KIND) == 1
    # Six steps, each one duration, all completed.
    assert moved("agent_progress_step_duration_seconds_count", kind=KIND) == 6
    step_keys = {
        dict(labels)["step"]
        for (name, labels), _ in after.samples.items()
        if name == "agent_progress_step_duration_seconds_count" and dict(labels)["kind"] == KIND
    }
    assert len(step_keys) == 6
    assert moved("agent_progress_review_wait_seconds_count", kind=KIND) == 1
    # The model calls: parse the prompt, write the script, write the image prompts; 12 images
    # (6 segments x 2), 6 narrations, 1 score. All succeeded, all timed.
    calls = "agent_progress_provider_calls_total"
    assert moved(calls, port="text", outcome="ok") == 3
    assert moved(calls, port="image", outcome="ok") == 12
    assert moved(calls, port="speech", outcome="ok") == 6
    assert moved(calls, port="music", outcome="ok") == 1
    assert moved(calls, outcome="error") == 0
    assert moved("agent_progress_provider_call_seconds_count") == 22
    # The subscriber heard about the run through the feed, with a measured lag.
    assert moved("agent_progress_feed_notifications_total") > 0
    assert moved("agent_progress_feed_delivery_lag_seconds_count") > 0
    assert moved("agent_progress_subscription_messages_sent_total") > 0
    # startRun and resolveHumanRequest, sent without operation names.
    assert moved("agent_progress_graphql_operations_total", type="mutation", outcome="ok") == 2
    assert after.value("agent_progress_circuit_breaker_state", port="image") == 0


async def test_metrics_exposes_the_process_gauges(gql: GraphQLClient) -> None:
    scraped = await scrape(gql.http)
    assert scraped.value("agent_progress_live_subscriptions") >= 0
    assert (
        "agent_progress_db_pool_connections",
        frozenset({("pool", "store"), ("state", "in_use")}),
    ) in scraped.samples
    assert scraped.value("process_resident_memory_bytes") > 0


async def test_an_operation_is_counted_under_the_name_its_document_gives_it(
    gql: GraphQLClient,
) -> None:
    """Clients rarely send `operationName`; the series still names the operation."""
    before = await scrape(gql.http)
    await gql.execute("query PanelLectures { lectures(first: 1) { nodes { id } } }")
    after = await scrape(gql.http)
    series = "agent_progress_graphql_operations_total"
    assert after.delta(before, series, operation="PanelLectures", type="query") == 1
    assert after.delta(before, series, operation="anonymous", type="query") == 0
