"""The terminal client's answers of issue 10 against the real server (real HTTP, the local
runner, PostgreSQL, the offline image twin): `start image --variations 4` then `review
--choose`, `review --request-changes` round after round, and a decision made on a request that
was re-issued while the client showed it, refused with the plain CONFLICT message."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from src.assets.library import AssetStatus
from src.resources import Resources
from src.terminal.render import deadline_in_words
from tests.graphql_client import GraphQLClient
from tests.terminal.helpers import Screen, run_review, run_start, run_watch
from tests.terminal.terminal import Terminal, piped
from tests.terminal.test_watch_and_review import new_lecture
from tests.test_richer_reviews_e2e import DECIDE, LECTURE, read

STATUS = "query($id: ID!) { run(id: $id) { status steps { ... on Step { request { id } } } } }"


async def asks(gql: GraphQLClient, run_id: str, request_id: str) -> dict[str, Any]:
    """The run (as tests.test_richer_reviews_e2e reads it) once it waits on `request_id`."""
    for _ in range(400):
        data = (await gql.execute(STATUS, id=run_id))["run"]
        request = data["steps"][0]["request"]
        if data["status"] == "WAITING_FOR_INPUT" and request and request["id"] == request_id:
            return await read(gql, run_id)
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} never asked {request_id}")


async def finished(gql: GraphQLClient, run_id: str) -> dict[str, Any]:
    for _ in range(400):
        run = await read(gql, run_id)
        if run["status"] in {"COMPLETED", "FAILED", "CANCELLED"}:
            return run
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} never finished")


async def test_start_with_four_variations_then_review_choose_the_second_keeps_only_it(
    server: str, gql: GraphQLClient, resources: Resources
) -> None:
    lecture_id = await new_lecture(gql, "Volcanoes")
    run_id = await run_start(
        server, lecture_id, kind="image", prompt="a volcano at dusk", variations=4
    )
    pending = await asks(gql, run_id, "review-image")
    offered = [c["id"] for c in pending["steps"][0]["candidates"]]
    assert len(offered) == 4
    chosen = offered[1]

    code, shown = await run_review(server, run_id, choose=chosen)
    assert code == 0
    assert "Choose one of 4 candidates (--choose ID):" in shown
    lines = shown.splitlines()
    for number, asset_id in enumerate(offered, start=1):
        # One line each, numbered in the server's order: the ID to pass, the URL to open.
        line = next(line for line in lines if asset_id in line)
        assert line.strip().startswith(f"{number}. {asset_id}  http"), line
        assert "/assets/" in line
    assert "Accepted." in shown

    done = await finished(gql, run_id)
    assert done["status"] == "COMPLETED"
    step = done["steps"][0]
    assert step["candidate"]["id"] == chosen
    assert [(d["decision"], d["choice"]) for d in step["decisions"]] == [("ACCEPT", chosen)]
    assert (await gql.execute(LECTURE, id=lecture_id))["lecture"]["image"]["id"] == chosen
    for asset_id in offered:
        stored = await resources.assets.get(uuid.UUID(asset_id))
        assert stored is not None
        expected = AssetStatus.CURRENT if asset_id == chosen else AssetStatus.DISCARDED
        assert stored.status is expected, asset_id


async def test_review_choose_of_an_asset_not_offered_is_refused_and_changes_nothing(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Islands")
    run_id = await run_start(server, lecture_id, kind="image", prompt="an island", variations=2)
    before = await asks(gql, run_id, "review-image")
    code, _, err = await piped("review", run_id, "--choose", str(uuid.uuid4()), "--url", server)
    assert code == 1
    assert err.startswith("agent-progress review: ")
    assert "Traceback" not in err
    assert await read(gql, run_id) == before


async def test_request_changes_twice_then_accept_counts_the_rounds_down_and_feeds_the_prompt(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Deserts")
    run_id = await run_start(server, lecture_id, kind="image", prompt="a desert at noon")
    screen = Screen()
    watching = asyncio.create_task(
        run_watch(server, screen, lecture_id=lecture_id, until_done=True)
    )
    first = await asks(gql, run_id, "review-image")
    deadline = deadline_in_words(first["steps"][0]["request"]["expiresAt"])
    # The watch shows the pending review's deadline and rounds left, as the panel does.
    await screen.wait_for(f"agent-progress review {run_id} ({deadline}; 2 change")
    assert f"({deadline}; 2 change requests left)" in screen.text

    code, shown = await run_review(server, run_id, request_changes="warmer colours")
    assert code == 0
    assert f"Review Image · 2 change requests left · {deadline}" in shown
    assert "Changes requested." in shown
    second = await asks(gql, run_id, "review-image-2")
    assert "warmer colours" in second["steps"][0]["prompt"]

    code, shown = await run_review(server, run_id, request_changes="add a camel")
    assert code == 0
    assert "1 change request left" in shown and "Changes requested." in shown
    third = await asks(gql, run_id, "review-image-3")
    await screen.wait_for("; no change requests left)")
    prompt = third["steps"][0]["prompt"]
    assert "warmer colours" in prompt and "add a camel" in prompt  # what the provider was asked

    # The rounds are used: the review says so, and another request is refused by the server.
    code, _, err = await piped("review", run_id, "--request-changes", "more sand", "--url", server)
    assert code == 1 and "agent-progress review: " in err and "Traceback" not in err
    assert await read(gql, run_id) == third

    code, shown = await run_review(server, run_id, accept=True)
    assert code == 0
    assert "no change requests left" in shown and "Accepted." in shown
    assert await asyncio.wait_for(watching, 30) == 0
    done = await finished(gql, run_id)
    assert done["status"] == "COMPLETED"
    assert [
        (d["requestId"], d["decision"], d["feedback"]) for d in done["steps"][0]["decisions"]
    ] == [
        ("review-image", "REQUEST_CHANGES", "warmer colours"),
        ("review-image-2", "REQUEST_CHANGES", "add a camel"),
        ("review-image-3", "ACCEPT", None),
    ]
    assert "• Regenerating with your feedback (2 of 3)" in screen.text
    assert "• Regenerating with your feedback (3 of 3)" in screen.text


async def test_an_answer_to_a_request_re_issued_while_it_was_shown_is_refused_with_conflict(
    server: str, gql: GraphQLClient
) -> None:
    """The interactive review shows round 1 and waits at its prompt; meanwhile someone else
    requests changes through the API (round 2). The person then accepts what they saw: the
    client sends the version it showed, the server refuses it, the client says so plainly and
    exits non-zero, and the run still waits on round 2."""
    lecture_id = await new_lecture(gql, "Glaciers")
    run_id = await run_start(server, lecture_id, kind="image", prompt="a glacier")
    first = await asks(gql, run_id, "review-image")
    seen = first["steps"][0]["request"]["version"]

    screen = await Terminal().start("review", run_id, "--url", server)
    await screen.expect("Your answer [a/r/f]")
    data = await gql.execute(
        DECIDE,
        runId=run_id,
        requestId="review-image",
        decision="REQUEST_CHANGES",
        feedback="warmer colours",
        version=seen,
    )
    assert data["resolveHumanRequest"]["userErrors"] == []
    before = await asks(gql, run_id, "review-image-2")
    assert before["steps"][0]["request"]["version"] == seen + 1

    screen.type("a\r")
    assert await screen.exit_code() == 1
    text = screen.text[screen.text.index("Your answer") :]
    assert "agent-progress review: " in text
    assert "changed since you opened it" in text
    assert "Accepted." not in text and "Traceback" not in text
    assert await read(gql, run_id) == before


async def test_the_interactive_review_chooses_a_candidate_by_its_listed_number(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Reefs")
    code, out, _ = await piped(
        "start", "image", "--lecture", lecture_id, "--prompt", "a coral reef",
        "--variations", "3", "--url", server,
    )  # fmt: skip
    assert code == 0
    run_id = out.strip()
    pending = await asks(gql, run_id, "review-image")
    offered = [c["id"] for c in pending["steps"][0]["candidates"]]
    assert len(offered) == 3

    screen = await Terminal().start("review", run_id, "--url", server)
    await screen.expect(f"3. {offered[2]}  http")
    await screen.expect("Your answer [a/r/c/f]")
    screen.type("c\r")
    await screen.expect("Which candidate [1/2/3]")
    screen.type("3\r")
    await screen.expect("Accepted.")
    assert await screen.exit_code() == 0
    done = await finished(gql, run_id)
    assert done["steps"][0]["candidate"]["id"] == offered[2]


async def test_the_interactive_review_requests_changes_with_the_feedback_typed(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Canyons")
    run_id = await run_start(server, lecture_id, kind="image", prompt="a canyon")
    await asks(gql, run_id, "review-image")

    screen = await Terminal().start("review", run_id, "--url", server)
    await screen.expect("Your answer [a/r/f]")
    screen.type("f\r")
    await screen.expect("What should change")
    screen.type("warmer colours\r")
    await screen.expect("Changes requested.")
    assert await screen.exit_code() == 0
    second = await asks(gql, run_id, "review-image-2")
    assert "warmer colours" in second["steps"][0]["prompt"]
    assert second["steps"][0]["request"]["changeRoundsLeft"] == 1
