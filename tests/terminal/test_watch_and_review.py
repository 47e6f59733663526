"""The terminal client against the real server (real HTTP, real graphql-transport-ws, the local
runner and the offline twins): `watch` follows a run to completion while `review` answers it,
and a watch whose server went away resumes from its cursor and misses nothing."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from src.resources import Resources
from tests.graphql_client import GraphQLClient
from tests.servers import free_port, serving
from tests.terminal.helpers import Screen, run_review, run_start, run_watch

LECTURE = "mutation($t: String!) { createLecture(input: {title: $t}) { lecture { id } } }"
RUN = "query($id: ID!) { run(id: $id) { status } }"
CONFIG = "query($id: ID!) { lecture(id: $id) { config { durationSeconds segmentLengthSeconds } } }"
DECIDE = """mutation($runId: ID!) { resolveHumanRequest(input: {runId: $runId,
  requestId: "review-image", decision: ACCEPT}) { userErrors { code } } }"""


async def new_lecture(gql: GraphQLClient, title: str) -> str:
    data = await gql.execute(LECTURE, t=title)
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


def after(text: str, first: str, then: str) -> bool:
    return first in text and then in text[text.index(first) :]


async def test_watch_follows_an_image_run_and_review_accept_moves_it_on(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Tides")
    run_id = await run_start(server, lecture_id, kind="image", prompt="the moon pulling the sea")
    screen = Screen()
    watching = asyncio.create_task(
        run_watch(server, screen, lecture_id=lecture_id, until_done=True)
    )
    await screen.wait_for("Review Image — answer with: agent-progress review " + run_id)
    assert "Generating Image · 1/1 Steps · Waiting for you" in screen.text
    assert "? 1/1 Image Ready for Review" in screen.text
    assert "• Starting image generation" in screen.text

    code, shown = await run_review(server, run_id, accept=True)
    assert code == 0
    assert "Review Image" in shown and "/assets/" in shown  # the candidate's URL, to open
    assert "Accepted." in shown

    assert await asyncio.wait_for(watching, 20) == 0  # --until-done: the run finished
    assert after(screen.text, "Waiting for you", "Generating Image · 1/1 Steps · Completed")
    assert after(screen.text, "Completed", "• The image is now saved and will be used in video")
    assert (await gql.execute(RUN, id=run_id))["run"]["status"] == "COMPLETED"


async def test_watch_shows_a_full_video_to_6_of_6_after_a_configuration_edited_as_json(
    server: str, gql: GraphQLClient, tmp_path: Path
) -> None:
    lecture_id = await new_lecture(gql, "Volcanoes")
    run_id = await run_start(
        server, lecture_id, kind="full-video", prompt="A lecture on volcanoes, 1 image per segment"
    )
    screen = Screen()
    watching = asyncio.create_task(
        run_watch(server, screen, lecture_id=lecture_id, until_done=True)
    )
    await screen.wait_for("Review and Confirm Configuration — answer with")
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps({"durationSeconds": 30, "segmentLengthSeconds": 15}))

    code, shown = await run_review(server, run_id, edit_json=str(edits))
    assert code == 0
    assert "durationSeconds" in shown and "Accepted." in shown

    assert await asyncio.wait_for(watching, 60) == 0
    text = screen.text
    for line in (
        "Generating Full Video · 1/6 Steps · Waiting for you",
        "• Analyzing the input prompt",
        "• Configuration saved, proceeding to generation",
        "• Successfully created the script",
        "Generating Full Video · 6/6 Steps · Completed",
        "• Timeline is generated. Your video is ready to play",
    ):
        assert line in text, line
    for number in range(1, 7):
        assert f"✓ {number}/6 " in text  # every step's header, completed
    config = (await gql.execute(CONFIG, id=lecture_id))["lecture"]["config"]
    assert config == {"durationSeconds": 30, "segmentLengthSeconds": 15}


async def test_watch_resumes_from_its_cursor_after_the_server_restarts_and_misses_nothing(
    resources: Resources, server: str, gql: GraphQLClient
) -> None:
    """The watched server stops while the run waits for review; the review is answered
    elsewhere and the run completes while the watch is disconnected; the server comes back on
    the same port and the watch shows the completion."""
    lecture_id = await new_lecture(gql, "Glaciers")
    port = free_port()
    screen = Screen()
    async with serving(resources, port=port) as watched:
        run_id = await run_start(watched, lecture_id, kind="image", prompt="ice carving a valley")
        watching = asyncio.create_task(
            run_watch(watched, screen, lecture_id=lecture_id, until_done=True)
        )
        await screen.wait_for("Review Image — answer with")
    await screen.wait_for("Connection lost; reconnecting…")

    # While it is away: answered through the other server; the run completes.
    assert (await gql.execute(DECIDE, runId=run_id))["resolveHumanRequest"]["userErrors"] == []
    for _ in range(200):
        if (await gql.execute(RUN, id=run_id))["run"]["status"] == "COMPLETED":
            break
        await asyncio.sleep(0.05)
    assert "Completed" not in screen.text

    async with serving(resources, port=port):
        assert await asyncio.wait_for(watching, 30) == 0
    text = screen.text
    assert after(text, "Connection lost", "Reconnected; catching up.")
    assert after(text, "Reconnected", "Generating Image · 1/1 Steps · Completed")
    assert after(text, "Reconnected", "• The image is now saved and will be used in video")


async def test_review_of_a_run_with_nothing_pending_says_so_and_exits_non_zero(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Rivers")
    run_id = await run_start(server, lecture_id, kind="image", prompt="a river delta")
    _, shown = await run_review_when_pending(server, run_id, reject=True)
    assert "Rejected." in shown
    for _ in range(200):
        if (await gql.execute(RUN, id=run_id))["run"]["status"] != "WAITING_FOR_INPUT":
            break
        await asyncio.sleep(0.05)
    code, shown = await run_review(server, run_id, accept=True)
    assert code == 1
    assert "Nothing to review: Generating Image · 1/1 Steps" in shown


async def run_review_when_pending(server: str, run_id: str, **flags: Any) -> tuple[int, str]:
    screen = Screen()
    watching = asyncio.create_task(run_watch(server, screen, lecture_id=None, until_done=True))
    await screen.wait_for("answer with: agent-progress review " + run_id)
    result = await run_review(server, run_id, **flags)
    assert await asyncio.wait_for(watching, 20) == 0
    return result


EDITOR_SCRIPT = """
import json, sys
path = sys.argv[1]
document = json.load(open(path))
assert document["voice"] == "alloy", document  # the candidate configuration, as JSON
document.update(voice="nova", durationSeconds=20, segmentLengthSeconds=10)
json.dump(document, open(path, "w"))
"""
VOICE = "query($id: ID!) { lecture(id: $id) { config { voice durationSeconds } } }"


async def test_review_editor_opens_the_configuration_as_json_and_sends_what_was_changed(
    server: str, gql: GraphQLClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    lecture_id = await new_lecture(gql, "Deserts")
    run_id = await run_start(server, lecture_id, kind="full-video", prompt="Deserts at night")
    screen = Screen()
    watching = asyncio.create_task(
        run_watch(server, screen, lecture_id=lecture_id, until_done=True)
    )
    await screen.wait_for("Review and Confirm Configuration — answer with")

    code, shown = await run_review(server, run_id, editor=True)
    assert code == 0 and "Accepted." in shown
    assert await asyncio.wait_for(watching, 60) == 0
    config = (await gql.execute(VOICE, id=lecture_id))["lecture"]["config"]
    assert config == {"voice": "nova", "durationSeconds": 20}
    assert "Generating Full Video · 6/6 Steps · Completed" in screen.text
