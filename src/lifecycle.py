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

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

GOING_AWAY = 1001
SHUTDOWN_REASON = "server shutting down"


class OpenWebSockets:
    """ASGI wrapper of a websocket endpoint that can close all its connections at once.

    Hand-written because no library adds a "close every websocket with this code" hook to
    uvicorn or Starlette; it is a small pair of wrapped `send`/`receive` callables."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._closers: set[Callable[[], Awaitable[None]]] = set()

    def __len__(self) -> int:
        return len(self._closers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self._app(scope, receive, send)
            return
        going_away = asyncio.Event()
        closed = False

        async def guarded_send(message: Message) -> None:
            nonlocal closed
            if closed:
                return  # closed by the shutdown: the endpoint's late frames go nowhere
            if message["type"] == "websocket.close":
                closed = True
            await send(message)

        async def guarded_receive() -> Message:
            if going_away.is_set():
                return {"type": "websocket.disconnect", "code": GOING_AWAY}
            received = asyncio.ensure_future(receive())
            leaving = asyncio.ensure_future(going_away.wait())
            done, _ = await asyncio.wait({received, leaving}, return_when=asyncio.FIRST_COMPLETED)
            if received in done:
                leaving.cancel()
                return received.result()
            received.cancel()
            return {"type": "websocket.disconnect", "code": GOING_AWAY}

        async def close() -> None:
            if not closed:
                await guarded_send(
                    {"type": "websocket.close", "code": GOING_AWAY, "reason": SHUTDOWN_REASON}
                )
            going_away.set()

        self._closers.add(close)
        try:
            await self._app(scope, guarded_receive, guarded_send)
        finally:
            self._closers.discard(close)

    async def close_all(self) -> None:
        """Close every open websocket with 1001 and tell its endpoint the peer has left."""
        closers = list(self._closers)
        for close in closers:
            try:
                await close()
            except Exception:
                log.debug("a websocket was already gone at shutdown", exc_info=True)
        if closers:
            log.info("closed %d websockets (1001, going away)", len(closers))


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
