"""Shutting down cleanly on SIGTERM and SIGINT.

uvicorn, on either signal: stops accepting, closes websockets with 1012 ("service restart"),
waits for connections, runs the lifespan shutdown (where `Resources.close` lets the local
runner mark what it cannot finish and stops the embedded PostgreSQL), then re-raises the
signal — so `atexit` hooks may never run, which is why nothing important waits for them.

The one thing uvicorn cannot be told is the close code. A server going away for good says
1001 ("going away"), so `Server` closes every open websocket with it before uvicorn's own
shutdown starts, through `OpenWebSockets`, which wraps the websocket endpoints.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

GOING_AWAY = 1001
SHUTDOWN_REASON = "server shutting down"


class _OpenWebSocket:
    """One connection's `send` and `receive` as the endpoint sees them.

    No task and no event per `receive`: at shutdown `close` sends `websocket.close` through
    the server, and uvicorn then hands the endpoint's pending `receive` a
    `websocket.disconnect` itself (its sans-I/O and wsproto protocols queue one as they send
    the close frame; the legacy websockets protocol once the peer answers it, or its close
    timeout ends). Racing every `receive` against a shutdown event instead cost two tasks
    per received message and per idle connection — at 10,000 subscribers, 20,000 tasks the
    garbage collector walked (docs/benchmarks.md, "10,000 subscribers")."""

    __slots__ = ("_receive", "_send", "closed", "going_away")

    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self.closed = False
        """`websocket.close` went out (from the endpoint or from `close`)."""
        self.going_away = False

    async def send(self, message: Message) -> None:
        if self.closed:
            return  # closed by the shutdown: the endpoint's late frames go nowhere
        if message["type"] == "websocket.close":
            self.closed = True
        await self._send(message)

    async def receive(self) -> Message:
        if self.going_away:
            return {"type": "websocket.disconnect", "code": GOING_AWAY}
        return await self._receive()

    async def close(self) -> None:
        self.going_away = True
        await self.send({"type": "websocket.close", "code": GOING_AWAY, "reason": SHUTDOWN_REASON})


class OpenWebSockets:
    """ASGI wrapper of a websocket endpoint that can close all its connections at once.

    Hand-written because no library adds a "close every websocket with this code" hook to
    uvicorn or Starlette; it is a registry of the open connections' wrapped `send`."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._open: set[_OpenWebSocket] = set()
        self.opened = 0
        """Connections accepted since start (for the collector's policy, `src/ops/collector`)."""

    def __len__(self) -> int:
        return len(self._open)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self._app(scope, receive, send)
            return
        connection = _OpenWebSocket(receive, send)
        self._open.add(connection)
        self.opened += 1
        try:
            await self._app(scope, connection.receive, connection.send)
        finally:
            self._open.discard(connection)

    async def close_all(self) -> None:
        """Close every open websocket with 1001; each endpoint then hears the peer has left."""
        connections = list(self._open)
        for connection in connections:
            try:
                await connection.close()
            except Exception:
                log.debug("a websocket was already gone at shutdown", exc_info=True)
        if connections:
            log.info("closed %d websockets (1001, going away)", len(connections))


class Server(uvicorn.Server):
    """uvicorn's server, closing websockets with 1001 when it shuts down."""

    def __init__(self, config: uvicorn.Config, websockets: OpenWebSockets) -> None:
        super().__init__(config)
        self._websockets = websockets

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()  # stop accepting first; uvicorn's shutdown does it again, harmlessly
        await self._websockets.close_all()
        await super().shutdown(sockets)


def serve(app: Any, websockets: OpenWebSockets, **config: Any) -> None:
    """Run `app` until SIGTERM or SIGINT; return after a clean shutdown (SIGTERM is then
    re-raised by uvicorn and ends the process, as a supervisor expects)."""
    server = Server(uvicorn.Config(app, **config), websockets)
    # uvicorn re-raises SIGINT after the clean shutdown: nothing is left to do then.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
