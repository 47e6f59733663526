"""The clients role: every websocket in one process, stamping each message on arrival."""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from bench.latency.common import (
    RAW_CHANNEL,
    SUBSCRIPTION,
    decode_feed_cursor,
    decode_global_id,
    raise_file_limit,
)


class Subscriber(asyncio.Protocol):
    """One graphql-transport-ws connection with one subscription, recording `next` arrivals."""

    def __init__(self, index: int, uri: str, variables: dict[str, Any]) -> None:
        from websockets.client import ClientProtocol
        from websockets.typing import Subprotocol
        from websockets.uri import parse_uri

        loop = asyncio.get_running_loop()
        self.index = index
        self.variables = variables
        self.ws = ClientProtocol(
            parse_uri(uri), subprotocols=[Subprotocol("graphql-transport-ws")], max_size=None
        )
        self.transport: asyncio.Transport | None = None
        self.acked: asyncio.Future[None] = loop.create_future()
        self.lost: asyncio.Future[None] = loop.create_future()
        self.deliveries: list[tuple[float, int, list[str]]] = []
        """(receive time, batch cursor, run global IDs) per `next` message."""
        self.max_cursor = 0
        self.errors: list[str] = []

    # --- asyncio.Protocol ---

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.ws.send_request(self.ws.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        received = time.time()
        from websockets.frames import Frame, Opcode
        from websockets.http11 import Response

        self.ws.receive_data(data)
        for event in self.ws.events_received():
            if isinstance(event, Response):
                if self.ws.handshake_exc is not None:
                    self._fail(f"handshake: {self.ws.handshake_exc!r}")
                else:
                    self._send({"type": "connection_init", "payload": {}})
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                self._on_message(json.loads(bytes(event.data)), received)
        self._flush()

    def eof_received(self) -> bool | None:
        self.ws.receive_eof()
        self._flush()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.acked.done():
            self.acked.set_exception(ConnectionError(f"connection lost: {exc!r}"))
        if not self.lost.done():
            self.lost.set_result(None)

    # --- graphql-transport-ws ---

    def _on_message(self, message: dict[str, Any], received: float) -> None:
        kind = message.get("type")
        if kind == "next":
            payload = message["payload"]
            if payload.get("errors"):
                self.errors.append(json.dumps(payload["errors"])[:300])
                return
            changes = payload["data"]["runChanges"]
            cursor = decode_feed_cursor(changes["cursor"])
            self.deliveries.append((received, cursor, changes["runIds"]))
            self.max_cursor = max(self.max_cursor, cursor)
        elif kind == "connection_ack":
            self._send(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIPTION, "variables": self.variables},
                }
            )
            if not self.acked.done():
                self.acked.set_result(None)
        elif kind == "ping":
            self._send({"type": "pong"})
        elif kind in ("error", "complete"):
            self.errors.append(json.dumps(message)[:300])

    def _send(self, message: dict[str, Any]) -> None:
        self.ws.send_text(json.dumps(message).encode())

    def _flush(self) -> None:
        assert self.transport is not None
        for chunk in self.ws.data_to_send():
            if chunk:
                self.transport.write(chunk)
            elif self.transport.can_write_eof():
                self.transport.write_eof()

    def _fail(self, reason: str) -> None:
        self.errors.append(reason)
        if not self.acked.done():
            self.acked.set_exception(ConnectionError(reason))
        if self.transport is not None:
            self.transport.abort()

    async def close(self, wait: float) -> None:
        """Complete the subscription, close the websocket; abort after `wait` seconds."""
        if self.transport is None or self.lost.done():
            return
        try:
            self._send({"id": "1", "type": "complete"})
            self.ws.send_close()
            self._flush()
            await asyncio.wait_for(asyncio.shield(self.lost), wait)
        except Exception:
            self.transport.abort()


