"""Runs belong to the process executing them: two servers with the local runner on one database.

Each run is leased to its executor and the lease is renewed while that process lives. Another
server's start-up recovery and watchdog only take over runs whose lease has expired.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

from src.resources import Resources
from src.runner.failure import rerun_only
from src.runner.local import EXECUTOR_LOST
from src.settings import Settings
from tests.graphql_client import GraphQLClient
from tests.servers import serving
from tests.test_image_workflow_e2e import DECIDE, RUN, START, create_lecture

LEASE_SECONDS = 1.5


@asynccontextmanager
async def app_instance(
    database_url: str, data_dir: Path
) -> AsyncIterator[tuple[Resources, GraphQLClient]]:
    """A whole server (its own resources, runner, heartbeat and watchdog) on the database."""
    settings = Settings(
        database_url=database_url,
        data_dir=data_dir,
        review_window_seconds=0.5,
        run_lease_seconds=LEASE_SECONDS,
    )
    resources = await Resources.open(settings)
    try:
        async with serving(resources) as url:
            client = GraphQLClient(url)
            try:
                yield resources, client
            finally:
                await client.close()
    finally:
        await resources.close()


async def read_run(client: GraphQLClient, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await client.execute(RUN, id=run_id))["run"]
    return run


async def eventually(
    client: GraphQLClient, run_id: str, predicate: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    async def poll() -> dict[str, Any]:
        while True:
            run = await read_run(client, run_id)
            if predicate(run):
                return run
            await asyncio.sleep(0.1)

    return await asyncio.wait_for(poll(), timeout=30)


async def start_waiting_image_run(client: GraphQLClient) -> dict[str, Any]:
    lecture_id = await create_lecture(client)
    started = (await client.execute(START, lectureId=lecture_id, prompt="a lighthouse"))["startRun"]
    assert started["userErrors"] == []
    return await eventually(
        client, started["run"]["id"], lambda run: run["status"] == "WAITING_FOR_INPUT"
    )


def request_id(run: dict[str, Any]) -> str:
    pending = [step["request"]["id"] for step in run["steps"] if step.get("request")]
    assert pending, run
    return str(pending[0])


async def test_a_second_server_starting_on_the_database_leaves_the_first_ones_live_runs_alone(
    database_url: str, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        _, first = await stack.enter_async_context(app_instance(database_url, tmp_path / "a"))
        waiting = await start_waiting_image_run(first)

        _, second = await stack.enter_async_context(app_instance(database_url, tmp_path / "b"))
        # Start-up recovery has run, and the second server's watchdog has looked several times.
        await asyncio.sleep(3 * LEASE_SECONDS)

        seen_by_second = await read_run(second, waiting["id"])
        assert seen_by_second["status"] == "WAITING_FOR_INPUT", seen_by_second["error"]
        decided = await first.execute(
            DECIDE, runId=waiting["id"], requestId=request_id(waiting), decision="ACCEPT"
        )
        assert decided["resolveHumanRequest"]["userErrors"] == []
        done = await eventually(
            first, waiting["id"], lambda run: run["status"] != "WAITING_FOR_INPUT"
        )
        assert done["status"] in {"RUNNING", "COMPLETED"}, done["error"]
        done = await eventually(first, waiting["id"], lambda run: run["status"] == "COMPLETED")
        assert done["error"] is None


async def test_runs_of_a_server_that_stopped_heartbeating_are_marked_interrupted_by_the_other(
    database_url: str, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        hung, first = await stack.enter_async_context(app_instance(database_url, tmp_path / "a"))
        waiting = await start_waiting_image_run(first)
        _, second = await stack.enter_async_context(app_instance(database_url, tmp_path / "b"))
        assert (await read_run(second, waiting["id"]))["status"] == "WAITING_FOR_INPUT"

        # The first process hangs: it still holds the run but no longer renews its lease.
        assert hung.runner is not None
        hung.runner.stop_heartbeat()

        failed = await eventually(second, waiting["id"], lambda run: run["status"] == "FAILED")
        # An image run: a resume would reuse nothing, so the advice is a re-run.
        assert failed["error"] == {"code": "INTERRUPTED", "message": rerun_only(EXECUTOR_LOST)}
        assert failed["canRerun"] is True
