"""`agent-progress watch | review | start` as a person runs them: in a pseudo-terminal (the
live view, the interactive review), piped for scripts, against a server that wants a token,
and with the plain messages of a refusal or a server that is down."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from src.resources import Resources
from src.settings import AuthMode, Settings
from src.terminal.transport import Endpoint, Refused, run_changes
from tests.graphql_client import GraphQLClient
from tests.servers import free_port, serving
from tests.terminal.terminal import Terminal, cli_env, piped
from tests.terminal.test_watch_and_review import new_lecture

RUN = "query($id: ID!) { run(id: $id) { status } }"


async def status_becomes(gql: GraphQLClient, run_id: str, status: str) -> None:
    for _ in range(400):
        if (await gql.execute(RUN, id=run_id))["run"]["status"] == status:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} never became {status}")


async def test_watch_in_a_terminal_redraws_the_panel_live_until_the_cli_review_completes_it(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Comets")
    code, run_id, _ = await piped(
        "start", "image", "--lecture", lecture_id, "--prompt", "a comet's tail", "--url", server
    )
    run_id = run_id.strip()
    assert code == 0 and run_id.startswith("V29ya2Zsb3dSdW46")  # a WorkflowRun ID, alone

    screen = await Terminal().start(
        "watch", "--lecture", lecture_id, "--until-done", "--url", server
    )
    await screen.expect("agent-progress review " + run_id)  # on a line of its own, to copy
    assert "▶ Review Image — answer with:" in screen.text
    assert "Agent Progress · Comets · Live" in screen.text
    assert "Generating Image · 1/1 Steps · Waiting for you" in screen.text

    code, out, _ = await piped("review", run_id, "--accept", "--url", server)
    assert code == 0 and "Accepted." in out

    assert await screen.exit_code() == 0
    final = screen.text[screen.text.rindex("Agent Progress · Comets") :]
    assert "Generating Image · 1/1 Steps · Completed" in final
    assert "• The image is now saved and will be used in video" in final
    assert "\x1b[2K" in screen.raw or "\x1b[1A" in screen.raw  # redrawn in place, not appended


async def test_review_without_an_answer_asks_in_the_terminal(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Stars")
    _, run_id, _ = await piped(
        "start", "image", "--lecture", lecture_id, "--prompt", "a red giant", "--url", server
    )
    run_id = run_id.strip()
    await status_becomes(gql, run_id, "WAITING_FOR_INPUT")

    screen = await Terminal().start("review", run_id, "--url", server)
    # The image review offers request changes too (f), with its rounds left.
    await screen.expect("2 change requests left")
    await screen.expect("Your answer [a/r/f]")
    screen.type("r\r")
    await screen.expect("Rejected.")
    assert await screen.exit_code() == 0
    await status_becomes(gql, run_id, "COMPLETED")  # a rejected image ends the run, kept image


async def test_review_piped_without_an_answer_says_how_and_changes_nothing(
    server: str, gql: GraphQLClient
) -> None:
    lecture_id = await new_lecture(gql, "Moons")
    _, run_id, _ = await piped(
        "start", "image", "--lecture", lecture_id, "--prompt", "Europa", "--url", server
    )
    run_id = run_id.strip()
    await status_becomes(gql, run_id, "WAITING_FOR_INPUT")
    code, _, err = await piped("review", run_id, "--url", server)
    assert code == 1
    assert "Say how to answer: --accept, --reject" in err
    code, _, err = await piped("review", run_id, "--edit-json", "-", "--url", server, stdin="{")
    assert code == 1
    assert err.strip() == "agent-progress review: Review Image has nothing to edit."
    assert (await gql.execute(RUN, id=run_id))["run"]["status"] == "WAITING_FOR_INPUT"
    assert (await piped("review", run_id, "--reject", "--url", server))[0] == 0


async def test_a_server_that_is_down_and_a_refused_start_print_plain_messages(
    server: str, gql: GraphQLClient
) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    for args in (["watch"], ["review", "V29ya2Zsb3dSdW46eA=="], ["start", "image"]):
        code, _, err = await piped(*args, "--url", down)
        assert code == 1, args
        assert err.strip() == (
            f"agent-progress {args[0]}: Cannot reach the server at {down}. "
            "Is it running (agent-progress serve)?"
        )

    # A typed refusal (userErrors): subtitles need a lecture with a script and narration.
    lecture_id = await new_lecture(gql, "Empty")
    code, out, err = await piped("start", "subtitles", "--lecture", lecture_id, "--url", server)
    assert code == 1 and out == ""
    assert err.startswith("agent-progress start: ")
    assert "Traceback" not in err and "Error" not in err.split(":", 1)[1]

    code, _, err = await piped("start", "score", "--prompt", "x", "--url", server)
    assert code == 1 and "score does not take --prompt." in err


@pytest.fixture(scope="module")
async def secured(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[str, str]]:
    """A server that requires bearer tokens, and a token for it."""
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("terminal-secured"),
        auth=AuthMode.TOKENS,
        feed_poll_seconds=1.0,
    )
    resources = await Resources.open(settings)
    assert resources.tokens is not None
    _, token = await resources.tokens.issue(name="terminal")
    async with serving(resources) as url:
        yield url, token
    await resources.close()


async def test_a_remote_server_with_a_token_from_the_environment(secured: Any) -> None:
    url, token = secured
    code, _, err = await piped("start", "image", "--prompt", "a nebula", "--url", url)
    assert code == 1
    assert "needs a valid token (--token or AGENT_PROGRESS_TOKEN)" in err

    env = cli_env(AGENT_PROGRESS_TOKEN=token)
    code, run_id, err = await piped("start", "image", "--prompt", "a nebula", "--url", url, env=env)
    assert code == 0, err
    assert "Created lecture 'a nebula'" in err

    owner = GraphQLClient(url, token)
    await status_becomes(owner, run_id.strip(), "WAITING_FOR_INPUT")
    await owner.close()
    watching = asyncio.create_task(piped("watch", "--until-done", "--url", url, env=env))
    code, out, err = await piped("review", run_id.strip(), "--reject", "--url", url, env=env)
    assert code == 0 and "Rejected." in out, err
    code, out, _ = await watching
    assert code == 0
    assert "Generating Image · 1/1 Steps · Completed" in out
    assert "• The image is not selected. You can try another generation" in out


async def test_start_watch_follows_the_new_run_until_it_finishes(server: str) -> None:
    screen = await Terminal().start(
        "start", "image", "--prompt", "a lighthouse at night", "--watch", "--url", server
    )
    await screen.expect("▶ Review Image — answer with:")
    await screen.expect("Generating Image · 1/1 Steps · Waiting for you")
    match = re.search(r"agent-progress review (\S+)", screen.text)
    assert match is not None
    code, out, _ = await piped("review", match.group(1), "--accept", "--url", server)
    assert code == 0 and "Accepted." in out
    assert await screen.exit_code() == 0
    assert "Generating Image · 1/1 Steps · Completed" in screen.text


async def test_a_subscription_with_a_refused_token_ends_with_a_plain_message(
    secured: Any,
) -> None:
    url, _ = secured
    changes = run_changes(Endpoint(url, "ap_not-a-real-token"), lecture_id=None)
    with pytest.raises(Refused, match="needs a valid token"):
        async with asyncio.timeout(20):
            await anext(changes)