class Clients:
    """The clients process: executes one JSON command per stdin line, answers on stdout."""

    def __init__(self) -> None:
        self.subs: list[Subscriber] = []
        self.raw_conn: Any = None
        self.raw_received: dict[str, float] = {}

    async def open(
        self,
        url: str,
        count: int,
        lectures: list[str] | None,
        concurrency: int,
        more_urls: list[str] | None = None,
    ) -> dict[str, Any]:
        """`count` subscribers; with `more_urls`, subscriber i connects to the (i mod n)-th of
        `[url, *more_urls]` (several server processes on one database)."""
        targets = []
        for target in [url, *(more_urls or [])]:
            parts = urlsplit(target)
            host, port = parts.hostname or "127.0.0.1", parts.port or 80
            targets.append((host, port, f"ws://{host}:{port}/graphql"))
        loop = asyncio.get_running_loop()
        gate = asyncio.Semaphore(concurrency)
        started = time.perf_counter()

        async def one(index: int) -> Subscriber:
            variables = {"lectureId": lectures[index]} if lectures is not None else {}
            host, port, uri = targets[index % len(targets)]
            async with gate:
                _, sub = await loop.create_connection(
                    lambda: Subscriber(index, uri, variables), host, port
                )
                await asyncio.wait_for(sub.acked, 30)
                return sub

        results = await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)
        self.subs = [r for r in results if isinstance(r, Subscriber)]
        failures = [repr(r) for r in results if not isinstance(r, Subscriber)]
        # The clients are the instrument: no collector pauses while they stamp arrivals.
        gc.collect()
        gc.freeze()
        gc.disable()
        return {
            "opened": len(self.subs),
            "failed": len(failures),
            "first_failure": failures[0] if failures else None,
            "seconds": time.perf_counter() - started,
        }

    def not_ready(self) -> list[int]:
        return [s.index for s in self.subs if not s.deliveries]

    async def wait_ready(self, within: float) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while self.not_ready() and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        return {"not_ready": self.not_ready()}

    async def quiesce(self, quiet: float, limit: float) -> dict[str, Any]:
        """Wait until no message arrived for `quiet` seconds (at most `limit` seconds)."""
        started = time.monotonic()
        seen = -1
        while time.monotonic() - started < limit:
            now = sum(len(s.deliveries) for s in self.subs) + len(self.raw_received)
            if now == seen:
                return {"quiet": True}
            seen = now
            await asyncio.sleep(quiet)
        return {"quiet": False}

    async def wait_delivered(self, writes: list[list[Any]], limit: float) -> dict[str, Any]:
        """Wait until every subscriber got a batch at or past the cursor of its last write."""
        position = {sub.index: n for n, sub in enumerate(self.subs)}
        everyone = max((c for _, c, _, target in writes if target < 0), default=0)
        need = dict.fromkeys(range(len(self.subs)), everyone) if everyone else {}
        for _, cursor, _, target in writes:
            n = position.get(target, -1)
            if n >= 0:
                need[n] = max(need.get(n, 0), cursor)
        deadline = time.monotonic() + limit
        while any(self.subs[n].max_cursor < c for n, c in need.items()):
            if time.monotonic() > deadline:
                return {"complete": False}
            await asyncio.sleep(0.005)
        last = max((s.deliveries[-1][0] for s in self.subs if s.deliveries), default=0.0)
        return {"complete": True, "last_delivery": last}

    def clear(self) -> dict[str, Any]:
        for sub in self.subs:
            sub.deliveries.clear()
        return {}

    def collect(self, writes: list[list[Any]]) -> dict[str, Any]:
        """Latency per expected delivery. `writes`: [run uuid, cursor, commit time, subscriber
        index or -1 for every subscriber]."""
        received: list[dict[str, list[tuple[int, float]]]] = []
        messages = ids = max_batch = 0
        since = min((c for _, c, _, _ in writes), default=0)
        for sub in self.subs:
            per_run: dict[str, list[tuple[int, float]]] = {}
            for at, cursor, run_ids in sub.deliveries:
                if cursor < since:
                    continue  # a late warm-up delivery, not part of this phase
                messages += 1
                ids += len(run_ids)
                max_batch = max(max_batch, len(run_ids))
                for gid in run_ids:
                    per_run.setdefault(decode_global_id(gid), []).append((cursor, at))
            received.append(per_run)
        position = {sub.index: n for n, sub in enumerate(self.subs)}

        latencies: list[float] = []
        write_index: list[int] = []
        missing = 0
        expected: set[tuple[int, str]] = set()
        last_ms: list[float] = []
        """Per broadcast write: when its last subscriber had it."""
        for w, (run_id, cursor, committed, target) in enumerate(writes):
            targets = range(len(self.subs)) if target < 0 else [position.get(target, -1)]
            last = None
            for n in targets:
                if n < 0:
                    missing += 1
                    continue
                expected.add((n, run_id))
                hit = next((at for c, at in received[n].get(run_id, ()) if c >= cursor), None)
                if hit is None:
                    missing += 1
                else:
                    latencies.append((hit - committed) * 1000)
                    write_index.append(w)
                    last = hit if last is None else max(last, hit)
            if target < 0 and last is not None:
                last_ms.append((last - committed) * 1000)
        stray = sum(
            1 for n, per_run in enumerate(received) for run in per_run if (n, run) not in expected
        )
        errors = [e for sub in self.subs for e in sub.errors]
        return {
            "latencies_ms": latencies,
            "last_ms": last_ms,
            "write_index": write_index,
            "missing": missing,
            "messages": messages,
            "ids": ids,
            "max_batch": max_batch,
            "stray": stray,
            "errors": len(errors),
            "first_error": errors[0] if errors else None,
        }

    async def close(self) -> dict[str, Any]:
        subs, self.subs = self.subs, []
        await asyncio.gather(*(s.close(5) for s in subs))
        gc.enable()
        gc.unfreeze()
        gc.collect()
        return {"closed": len(subs)}

    async def raw_listen(self, dsn: str) -> dict[str, Any]:
        import asyncpg

        def on_notify(_conn: object, _pid: int, _channel: str, payload: str) -> None:
            self.raw_received[payload] = time.time()

        self.raw_conn = await asyncpg.connect(dsn)
        await self.raw_conn.add_listener(RAW_CHANNEL, on_notify)
        gc.collect()
        gc.disable()
        return {}

    async def raw_collect(self, writes: list[list[Any]]) -> dict[str, Any]:
        """`writes`: [payload, commit time]."""
        gc.enable()
        latencies, write_index, missing = [], [], 0
        for w, (payload, committed) in enumerate(writes):
            at = self.raw_received.get(payload)
            if at is None:
                missing += 1
            else:
                latencies.append((at - committed) * 1000)
                write_index.append(w)
        if self.raw_conn is not None:
            await self.raw_conn.close()
            self.raw_conn = None
        return {"latencies_ms": latencies, "write_index": write_index, "missing": missing}

    async def handle(self, command: dict[str, Any]) -> dict[str, Any]:
        op = command.pop("op")
        handlers: dict[str, Callable[..., Any]] = {
            "open": self.open,
            "wait_ready": self.wait_ready,
            "quiesce": self.quiesce,
            "wait_delivered": self.wait_delivered,
            "clear": self.clear,
            "collect": self.collect,
            "close": self.close,
            "raw_listen": self.raw_listen,
            "raw_collect": self.raw_collect,
        }
        reply = handlers[op](**command)
        if asyncio.iscoroutine(reply):
            reply = await reply
        result: dict[str, Any] = reply
        return result


async def clients_main() -> None:
    raise_file_limit()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 28)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    clients = Clients()
    out = sys.stdout.buffer
    while line := await reader.readline():
        command = json.loads(line)
        if command.get("op") == "exit":
            break
        try:
            reply = {"ok": True, **await clients.handle(command)}
        except Exception as exc:
            reply = {"ok": False, "error": repr(exc)}
        out.write(json.dumps(reply).encode() + b"\n")
        out.flush()
    await clients.close()


# =============================================================================================
# role: main (orchestrator and writer)
# =============================================================================================
