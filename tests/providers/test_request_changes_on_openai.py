"""Request changes on the real OpenAI SDK, against the local stand-in server, through the real
GraphQL API: each round's feedback (and every earlier round's) is in the request the provider
receives — the image prompt, and the speech model's delivery instructions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from src.resources import Resources
from tests.graphql_client import GraphQLClient
from tests.providers.openai_standin import IMAGES, SPEECH, OpenAIStandIn
from tests.servers import serving
from tests.test_image_workflow_e2e import CHANGES, create_lecture, finished
from tests.test_richer_reviews_e2e import asks, decide, until

NIGHT = "Make it a night scene"
LAVA = "Show the lava glowing orange"


@pytest.fixture
async def api_on_openai(on_openai: Resources) -> AsyncIterator[GraphQLClient]:
    async with serving(on_openai) as url:
        client = GraphQLClient(url)
        yield client
        await client.close()


async def two_rounds_of_changes(
    gql: GraphQLClient, lecture_id: str, run_id: str, request_id: str
) -> dict[str, Any]:
    """Request changes twice (NIGHT, then LAVA), then accept the third candidate."""
    async with gql.subscribe(CHANGES, lectureId=lecture_id) as changes:
        await until(gql, changes, run_id, asks(request_id))
        feedback = {"decision": "REQUEST_CHANGES", "feedback": NIGHT}
        assert await decide(gql, run_id, request_id, **feedback) == []
        await until(gql, changes, run_id, asks(f"{request_id}-2"))
        feedback = {"decision": "REQUEST_CHANGES", "feedback": LAVA}
        assert await decide(gql, run_id, f"{request_id}-2", **feedback) == []
        await until(gql, changes, run_id, asks(f"{request_id}-3"))
        assert await decide(gql, run_id, f"{request_id}-3", decision="ACCEPT") == []
        return await until(gql, changes, run_id, finished)


async def start(gql: GraphQLClient, lecture_id: str, workflow: str) -> str:
    data = await gql.execute(
        f"mutation($lectureId: ID!) {{ startRun(input: {{lectureId: $lectureId, "
        f"workflow: {workflow}}}) {{ run {{ id }} userErrors {{ code }} }} }}",
        lectureId=lecture_id,
    )
    assert data["startRun"]["userErrors"] == []
    run_id: str = data["startRun"]["run"]["id"]
    return run_id


async def test_image_feedback_of_every_round_reaches_the_image_request(
    api_on_openai: GraphQLClient, standin: OpenAIStandIn
) -> None:
    gql = api_on_openai
    lecture_id = await create_lecture(gql)
    run_id = await start(gql, lecture_id, '{image: {prompt: "a volcano"}}')
    done = await two_rounds_of_changes(gql, lecture_id, run_id, "review-image")

    assert done["status"] == "COMPLETED"
    first, second, third = (body["prompt"] for body in standin.bodies(IMAGES))
    assert first.startswith("a volcano") and NIGHT not in first and LAVA not in first
    assert NIGHT in second and LAVA not in second
    assert NIGHT in third and LAVA in third
    assert third.index(NIGHT) < third.index(LAVA)  # the latest request last
    assert "The reviewer asked for these changes" in third


async def test_narration_feedback_reaches_the_speech_instructions(
    api_on_openai: GraphQLClient, standin: OpenAIStandIn
) -> None:
    gql = api_on_openai
    lecture_id = await create_lecture(gql)
    run_id = await start(gql, lecture_id, '{narration: {segment: 1, text: "Lava is molten rock."}}')
    done = await two_rounds_of_changes(gql, lecture_id, run_id, "review-narration")

    assert done["status"] == "COMPLETED"
    bodies = standin.bodies(SPEECH)
    assert [body["input"] for body in bodies] == ["Lava is molten rock."] * 3
    first, second, third = (body["instructions"] for body in bodies)
    assert NIGHT not in first
    assert NIGHT in second and LAVA not in second
    assert NIGHT in third and LAVA in third
