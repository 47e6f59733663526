"""The OpenAI stand-in server (one per session) and clients of the real SDK pointed at it."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import openai
import pytest
import uvicorn

from src.providers.openai import openai_client
from tests.providers.openai_standin import OpenAIStandIn


@pytest.fixture(scope="session")
async def standin_server() -> AsyncIterator[OpenAIStandIn]:
    standin = OpenAIStandIn()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    standin.port = sock.getsockname()[1]
    config = uvicorn.Config(
        standin.app(), log_level="warning", lifespan="off", ws="none", http="h11"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            await task
        await asyncio.sleep(0.01)
    yield standin
    server.should_exit = True
    await task
    sock.close()


@pytest.fixture
def standin(standin_server: OpenAIStandIn) -> OpenAIStandIn:
    """The stand-in with no recorded requests and nothing scripted."""
    standin_server.reset()
    return standin_server


@pytest.fixture
async def client(standin: OpenAIStandIn) -> AsyncIterator[openai.AsyncOpenAI]:
    sdk = openai_client("test-key", base_url=standin.base_url, timeout_seconds=10.0, max_retries=2)
    yield sdk
    await sdk.close()
