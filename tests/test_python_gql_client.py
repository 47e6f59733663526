"""The Python `gql` client against the real server: queries and mutations over HTTP (httpx),
the run-change subscription over graphql-transport-ws, documents validated against the schema
the server serves."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

import pytest
from gql.client import AsyncClientSession
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport
from graphql import GraphQLSchema

from gql import Client, GraphQLRequest

CREATE_LECTURE = GraphQLRequest(
    "mutation($title: String!) { createLecture(input: {title: $title, prompt: $title}) "
    "{ lecture { id } userErrors { code message } } }"
)
START_IMAGE = GraphQLRequest(
    """mutation($lectureId: ID!, $prompt: String!) {
      startRun(input: {lectureId: $lectureId, workflow: {image: {prompt: $prompt}}}) {
        run { id status } userErrors { code message } } }"""
)
RUN = GraphQLRequest(
    """query($id: ID!) { run(id: $id) {
      id title status version
      steps { ... on Step { status messages { text } request { id title } } } } }"""
)
RESOLVE = GraphQLRequest(
    """mutation($runId: ID!, $decision: Decision!) {
      resolveHumanRequest(input: {runId: $runId, requestId: "review-image", decision: $decision}) {
        run { id } userErrors { code message } } }"""
)
CANCEL = GraphQLRequest(
    "mutation($runId: ID!) { cancelRun(input: {runId: $runId}) { run { status } userErrors { code } } }"
)
CHANGES = GraphQLRequest(
    """subscription($lectureId: ID, $after: String) {
      runChanges(lectureId: $lectureId, after: $after) { runIds cursor } }"""
)

Changes = asyncio.Queue[dict[str, Any]]


@pytest.fixture
async def http(server: str) -> AsyncIterator[AsyncClientSession]:
    """A gql session over HTTP that fetched the server's schema and validates every document."""
    client = Client(
        transport=HTTPXAsyncTransport(url=f"{server}/graphql", timeout=30),
        fetch_schema_from_transport=True,
    )
    async with client as session:
        yield session


def ws_client(server: str, schema: GraphQLSchema | None) -> Client:
    transport = WebsocketsTransport(
        url=server.replace("http://", "ws://") + "/graphql",
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )
    return Client(transport=transport, schema=schema)


@asynccontextmanager
async def run_changes(
    server: str, schema: GraphQLSchema | None, **variables: Any
) -> AsyncIterator[Changes]:
    """One gql websocket connection with one `runChanges` subscription; yields its payloads."""
    client = ws_client(server, schema)
    async with client as session:
        assert client.transport.subprotocol == "graphql-transport-ws"  # type: ignore[union-attr]
        queue: Changes = asyncio.Queue()

        async def pump() -> None:
            request = GraphQLRequest(CHANGES, variable_values=variables)
            async for data in session.subscribe(request):
                queue.put_nowait(data["runChanges"])

        task = asyncio.create_task(pump())
        try:
            yield queue
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task


async def create_lecture(http: AsyncClientSession, title: str) -> str:
    data = await http.execute(GraphQLRequest(CREATE_LECTURE, variable_values={"title": title}))
    assert data["createLecture"]["userErrors"] == []
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def start_image(http: AsyncClientSession, lecture_id: str, prompt: str) -> str:
    request = GraphQLRequest(
        START_IMAGE, variable_values={"lectureId": lecture_id, "prompt": prompt}
    )
    data = (await http.execute(request))["startRun"]
    assert data["userErrors"] == []
    run_id: str = data["run"]["id"]
    return run_id


async def read_run(http: AsyncClientSession, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await http.execute(GraphQLRequest(RUN, variable_values={"id": run_id})))[
        "run"
    ]
    return run


async def until(
    http: AsyncClientSession,
    changes: Changes,
    run_id: str,
    predicate: Callable[[dict[str, Any]], bool],
) -> tuple[dict[str, Any], str]:
    """Read the run each time a notification names it, until `predicate` holds; the run and
    the cursor of that notification."""

    async def loop() -> tuple[dict[str, Any], str]:
        while True:
            message = await changes.get()
            if run_id in message["runIds"]:
                run = await read_run(http, run_id)
                if predicate(run):
                    return run, message["cursor"]

    return await asyncio.wait_for(loop(), timeout=20)


async def ids_until(changes: Changes, expected: set[str]) -> tuple[set[str], str]:
    """Run IDs received until every expected one came, and the last cursor."""
    seen: set[str] = set()
    cursor = ""
    while not expected <= seen:
        message = await asyncio.wait_for(changes.get(), timeout=10)
        seen.update(message["runIds"])
        cursor = message["cursor"]
    return seen, cursor


def waiting(run: dict[str, Any]) -> bool:
    return run["status"] == "WAITING_FOR_INPUT"


def messages(run: dict[str, Any]) -> list[str]:
    return [m["text"] for m in run["steps"][0]["messages"]]


async def test_gql_client_follows_an_image_run_from_start_to_accepted(
    server: str, http: AsyncClientSession
) -> None:
    lecture_id = await create_lecture(http, "Tides")
    async with run_changes(server, http.client.schema, lectureId=lecture_id) as changes:
        run_id = await start_image(http, lecture_id, "the moon pulling the sea")
        pending, _ = await until(http, changes, run_id, waiting)
        assert pending["title"] == "Generating Image"
        assert "Starting image generation" in messages(pending)
        assert pending["steps"][0]["request"] == {"id": "review-image", "title": "Review Image"}

        resolved = await http.execute(
            GraphQLRequest(RESOLVE, variable_values={"runId": run_id, "decision": "ACCEPT"})
        )
        assert resolved["resolveHumanRequest"]["userErrors"] == []
        done, _ = await until(http, changes, run_id, lambda r: r["status"] == "COMPLETED")
    assert done["steps"][0]["status"] == "COMPLETED"
    assert done["steps"][0]["request"] is None
    assert messages(done)[-1] == "The image is now saved and will be used in video"
    assert done["version"] > pending["version"]


async def test_gql_client_resumes_from_its_last_cursor_and_gets_what_changed_while_away(
    server: str, http: AsyncClientSession
) -> None:
    lecture_id = await create_lecture(http, "Glaciers")
    async with run_changes(server, http.client.schema, lectureId=lecture_id) as changes:
        first = await start_image(http, lecture_id, "ice carving a valley")
        _, cursor = await until(http, changes, first, waiting)

    # Away, with the subscription closed: one run is cancelled and another is started.
    cancelled = await http.execute(GraphQLRequest(CANCEL, variable_values={"runId": first}))
    assert cancelled["cancelRun"]["run"]["status"] == "CANCELLED"
    second = await start_image(http, lecture_id, "a glacier calving")

    async with run_changes(
        server, http.client.schema, lectureId=lecture_id, after=cursor
    ) as changes:
        seen, _ = await ids_until(changes, {first, second})
        assert seen == {first, second}
        assert (await read_run(http, first))["status"] == "CANCELLED"
        await http.execute(GraphQLRequest(CANCEL, variable_values={"runId": second}))
