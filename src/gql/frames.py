"""Writing pre-encoded websocket text frames straight to a connection's transport.

The ASGI send path costs about as much per message as the rest of a broadcast: Starlette's
and our wrappers, then uvicorn's `send`, which has websockets build a `Frame`, serialise it
and join the output, for every subscriber. A broadcast sends the same bytes to everybody
(only the operation id differs), so `FrameWriter` frames the text itself and hands it to the
transport: an unmasked, unfragmented, uncompressed text frame (RFC 6455 §5.2; a server never
masks, and RFC 7692 §6 lets a permessage-deflate connection carry uncompressed messages).

Hand-written because neither uvicorn nor websockets offers "write these bytes as a text frame
without building a frame object"; it only works on uvicorn's sans-I/O websocket protocol
(`ws="websockets-sansio"`, how `agent-progress serve` and the tests run), and says so by
`writer_for` returning None elsewhere, where callers keep the ordinary ASGI path.
"""

from __future__ import annotations

import struct

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.protocol import State

SCOPE_KEY = "agent_progress.frame_writer"
HIGH_WATER = 256 * 1024
"""Bytes queued on a socket past which `write` refuses, so a slow client is served by its
own, awaited send path (which waits for the socket) instead of growing its buffer."""


def text_frame(payload: bytes) -> bytes:
    """`payload` (UTF-8 text) as one final, unmasked text frame."""
    length = len(payload)
    if length < 126:
        return bytes((0x81, length)) + payload
    if length < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, length) + payload
    return struct.pack("!BBQ", 0x81, 127, length) + payload


class FrameWriter:
    """One websocket connection's transport, for whole text frames."""

    __slots__ = ("_protocol",)

    def __init__(self, protocol: WebSocketsSansIOProtocol) -> None:
        self._protocol = protocol

    def writable(self) -> bool:
        """Open, not closing, and not backed up."""
        p = self._protocol
        return (
            not p.close_sent
            and not p.disconnected
            and p.handshake_complete
            and p.conn.state is State.OPEN
            and p.writable.is_set()
            and not p.transport.is_closing()
            and p.transport.get_write_buffer_size() < HIGH_WATER
        )

    def write(self, payload: bytes) -> bool:
        """Send `payload` as one text message now; False (and nothing sent) if the socket is
        not `writable`."""
        return self.write_frame(text_frame(payload))

    def write_frame(self, frame: bytes) -> bool:
        """Send a frame made by `text_frame`; False (and nothing sent) if not `writable`."""
        if not self.writable():
            return False
        self._protocol.transport.write(frame)
        return True


def writer_for(scope: Scope) -> FrameWriter | None:
    protocol = scope.get(SCOPE_KEY)
    return FrameWriter(protocol) if isinstance(protocol, WebSocketsSansIOProtocol) else None


class ExposeFrameWriter:
    """ASGI middleware: records uvicorn's sans-I/O protocol of a websocket in its scope (the
    `send` callable uvicorn hands the app is a method of it), before any wrapper hides it."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            protocol = getattr(send, "__self__", None)
            if isinstance(protocol, WebSocketsSansIOProtocol):
                scope[SCOPE_KEY] = protocol
        await self._app(scope, receive, send)
