"""A small GraphQL test client: HTTP with httpx, subscriptions over real graphql-transport-ws."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import httpx
import websockets


class GraphQLError(AssertionError):
    pass


class GraphQLClient:
    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        self.token = token
        headers = {"authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30, headers=headers)

    async def execute(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        if body.get("errors"):
            raise GraphQLError(json.dumps(body["errors"], indent=2))
        data: dict[str, Any] = body["data"]
        return data

    async def close(self) -> None:
        await self.http.aclose()

    @asynccontextmanager
    async def subscribe(
        self, query: str, **variables: Any
    ) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        """Yields a queue of `next` payloads' data for one subscription."""
        url = self.base_url.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
            init = {"authorization": f"Bearer {self.token}"} if self.token else {}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            ack = json.loads(await ws.recv())
            assert ack["type"] == "connection_ack", ack
            op_id = str(uuid.uuid4())
            await ws.send(
                json.dumps(
                    {
                        "id": op_id,
                        "type": "subscribe",
                        "payload": {"query": query, "variables": variables},
                    }
                )
            )
            queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

            async def pump() -> None:
                async for raw in ws:
                    message = json.loads(raw)
                    if message["type"] == "ping":
                        await ws.send(json.dumps({"type": "pong"}))
                    elif message["type"] == "next":
                        if message["payload"].get("errors"):
                            raise GraphQLError(message["payload"]["errors"])
                        queue.put_nowait(message["payload"]["data"])
                    elif message["type"] == "error":
                        raise GraphQLError(message["payload"])

            task = asyncio.create_task(pump())
            try:
                yield queue
            finally:
                task.cancel()
                with suppress(asyncio.CancelledError, websockets.ConnectionClosed):
                    await task
