"""Process-level gauges and probes that run beside the app: event-loop lag, database pools,
live subscriptions. Started and stopped by the app's lifespan."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from src.db.database import Database
from src.ops import metrics
from src.ops.log_format import install_retry_hooks
from src.ops.tasks import cancel_until_done
from src.retention.schedule import run_periodically

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from src.resources import Resources

LAG_PROBE_SECONDS = 0.5


def _waiting(pool: Any) -> int:
    # asyncpg has no public count of tasks waiting for a connection; its pool hands out
    # connections through an asyncio queue, whose waiters are the ones waiting.
    queue = getattr(pool, "_queue", None)
    getters = getattr(queue, "_getters", None)
    return len(getters) if getters is not None else 0


def watch_pools(database: Database) -> None:
    sa_pool: Any = database.engine.pool
    gauge = metrics.DB_POOL
    for name, pool in (("store", database.pool), ("reads", database.read_pool)):
        _watch(gauge, name, pool)
    gauge.labels("queries", "in_use").set_function(lambda: float(sa_pool.checkedout()))
    gauge.labels("queries", "idle").set_function(lambda: float(sa_pool.checkedin()))


def _watch(gauge: Any, name: str, pool: Any) -> None:
    gauge.labels(name, "in_use").set_function(lambda: float(pool.get_size() - pool.get_idle_size()))
    gauge.labels(name, "idle").set_function(lambda: float(pool.get_idle_size()))
    gauge.labels(name, "waiting").set_function(lambda: float(_waiting(pool)))


async def probe_event_loop(interval: float = LAG_PROBE_SECONDS) -> None:
    """Sleep `interval` over and over; how much later than asked the loop woke is its lag."""
    loop = asyncio.get_running_loop()
    while True:
        asked = loop.time()
        await asyncio.sleep(interval)
        metrics.EVENT_LOOP_LAG.observe(max(loop.time() - asked - interval, 0.0))


class OperationsTasks:
    """What runs beside the app for operators; `stop` cancels it."""

    def __init__(self, resources: Resources) -> None:
        install_retry_hooks()
        watch_pools(resources.database)
        metrics.watch_subscriptions(resources.feed.subscriber_count)
        self._tasks: list[asyncio.Task[None]] = [
            asyncio.create_task(probe_event_loop(), name="event-loop-lag-probe")
        ]
        days = resources.settings.retention_days
        if days is not None:
            job = run_periodically(
                resources.database.engine,
                resources.assets.storage,
                timedelta(days=days),
                resources.settings.retention_interval_seconds,
            )
            self._tasks.append(asyncio.create_task(job, name="retention"))

    def add(self, task: asyncio.Task[None]) -> None:
        self._tasks.append(task)

    async def stop(self) -> None:
        for task, error in await cancel_until_done(*self._tasks):
            log.warning("background task %s had failed", task.get_name(), exc_info=error)
