"""The OpenAI stand-in server (one per session), clients of the real SDK pointed at it, and the
app's resources configured to use it."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import openai
import pytest
import uvicorn

from src.providers.openai import openai_client
from src.resources import Resources
from src.settings import Settings
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


@pytest.fixture
async def on_openai(
    standin: OpenAIStandIn, database_url: str, tmp_path: Path
) -> AsyncIterator[Resources]:
    """The app's resources with the OpenAI providers on the stand-in (no SDK retries, a short
    review window)."""
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        openai_api_key="test-key",
        openai_base_url=standin.base_url,
        openai_max_retries=0,
        review_window_seconds=2,
    )
    resources = await Resources.open(settings)
    yield resources
    await resources.close()
