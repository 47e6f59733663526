"""`agent-progress serve` as a real process on a data directory of its own: SIGTERM and SIGINT
shut it down cleanly (websockets closed with 1001, the live run marked interrupted, the embedded
PostgreSQL stopped), and a kill -9 leaves nothing that blocks the next start or its stop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from src.db.embedded import postmaster_pid, process_exists
from src.runner.failure import rerun_only
from src.runner.local import STOPPED
from tests.test_image_workflow_e2e import RUN, START

ROOT = Path(__file__).resolve().parent.parent
CREATE_LECTURE = 'mutation { createLecture(input: {title: "Tides"}) { lecture { id } } }'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Serving:
    process: asyncio.subprocess.Process
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def exit_code(self, within: float = 60) -> int:
        return await asyncio.wait_for(self.process.wait(), timeout=within)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: as root the server runs as another user, and a concurrent
    # pytest session resets its base directory to 0700.
    with tempfile.TemporaryDirectory(prefix="agent-progress-serve-") as tmp:
        os.chmod(tmp, 0o755)
        yield Path(tmp)
        leftover = postmaster_pid(Path(tmp) / "var" / "pgdata")
        if leftover is not None:  # a failed test must not leave a server behind
            os.kill(leftover, signal.SIGQUIT)
            for _ in range(50):
                if not process_exists(leftover):
                    break
                time.sleep(0.1)
            else:
                os.kill(leftover, signal.SIGKILL)


async def serve(data_dir: Path, name: str) -> Serving:
    port = free_port()
    log = data_dir / f"{name}.log"
    env = {**os.environ, "AGENT_PROGRESS_DATA_DIR": str(data_dir / "var")}
    env.pop("DATABASE_URL", None)
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *[sys.executable, "-m", "src.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    serving = Serving(process, f"http://127.0.0.1:{port}", log)
    async with httpx.AsyncClient(base_url=serving.url) as client:
        for _ in range(600):
            if process.returncode is not None:
                raise AssertionError(f"serve exited:\n{serving.output()}")
            try:
                if (await client.get("/health")).status_code == 200:
                    return serving
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    process.kill()
    raise AssertionError(f"serve did not become healthy:\n{serving.output()}")


async def graphql(url: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


async def waiting_image_run(url: str) -> str:
    lecture = (await graphql(url, CREATE_LECTURE))["createLecture"]["lecture"]["id"]
    run_id: str = (await graphql(url, START, lectureId=lecture, prompt="a harbour"))["startRun"][
        "run"
    ]["id"]
    for _ in range(300):
        if (await graphql(url, RUN, id=run_id))["run"]["status"] == "WAITING_FOR_INPUT":
            return run_id
        await asyncio.sleep(0.1)
    raise AssertionError("the run never asked for its review")


async def subscribed(url: str) -> Any:
    ws = await websockets.connect(
        url.replace("http://", "ws://") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    query = "subscription { runChanges { runIds cursor } }"
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    return ws


async def close_code(ws: Any) -> int | None:
    try:
        while True:
            await asyncio.wait_for(ws.recv(), timeout=30)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def postgres_of(data_dir: Path) -> int:
    pid = postmaster_pid(data_dir / "var" / "pgdata")
    assert pid is not None, "the embedded PostgreSQL is not running"
    return pid


async def gone(pid: int) -> bool:
    for _ in range(100):
        if not process_exists(pid):
            return True
        await asyncio.sleep(0.1)
    return False


async def test_sigterm_and_ctrl_c_shut_down_cleanly_and_a_kill_9_blocks_nothing(
    data_dir: Path,
) -> None:
    # Each start imports the app anew (seconds on a busy machine): three starts cover it all.
    first = await serve(data_dir, "first")
    postgres = postgres_of(data_dir)
    run_id = await waiting_image_run(first.url)
    ws = await subscribed(first.url)

    first.process.send_signal(signal.SIGTERM)

    assert await close_code(ws) == 1001
    await first.exit_code()
    assert await gone(postgres), f"PostgreSQL {postgres} outlived the server:\n{first.output()}"

    crashed = await serve(data_dir, "second")
    run = (await graphql(crashed.url, RUN, id=run_id))["run"]
    assert run["status"] == "FAILED"
    assert run["error"] == {"code": "INTERRUPTED", "message": rerun_only(STOPPED)}  # an image run
    crashed.process.kill()
    await crashed.exit_code()
    orphan = postgres_of(data_dir)  # PostgreSQL outlives a server killed with -9

    restarted = await serve(data_dir, "third")
    assert postgres_of(data_dir) == orphan  # attached to it, not blocked by the stale handle
    restarted.process.send_signal(signal.SIGINT)
    assert await restarted.exit_code() == 0
    assert await gone(orphan), f"Ctrl+C left PostgreSQL running:\n{restarted.output()}"
