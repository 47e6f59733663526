"""Provider errors as Inngest sees them on the wire: a retriable failure is a step error that
Inngest retries, a rate limit asks to be called again after the provider's hint, and a
failure that retries cannot fix ends the function without a retry."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import inngest

from src.db import Database
from src.inngest_fns import FunctionOptions
from src.ops import metrics
from src.providers.resilience import PortPolicy, ResiliencePolicy
from src.runner.local import LocalRunner, RetryPolicy
from src.runs.engine import RunEngine
from src.state.model import RunStatus
from src.steps.runtime import Services
from tests.inngest.conftest import ServedFactory
from tests.inngest.doubles import EventSink, Faults, RecordingStore
from tests.inngest.scenarios import ACCEPT, drive_local, drive_served
from tests.inngest.world import APP_ID, OPTIONS, build_world
from tests.ops.scrape import parse


async def test_a_retriable_failure_is_a_step_error_that_inngest_retries(
    served: ServedFactory,
) -> None:
    faults = Faults(failures=1, retriable=True)
    world, server = await served(faults=faults)
    record = await drive_served(world, server, "image", ACCEPT)

    (failed, failed_op), (retried, retried_op) = server.ops[:2]
    assert (failed_op, retried_op) == ("StepError", "StepRun")
    assert failed == retried
    assert record.state.status is RunStatus.COMPLETED


async def test_a_rate_limited_provider_is_called_again_after_its_hint(
    served: ServedFactory,
) -> None:
    faults = Faults(failures=1, retriable=True, retry_after_seconds=30)
    world, server = await served(faults=faults)
    sent_at = datetime.now(UTC)
    record = await drive_served(world, server, "image", ACCEPT)

    [limited] = server.failures
    assert limited.headers.get("x-inngest-no-retry") is None
    retry_at = datetime.fromisoformat(limited.headers["retry-after"].replace("Z", "+00:00"))
    assert 25 <= (retry_at - sent_at).total_seconds() <= 35
    assert limited.json()["name"] == "UnitRateLimited"
    assert record.state.status is RunStatus.COMPLETED


async def test_retries_exhausted_fail_the_run_with_the_providers_message(
    served: ServedFactory,
) -> None:
    faults = Faults(failures=math.inf, retriable=True)
    world, server = await served(faults=faults)
    record = await drive_served(world, server, "image", ACCEPT)

    assert faults.calls == OPTIONS.retries + 1
    assert record.state.status is RunStatus.FAILED
    assert record.state.error is not None
    assert record.state.error.code == "PROVIDER_FAILED"
    assert record.state.error.message == "the model provider is down"
    [ended] = server.failures
    assert ended.headers["x-inngest-no-retry"] == "true"
    assert server.run_for(record.id).status == "failed"


async def test_a_permanent_failure_is_not_retried_and_ends_the_function_as_failed(
    served: ServedFactory,
) -> None:
    faults = Faults(failures=math.inf, retriable=False)
    world, server = await served(faults=faults)
    record = await drive_served(world, server, "image", ACCEPT)

    assert faults.calls == 1
    assert [op for op in server.ops if op[1] == "StepError"] == []
    [ended] = server.failures
    assert ended.headers["x-inngest-no-retry"] == "true"
    assert ended.json()["message"] == "the model provider is down"
    assert record.state.status is RunStatus.FAILED
    # Inngest then emits inngest/function.failed; its handler finds the run already failed.
    finalizers = [run for run in server.runs if run.function_id.endswith("finalize-failed-run")]
    assert [run.status for run in finalizers] == ["completed"]
    assert (await world.store.require(record.id)).version == record.version


async def test_per_port_attempts_and_their_metrics_are_the_same_on_both_runtimes(
    database: Database, tmp_path: Path, served: ServedFactory
) -> None:
    """The image port allows two attempts: on the local runner and on Inngest (whose function
    would retry five times) the image model is called twice, one retry is counted with its
    reason, each call is counted by port and outcome, and the run fails with the provider's
    message."""
    policy = ResiliencePolicy(image=PortPolicy(attempts=2, failure_threshold=100))
    ports = policy.by_port()

    def counts() -> tuple[float, ...]:
        scraped = parse(metrics.exposition()[0].decode())
        calls = "agent_progress_provider_calls_total"
        return (
            scraped.value(calls, port="image", outcome="error"),
            scraped.value(calls, port="image", outcome="ok"),
            scraped.value("agent_progress_retries_total", what="unit", reason="provider_failed"),
        )

    def local_engine(store: RecordingStore, services: Services, _sink: EventSink) -> RunEngine:
        retry = RetryPolicy(attempts=9, base_seconds=0.001, cap_seconds=0.01, ports=ports)
        return LocalRunner(store, services, review_window=0.05, retry=retry)

    local_faults = Faults(failures=math.inf, retriable=True)
    local = build_world(
        database,
        tmp_path / "local",
        inngest.Inngest(app_id=APP_ID, is_production=False),
        faults=local_faults,
        run_engine=local_engine,
        resilience=policy,
    )
    before = counts()
    local_run = await drive_local(local, "image", ACCEPT)
    local_moved = tuple(b - a for a, b in zip(before, counts(), strict=True))

    options = FunctionOptions(retries=5, review=OPTIONS.review, ports=ports)
    inngest_faults = Faults(failures=math.inf, retriable=True)
    world, server = await served(faults=inngest_faults, options=options, resilience=policy)
    before = counts()
    served_run = await drive_served(world, server, "image", ACCEPT)
    inngest_moved = tuple(b - a for a, b in zip(before, counts(), strict=True))

    assert local_faults.calls == inngest_faults.calls == 2
    assert local_moved == inngest_moved == (2, 0, 1)  # two failed calls, one retry
    for run in (local_run, served_run):
        assert run.state.status is RunStatus.FAILED
        assert run.state.error is not None
        assert run.state.error.message == "the model provider is down"
    [*_, ended] = server.failures
    assert ended.headers["x-inngest-no-retry"] == "true"  # the port's policy said stop
