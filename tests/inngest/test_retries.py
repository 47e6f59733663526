"""Provider errors as Inngest sees them on the wire: a retriable failure is a step error that
Inngest retries, a rate limit asks to be called again after the provider's hint, and a
failure that retries cannot fix ends the function without a retry."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from src.state.model import RunStatus
from tests.inngest.conftest import ServedFactory
from tests.inngest.doubles import Faults
from tests.inngest.scenarios import ACCEPT, drive_served
from tests.inngest.world import OPTIONS


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
