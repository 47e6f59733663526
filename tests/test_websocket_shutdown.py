"""Closing every websocket at shutdown (src/lifecycle.py): each subscriber hears 1001 and each
endpoint ends by itself, while an idle connection costs no task of the wrapper's own."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from src.lifecycle import GOING_AWAY, SHUTDOWN_REASON, OpenWebSockets
from src.resources import Resources
from tests.servers import serving_with_server

SUBSCRIPTION = "subscription { runChanges { runIds cursor } }"


async def subscribed(url: str) -> ClientConnection:
    ws = await websockets.connect(
        url.replace("http://", "ws://") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
    await ws.send(json.dumps(subscribe))
    assert json.loads(await ws.recv())["type"] == "next"  # the first message: it is live
    return ws


def parked_in_receive() -> set[asyncio.Task[Any]]:
    """Tasks whose whole job is to wait for a websocket's next message or for a shutdown
    signal (what racing each `receive` against an event needs), rather than the endpoint
    awaiting `receive` in its own task."""
    names = {"WebSocketsSansIOProtocol.receive", "Event.wait"}
    return {t for t in asyncio.all_tasks() if not t.done() and t.get_coro().__qualname__ in names}


@pytest.fixture
async def serving(resources: Resources) -> AsyncIterator[tuple[str, Any]]:
    async with serving_with_server(resources) as (url, server):
        yield url, server


async def test_closing_all_tells_each_subscriber_going_away_and_ends_each_endpoint(
    serving: tuple[str, Any],
) -> None:
    url, server = serving
    websockets_: OpenWebSockets = server.config.app.state.websockets
    before = parked_in_receive()  # the app's own (the change feed's, say)
    async with AsyncExitStack() as stack:
        clients = [await subscribed(url) for _ in range(3)]
        for ws in clients:
            stack.push_async_callback(ws.close)
        assert len(websockets_) == 3
        extra = parked_in_receive() - before
        assert not extra, f"idle connections wait in their endpoint's own task, not in {extra}"

        await websockets_.close_all()  # uvicorn's own shutdown has not started

        for ws in clients:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    await asyncio.wait_for(ws.recv(), timeout=30)
            assert closed.value.rcvd is not None
            assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
                GOING_AWAY,
                SHUTDOWN_REASON,
            )
        # Each endpoint heard the disconnect through its pending `receive` and returned: the
        # server's connection tasks end without uvicorn closing anything.
        for _ in range(500):
            if not server.server_state.tasks:
                break
            await asyncio.sleep(0.02)
        assert not server.server_state.tasks, "an endpoint never noticed the shutdown"
        assert len(websockets_) == 0
        assert not server.should_exit
