"""Running the real app on a free loopback port, for tests that talk to it over the network."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn

from src.app import create_app
from src.resources import Resources


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@asynccontextmanager
async def serving(
    resources: Resources, *, port: int | None = None, **app_options: Any
) -> AsyncIterator[str]:
    """uvicorn serving the app on `resources` (and `create_app`'s other options) on `port` or a
    free one; yields the base URL, stops on exit."""
    async with serving_with_server(resources, port=port, **app_options) as (url, _):
        yield url


@asynccontextmanager
async def serving_with_server(
    resources: Resources, *, port: int | None = None, **app_options: Any
) -> AsyncIterator[tuple[str, uvicorn.Server]]:
    """`serving`, also yielding the uvicorn server, for tests that wait on its connections'
    tasks (`server.server_state.tasks`) rather than on a clock."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(resources.settings, resources=resources, **app_options),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ws="websockets-sansio",
        )
    )
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started or task.done():
            break
        await asyncio.sleep(0.02)
    if not server.started:
        await task  # surfaces why it did not start
        raise RuntimeError("uvicorn did not start")
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        await task
