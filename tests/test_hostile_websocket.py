"""Malformed graphql-transport-ws messages close the socket with 4400 and a reason (a close
frame, not a dropped TCP connection); the server logs a warning, never a traceback, and keeps
serving everyone else."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import struct
from collections.abc import Iterator
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from tests.graphql_client import GraphQLClient

PROTOCOL = "graphql-transport-ws"
SUBSCRIPTION = "subscription { runChanges { runIds } }"


def subscribe(payload: Any, id: Any = "1") -> dict[str, Any]:
    return {"id": id, "type": "subscribe", "payload": payload}


def deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": value}
    return value


MALFORMED: dict[str, str | bytes] = {
    "json-array": json.dumps([{"type": "connection_init"}]),
    "empty-array": "[]",
    "json-string": '"subscribe"',
    "json-number": "1",
    "json-null": "null",
    "json-true": "true",
    "not-json": "{not json",
    "binary-frame": b"\x00\x01\x02",
    "binary-json": json.dumps({"type": "ping"}).encode(),
    "nested-beyond-the-decoder": "[" * 100_000 + "]" * 100_000,
    "missing-type": json.dumps({"id": "1"}),
    "type-not-a-string": json.dumps({"type": ["subscribe"]}),
    "unknown-type": json.dumps({"type": "hack"}),
    "subscribe-payload-string": json.dumps(subscribe("query")),
    "subscribe-payload-array": json.dumps(subscribe([SUBSCRIPTION])),
    "subscribe-payload-null": json.dumps(subscribe(None)),
    "subscribe-missing-payload": json.dumps({"id": "1", "type": "subscribe"}),
    "subscribe-missing-id": json.dumps({"type": "subscribe", "payload": {"query": SUBSCRIPTION}}),
    "subscribe-id-number": json.dumps(subscribe({"query": SUBSCRIPTION}, id=1)),
    "subscribe-id-list": json.dumps(subscribe({"query": SUBSCRIPTION}, id=["1"])),
    "subscribe-id-object": json.dumps(subscribe({"query": SUBSCRIPTION}, id={"a": 1})),
    "query-not-a-string": json.dumps(subscribe({"query": 5})),
    "query-missing": json.dumps(subscribe({"variables": {}})),
    "variables-not-an-object": json.dumps(subscribe({"query": SUBSCRIPTION, "variables": [1]})),
    "operation-name-not-a-string": json.dumps(
        subscribe({"query": SUBSCRIPTION, "operationName": 5})
    ),
    "extensions-not-an-object": json.dumps(subscribe({"query": SUBSCRIPTION, "extensions": 5})),
    "variables-nested-deep": json.dumps(subscribe({"query": SUBSCRIPTION, "variables": deep(60)})),
    "complete-missing-id": json.dumps({"type": "complete"}),
    "complete-id-number": json.dumps({"type": "complete", "id": 7}),
    "ping-payload-string": json.dumps({"type": "ping", "payload": "x"}),
}


@pytest.fixture
def server_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    uvicorn = logging.getLogger("uvicorn")
    uvicorn.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)
    try:
        yield caplog
    finally:
        uvicorn.removeHandler(caplog.handler)


def ws_url(server: str) -> str:
    return server.replace("http://", "ws://") + "/graphql"


async def initialised(ws: ClientConnection) -> None:
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"


async def closed_by_server(ws: ClientConnection) -> tuple[int, str]:
    """The close frame the server sends; fails if it drops the connection without one."""
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with asyncio.timeout(10):  # a bound for a server that never closes, not a speed
            while True:
                await ws.recv()
    frame = closed.value.rcvd
    assert frame is not None, "the server dropped the connection without a close frame"
    return frame.code, frame.reason


def assert_warned_not_crashed(log: pytest.LogCaptureFixture) -> None:
    bad = [r for r in log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [r.getMessage()[:200] for r in bad]
    assert any(
        r.levelno == logging.WARNING and "graphql-transport-ws" in r.getMessage()
        for r in log.records
    )


@pytest.mark.parametrize("initialise", [True, False], ids=["after-init", "before-init"])
@pytest.mark.parametrize("frame", MALFORMED.values(), ids=MALFORMED.keys())
async def test_a_malformed_message_closes_with_4400_and_a_reason(
    server: str,
    gql: GraphQLClient,
    server_log: pytest.LogCaptureFixture,
    frame: str | bytes,
    initialise: bool,
) -> None:
    async with websockets.connect(ws_url(server), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        if initialise:
            await initialised(ws)
        await ws.send(frame)
        code, reason = await closed_by_server(ws)
    assert code == 4400, (code, reason)
    assert reason
    assert "Error" not in reason and "Traceback" not in reason
    assert_warned_not_crashed(server_log)
    # Everyone else is still served.
    async with gql.subscribe(SUBSCRIPTION):
        pass


async def test_a_duplicate_subscription_id_closes_with_4409(
    server: str, server_log: pytest.LogCaptureFixture
) -> None:
    """The protocol's own code for this case."""
    async with websockets.connect(ws_url(server), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        await initialised(ws)
        await ws.send(json.dumps(subscribe({"query": SUBSCRIPTION}, id="same")))
        await ws.send(json.dumps(subscribe({"query": SUBSCRIPTION}, id="same")))
        code, reason = await closed_by_server(ws)
    assert code == 4409
    assert "same" in reason
    bad = [r for r in server_log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad


@pytest.mark.parametrize("text", ["a\ud800b", "a\x00b"], ids=["surrogate", "nul"])
async def test_unstorable_text_in_subscription_variables_is_an_invalid_input_error(
    server: str, server_log: pytest.LogCaptureFixture, text: str
) -> None:
    query = "subscription($l: ID) { runChanges(lectureId: $l) { runIds } }"
    async with websockets.connect(ws_url(server), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        await initialised(ws)
        await ws.send(json.dumps(subscribe({"query": query, "variables": {"l": text}})))
        reply = json.loads(await ws.recv())
        assert reply["type"] == "error" and reply["id"] == "1"
        [error] = reply["payload"]
        assert error["extensions"] == {"code": "INVALID_INPUT"}
        await ws.send(json.dumps({"type": "ping"}))  # the connection is still open
        assert json.loads(await ws.recv())["type"] == "pong"
    bad = [r for r in server_log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad


async def test_an_unstorable_token_in_connection_init_is_refused_not_crashed(
    server: str,
    resources: Any,
    server_log: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With token auth, a "token" holding a lone surrogate is simply not a valid token."""
    from src.auth.tokens import AccessTokens
    from src.settings import AuthMode

    monkeypatch.setattr(resources.settings, "auth", AuthMode.TOKENS)
    monkeypatch.setattr(resources, "tokens", AccessTokens(resources.database.engine))
    async with websockets.connect(ws_url(server), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer a\ud800"}})
        )
        code, _ = await closed_by_server(ws)
    assert code == 4403
    bad = [r for r in server_log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad


VANISHING_FRAMES: dict[str, str | bytes] = {
    "binary": MALFORMED["binary-frame"],  # refused by Strawberry's own loop
    "unknown-type": MALFORMED["unknown-type"],  # refused by our message check
    "second-connection-init": json.dumps({"type": "connection_init"}),  # refused with 4429
    "subscribe": json.dumps(subscribe({"query": SUBSCRIPTION})),  # answered, not refused
}
VANISHING_CLIENTS = 30


async def vanish_after(url: str, frame: str | bytes) -> None:
    """Open a graphql-transport-ws session, send connection_init and `frame` without waiting
    for any answer, and reset the TCP connection (no close frame) — as a client does that
    closes its socket with frames still unread. The server's connection_ack then fails to
    write, uvicorn sees the connection lost, and the server's answer to `frame` (a close, or
    a subscription's frames) finds no peer. Deterministic: it fails every time without the
    fix, not by chance."""
    ws = await websockets.connect(url, subprotocols=[PROTOCOL])  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init"}))
    await ws.send(frame)
    sock = ws.transport.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
    ws.transport.abort()
    await ws.wait_closed()


@pytest.mark.parametrize("frame", VANISHING_FRAMES.values(), ids=VANISHING_FRAMES.keys())
async def test_a_client_that_vanishes_mid_session_is_let_go_quietly(
    resources: Any, server_log: pytest.LogCaptureFixture, frame: str | bytes
) -> None:
    """A client that drops the TCP connection without a close frame: the server's close (or
    send) then finds no peer, and must end the session quietly. The close used to raise
    Starlette's WebSocketDisconnect, which uvicorn logged as "Exception in ASGI application"
    (or our handler as an unexpected error) with a traceback."""
    from tests.servers import serving_with_server

    async with serving_with_server(resources) as (url, server):
        # uvicorn's Config reset the "uvicorn" logger's handlers: listen again.
        logging.getLogger("uvicorn").addHandler(server_log.handler)
        for _ in range(VANISHING_CLIENTS):
            await vanish_after(ws_url(url), frame)
        # Every session's ASGI task has ended, so anything it would log is logged. The
        # timeout bounds a session that never ends; it does not measure a speed.
        if sessions := set(server.server_state.tasks):
            _, pending = await asyncio.wait(sessions, timeout=30)
            assert not pending, f"{len(pending)} sessions never ended"
        async with websockets.connect(ws_url(url), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
            await initialised(ws)  # and everyone else is still served
    bad = [r for r in server_log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [f"{r.name}: {r.getMessage()[:200]}" for r in bad]
