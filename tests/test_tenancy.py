"""Nobody where they don't belong: with bearer tokens, a second viewer cannot read, list,
cancel, decide, re-run, resume, subscribe to, or fetch the assets of the first viewer's runs. Each
attempt looks exactly like "not found", changes nothing and leaks no notification."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import websockets

from src.resources import Resources
from src.settings import AuthMode, Settings
from tests.graphql_client import GraphQLClient, GraphQLError
from tests.servers import serving
from tests.test_image_workflow_e2e import CANCEL, CHANGES, DECIDE, RERUN, RUN, START, until
from tests.test_resume import RETRY

UPDATE_CONFIG = """mutation($lectureId: ID!) { updateLectureConfiguration(input: {
  lectureId: $lectureId, configuration: {voice: "hijacked"}}) { userErrors { code } } }"""


@pytest.fixture(scope="module")
async def secured(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Any]:
    """A server that requires bearer tokens, and tokens for two viewers."""
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("secured"),
        auth=AuthMode.TOKENS,
        feed_poll_seconds=1.0,
    )
    resources = await Resources.open(settings)
    assert resources.tokens is not None
    _, alice = await resources.tokens.issue(name="alice")
    _, bob = await resources.tokens.issue(name="bob")
    async with serving(resources) as url:
        clients = {"alice": GraphQLClient(url, alice), "bob": GraphQLClient(url, bob)}
        yield clients
        for client in clients.values():
            await client.close()
    await resources.close()


async def test_requests_without_a_valid_token_are_refused(secured: Any) -> None:
    base = secured["alice"].base_url
    for token in (None, "ap_not-a-real-token"):
        anonymous = GraphQLClient(base, token)
        response = await anonymous.http.post(
            "/graphql", json={"query": "{ workflowKinds { key } }"}
        )
        assert response.status_code == 401
        await anonymous.close()
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with websockets.connect(
            base.replace("http", "ws") + "/graphql",
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            await ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_a_second_viewer_sees_nothing_of_the_first_and_changes_nothing(
    secured: Any, tmp_path: Path
) -> None:
    alice, bob = secured["alice"], secured["bob"]
    lecture = (
        await alice.execute(
            'mutation { createLecture(input: {title: "Alice"}) { lecture { id } } }'
        )
    )["createLecture"]["lecture"]["id"]
    async with (
        alice.subscribe(CHANGES, lectureId=lecture) as alice_changes,
        bob.subscribe(CHANGES) as bob_changes,
    ):
        run_id = (await alice.execute(START, lectureId=lecture, prompt="a secret volcano"))[
            "startRun"
        ]["run"]["id"]
        pending = await until(
            alice, alice_changes, run_id, lambda r: r["status"] == "WAITING_FOR_INPUT"
        )
        image_url = pending["steps"][0]["candidate"]["url"]

        # Reading: as if nothing existed.
        assert (await bob.execute(RUN, id=run_id))["run"] is None
        assert (await bob.execute("query($id: ID!) { node(id: $id) { id } }", id=run_id))[
            "node"
        ] is None
        assert (await bob.execute("query($id: ID!) { lecture(id: $id) { id } }", id=lecture))[
            "lecture"
        ] is None
        batch = await bob.execute(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[run_id, lecture, run_id]
        )
        assert batch["nodes"] == [None, None, None]
        listed = await bob.execute("{ runs(first: 100) { nodes { id } } }")
        assert run_id not in [n["id"] for n in listed["runs"]["nodes"]]
        lectures = await bob.execute("{ lectures(first: 100) { nodes { id } } }")
        assert lecture not in [n["id"] for n in lectures["lectures"]["nodes"]]
        assert lecture in [
            n["id"]
            for n in (await alice.execute("{ lectures(first: 100) { nodes { id } } }"))["lectures"][
                "nodes"
            ]
        ]

        # Writing: the same NOT_FOUND a missing ID gets, and nothing changes.
        for mutation, variables in [
            (CANCEL, {"runId": run_id}),
            (RERUN, {"runId": run_id}),
            (RETRY, {"runId": run_id}),
            (DECIDE, {"runId": run_id, "requestId": "review-image", "decision": "ACCEPT"}),
            (START, {"lectureId": lecture, "prompt": "hijack"}),
            (UPDATE_CONFIG, {"lectureId": lecture}),
        ]:
            (payload,) = (await bob.execute(mutation, **variables)).values()
            assert payload["userErrors"][0]["code"] == "NOT_FOUND"
        after = (await alice.execute(RUN, id=run_id))["run"]
        assert after["version"] == pending["version"]
        assert after["status"] == "WAITING_FOR_INPUT"
        voice = "query($id: ID!) { lecture(id: $id) { config { voice } } }"
        assert (await alice.execute(voice, id=lecture))["lecture"]["config"]["voice"] != "hijacked"

        # Subscribing to her lecture is refused like a missing lecture.
        with pytest.raises(GraphQLError, match="No such lecture"):
            async with bob.subscribe(CHANGES, lectureId=lecture) as refused:
                await asyncio.wait_for(refused.get(), timeout=5)

        # Her decision notifies her, and not him.
        await alice.execute(DECIDE, runId=run_id, requestId="review-image", decision="ACCEPT")
        await until(alice, alice_changes, run_id, lambda r: r["status"] == "COMPLETED")
        own = (
            await bob.execute(
                'mutation { createLecture(input: {title: "Bob"}) { lecture { id } } }'
            )
        )["createLecture"]["lecture"]["id"]
        bob_run = (await bob.execute(START, lectureId=own, prompt="his volcano"))["startRun"][
            "run"
        ]["id"]
        seen: list[str] = []
        while bob_run not in seen:
            seen += (await asyncio.wait_for(bob_changes.get(), timeout=10))["runChanges"]["runIds"]
        assert run_id not in seen
        await bob.execute(CANCEL, runId=bob_run)

    # Assets: her signed URL refuses his token; a guessed (unsigned) URL refuses everyone.
    assert (await alice.http.get(image_url)).status_code == 200
    assert (await bob.http.get(image_url)).status_code == 404
    unsigned = image_url.split("?")[0]
    assert (await alice.http.get(unsigned)).status_code == 404
    forged = unsigned + "?sig=AAAAAAAAAAAAAAAAAAAAAAAA"
    assert (await bob.http.get(forged)).status_code == 404
