"""Failure paths of the workflows, driven through the GraphQL schema with scripted providers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from src.gql.context import Context
from src.gql.schema import schema
from src.providers import offline_providers
from src.resources import LOCAL_VIEWER, Resources
from src.runner.local import RetryPolicy
from src.settings import Settings
from src.state.model import RunState
from tests.scripted_providers import FlakyImages, ScriptedText


@pytest.fixture
async def scripted(database_url: str, tmp_path: Path) -> AsyncIterator[Any]:
    """Opens resources on the test database with providers a test chooses."""
    opened: list[Resources] = []

    async def open_with(**ports: Any) -> Resources:
        settings = Settings(database_url=database_url, data_dir=tmp_path, review_window_seconds=2)
        resources = await Resources.open(settings, providers=replace(offline_providers(), **ports))
        resources.runner._retry = RetryPolicy(attempts=3, base_seconds=0, cap_seconds=0)
        opened.append(resources)
        return resources

    yield open_with
    for resources in opened:
        await resources.close()


async def gql(resources: Resources, query: str, **variables: Any) -> dict[str, Any]:
    context = Context(
        viewer=LOCAL_VIEWER,
        service=resources.service,
        assets=resources.assets,
        feed=resources.feed,
        public_url="",
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def lecture(resources: Resources) -> str:
    data = await gql(
        resources, 'mutation { createLecture(input: {title: "Tides"}) { lecture { id } } }'
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def start(resources: Resources, lecture_id: str, workflow: dict[str, Any]) -> uuid.UUID:
    data = await gql(
        resources,
        "mutation($l: ID!, $w: WorkflowInput!) { startRun(input: {lectureId: $l, workflow: $w}) "
        "{ run { id } userErrors { message } } }",
        l=lecture_id,
        w=workflow,
    )
    assert data["startRun"]["userErrors"] == []
    from strawberry import relay

    return uuid.UUID(relay.GlobalID.from_id(data["startRun"]["run"]["id"]).node_id)


async def wait_for(
    resources: Resources, run_id: uuid.UUID, predicate: Callable[[RunState], bool]
) -> RunState:
    with resources.feed.subscribe(run_id=run_id) as changes:
        while True:
            state = (await resources.store.require(run_id)).state
            if predicate(state):
                return state
            await asyncio.wait_for(changes.next_batch(), timeout=20)


async def decide(resources: Resources, run_id: uuid.UUID, request_id: str, decision: str) -> None:
    from strawberry import relay

    data = await gql(
        resources,
        "mutation($r: ID!, $q: String!, $d: Decision!) { resolveHumanRequest(input: "
        "{runId: $r, requestId: $q, decision: $d}) { userErrors { message } } }",
        r=str(relay.GlobalID("WorkflowRun", str(run_id))),
        q=request_id,
        d=decision,
    )
    assert data["resolveHumanRequest"]["userErrors"] == []


def waiting(state: RunState) -> bool:
    return state.pending_request() is not None


def finished(state: RunState) -> bool:
    return state.status.is_terminal


async def test_script_failure_stops_the_run_failed_at_step_two_with_the_provider_message(
    scripted: Any,
) -> None:
    text = ScriptedText(failures={"script": "The model is overloaded (request id abc123)"})
    resources = await scripted(text=text)
    run_id = await start(resources, await lecture(resources), {"fullVideo": {"prompt": "tides"}})
    await wait_for(resources, run_id, waiting)
    await decide(resources, run_id, "review-configuration", "ACCEPT")
    state = await wait_for(resources, run_id, finished)

    assert state.status.value == "failed"
    assert (state.current_step, state.total_steps) == (2, 6)
    script = state.steps[1]
    assert [m.text for m in script.messages] == [
        "Starting to create the script",
        "Error creating script: The model is overloaded (request id abc123)",
    ]
    assert script.status.value == "failed"
    assert state.error is not None
    assert state.error.message == "The model is overloaded (request id abc123)"
    assert [s.status.value for s in state.steps[2:]] == ["pending"] * 4
    assert text.calls["script"] == 1  # a permanent failure is not retried


async def test_an_image_failing_twice_is_retried_alone_without_regenerating_the_others(
    scripted: Any,
) -> None:
    images = FlakyImages(marker="scene 2:", failures=2)
    resources = await scripted(image=images)
    prompt = "A 30 second lecture on tides, segments of 10 seconds, 2 images per segment"
    run_id = await start(resources, await lecture(resources), {"fullVideo": {"prompt": prompt}})
    await wait_for(resources, run_id, waiting)
    await decide(resources, run_id, "review-configuration", "ACCEPT")
    state = await wait_for(resources, run_id, finished)

    assert state.status.value == "completed"
    flaky = [p for p in images.calls if "scene 2:" in p]
    assert len(flaky) == 2  # segment 2 has two pictures, each failed twice then succeeded
    assert all(images.calls[p] == 3 for p in flaky)
    assert all(n == 1 for p, n in images.calls.items() if p not in flaky)
    assert len(images.calls) == 6


@pytest.mark.parametrize(
    ("workflow", "request_id", "slot_query", "accepted", "rejected"),
    [
        (
            {"narration": {"segment": 1, "text": "Tides rise twice a day."}},
            "review-narration",
            "narration(segment: 1) { url }",
            "The narration audio is now saved and will be used in video",
            "The narration audio is not selected. You can try another generation",
        ),
        (
            {"backgroundScore": {}},
            "review-score",
            "score { url }",
            "The background score is now saved and will be used in video",
            "The background score is not selected. You can try another generation",
        ),
    ],
)
async def test_audio_reviews_keep_the_previous_asset_on_reject(
    scripted: Any,
    workflow: dict[str, Any],
    request_id: str,
    slot_query: str,
    accepted: str,
    rejected: str,
) -> None:
    resources = await scripted()
    lecture_id = await lecture(resources)
    read = f"query($id: ID!) {{ lecture(id: $id) {{ {slot_query} }} }}"

    async def current() -> Any:
        (value,) = (await gql(resources, read, id=lecture_id))["lecture"].values()
        return value

    first = await start(resources, lecture_id, workflow)
    await wait_for(resources, first, waiting)
    await decide(resources, first, request_id, "ACCEPT")
    done = await wait_for(resources, first, finished)
    assert done.steps[0].messages[-1].text == accepted
    kept = await current()
    assert kept is not None

    changed = {
        k: {**v, **({"text": "Different words."} if "segment" in v else {"musicStyle": "jazz"})}
        for k, v in workflow.items()
    }
    second = await start(resources, lecture_id, changed)
    pending = await wait_for(resources, second, waiting)
    review = pending.pending_request()
    assert review is not None
    assert review[1].payload.previous is not None  # type: ignore[attr-defined]
    await decide(resources, second, request_id, "REJECT")
    done = await wait_for(resources, second, finished)
    assert done.steps[0].messages[-1].text == rejected
    assert await current() == kept


async def test_a_review_left_undecided_past_the_limit_ends_the_run_with_a_clear_message(
    database_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        review_window_seconds=0.05,
        review_limit_seconds=0.3,
    )
    resources = await Resources.open(settings)
    try:
        run_id = await start(resources, await lecture(resources), {"image": {"prompt": "a bay"}})
        state = await wait_for(resources, run_id, finished)
    finally:
        await resources.close()
    assert state.status.value == "failed"
    assert state.error is not None
    assert state.error.code == "REVIEW_EXPIRED"
    assert state.error.message.startswith('Nobody answered "Review Image" within 0.3 seconds')
    assert state.pending_request() is None
    assert state.steps[0].messages[-1].text == state.error.message
