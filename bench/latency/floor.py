"""The floor role: a bare asyncio websocket server that does only what a broadcast must.

It LISTENs on the same channel as the app's change feed (so the same `RunStore.apply` commits
wake it), reads the changed runs as the feed does (one query per wake-up), and for each change
builds one graphql-transport-ws `next` frame — the `runChanges { runIds cursor }` payload the
app would send — and writes those same pre-encoded bytes to every connected socket. No feed
bookkeeping, no GraphQL, no ASGI: the cost of LISTEN, one read per wake-up, 1,000 socket writes
and the clients reading them, on this machine, now.
Every subscription is treated as owner-wide (the broadcast scenario), operation id "1" as the
clients send it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from typing import Any

from bench.latency.common import raise_file_limit


class FloorConnection(asyncio.Protocol):
    def __init__(self, server: FloorServer) -> None:
        from websockets.server import ServerProtocol
        from websockets.typing import Subprotocol

        self.server = server
        self.ws = ServerProtocol(subprotocols=[Subprotocol("graphql-transport-ws")])
        self.transport: asyncio.Transport | None = None
        self.subscribed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        from websockets.datastructures import Headers
        from websockets.frames import Frame, Opcode
        from websockets.http11 import Request, Response

        self.ws.receive_data(data)
        for event in self.ws.events_received():
            if isinstance(event, Request):
                if event.path == "/health":
                    body = b'{"ok": true, "changeFeedConnected": true}'
                    headers = Headers([("Content-Length", str(len(body)))])
                    self.ws.send_response(Response(200, "OK", headers, body))
                else:
                    self.ws.send_response(self.ws.accept(event))
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                message = json.loads(bytes(event.data))
                if message.get("type") == "connection_init":
                    self.ws.send_text(b'{"type":"connection_ack"}')
                elif message.get("type") == "subscribe":
                    self.subscribed = True
                    self.server.subscribers.add(self)
                elif message.get("type") == "complete":
                    self.server.subscribers.discard(self)
        self._flush()

    def _flush(self) -> None:
        assert self.transport is not None
        for chunk in self.ws.data_to_send():
            if chunk:
                self.transport.write(chunk)
            else:
                self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.subscribers.discard(self)


class FloorServer:
    def __init__(self) -> None:
        self.subscribers: set[FloorConnection] = set()
        self.conn: Any = None
        self.position = -1
        self.wanted = -1
        self.reading = False

    def on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        # The app's commits only wake its feeds (the changes are read from the table, see
        # src/state/feed.py), so the floor does what a feed must at least do: one read per
        # wake-up (coalesced while one is in flight), then the frames.
        from src.state.notifier import parse_wake

        self.wanted = max(self.wanted, parse_wake(payload)[0])
        if not self.reading:
            self.reading = True
            asyncio.get_running_loop().create_task(self.read())

    async def read(self) -> None:
        from src.state.store import _WINDOW_ALL

        try:
            while self.wanted > self.position:
                rows = await self.conn.fetch(_WINDOW_ALL, self.position, 2**63 - 1, None, 10**6)
                horizon = int(rows[0]["horizon"])
                for row in rows:
                    if row["id"] is not None:
                        self.broadcast(row["id"], horizon - 1)
                if horizon - 1 == self.position:
                    await asyncio.sleep(0.002)  # held back by an open transaction
                self.position = horizon - 1
        finally:
            self.reading = False

    def broadcast(self, run_id: Any, position: int) -> None:
        from bench.latency.common import encode_gid
        from src.gql.frames import text_frame
        from src.runs.change_stream import encode_feed_cursor

        body = {
            "id": "1",
            "type": "next",
            "payload": {
                "data": {
                    "runChanges": {
                        "runIds": [encode_gid("WorkflowRun", run_id)],
                        "cursor": encode_feed_cursor(position),
                    }
                }
            },
        }
        frame = text_frame(json.dumps(body, separators=(",", ":")).encode())
        for sub in self.subscribers:
            if sub.transport is not None:
                sub.transport.write(frame)


async def floor_main(args: argparse.Namespace) -> None:
    import asyncpg

    from src.db.database import asyncpg_dsn
    from src.state.changes import CHANNEL

    raise_file_limit()
    server = FloorServer()
    loop = asyncio.get_running_loop()
    listener = await asyncpg.connect(asyncpg_dsn(args.database_url))
    server.conn = listener
    server.position = (
        int(await listener.fetchval("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
        - 1
    )
    await listener.add_listener(CHANNEL, server.on_notify)
    tcp = await loop.create_server(
        lambda: FloorConnection(server), "127.0.0.1", args.port, backlog=4096
    )
    async with tcp:
        await tcp.serve_forever()


def floor(args: argparse.Namespace) -> None:
    with contextlib.suppress(KeyboardInterrupt):  # SIGINT is how the bench stops it
        asyncio.run(floor_main(args))
