"""Prometheus metrics (`prometheus-client`), on a registry of our own.

A registry of our own rather than the library's global one: `/metrics` shows exactly these
(plus the process and GC collectors), and nothing an imported library registered by itself.
Every series is named `agent_progress_*`; the observation functions below are the only
things the rest of the code calls, so a hook is one line where the event happens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from src.state.model import first_round_id

if TYPE_CHECKING:
    from src.state.model import RunState

REGISTRY = CollectorRegistry(auto_describe=True)
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

_SECONDS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
_FAST = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)

RUNS_STARTED = Counter(
    "agent_progress_runs_started",
    "Runs that started executing",
    ["kind", "trigger"],
    registry=REGISTRY,
)
RUNS_FINISHED = Counter(
    "agent_progress_runs_finished",
    "Runs that reached a terminal status (completed, failed, cancelled)",
    ["kind", "trigger", "status"],
    registry=REGISTRY,
)
RUN_DURATION = Histogram(
    "agent_progress_run_duration_seconds",
    "From a run's start to its end, by terminal status",
    ["kind", "status"],
    buckets=_SECONDS,
    registry=REGISTRY,
)
STEP_DURATION = Histogram(
    "agent_progress_step_duration_seconds",
    "From a step's start to its end (human review time included)",
    ["kind", "step", "status"],
    buckets=_SECONDS,
    registry=REGISTRY,
)
REVIEW_WAIT = Histogram(
    "agent_progress_review_wait_seconds",
    "From a human request to its decision",
    ["kind", "request"],
    buckets=_SECONDS,
    registry=REGISTRY,
)
PROVIDER_CALLS = Counter(
    "agent_progress_provider_calls",
    "Model provider calls by port, model and outcome (ok, error, timeout, rejected)",
    ["port", "model", "outcome"],
    registry=REGISTRY,
)
PROVIDER_LATENCY = Histogram(
    "agent_progress_provider_call_seconds",
    "Latency of model provider calls",
    ["port", "model"],
    buckets=_SECONDS,
    registry=REGISTRY,
)
RETRIES = Counter(
    "agent_progress_retries",
    "Retries, by what was retried (unit, database) and why",
    ["what", "reason"],
    registry=REGISTRY,
)
BREAKER_STATE = Gauge(
    "agent_progress_circuit_breaker_state",
    "Circuit breaker per provider port: 0 closed, 1 half-open, 2 open",
    ["port"],
    registry=REGISTRY,
)
FEED_NOTIFICATIONS = Counter(
    "agent_progress_feed_notifications",
    "Change notifications received by the change feed's LISTEN connection",
    registry=REGISTRY,
)
FEED_RESYNCS = Counter(
    "agent_progress_feed_resyncs",
    "Change feed reads not prompted by a wake-up (reconnect, poll, retry) by reason",
    ["reason"],
    registry=REGISTRY,
)
FEED_RECONNECTS = Counter(
    "agent_progress_feed_reconnects",
    "Times the change feed re-established its LISTEN connection",
    registry=REGISTRY,
)
FEED_LAG = Histogram(
    "agent_progress_feed_delivery_lag_seconds",
    "From a change's commit to its delivery to the subscribers of this process",
    buckets=_FAST,
    registry=REGISTRY,
)
SUBSCRIPTIONS = Gauge(
    "agent_progress_live_subscriptions",
    "Live change-feed subscriptions (runChanges over websockets) in this process",
    registry=REGISTRY,
)
MESSAGES_SENT = Counter(
    "agent_progress_subscription_messages_sent",
    "runChanges messages sent to subscribed clients",
    registry=REGISTRY,
)
GRAPHQL_OPERATIONS = Counter(
    "agent_progress_graphql_operations",
    "GraphQL operations by name, type and outcome (ok, error)",
    ["operation", "type", "outcome"],
    registry=REGISTRY,
)
GRAPHQL_LATENCY = Histogram(
    "agent_progress_graphql_operation_seconds",
    "GraphQL operation latency (parse, validate, execute)",
    ["operation", "type"],
    buckets=_FAST,
    registry=REGISTRY,
)
DOCUMENT_CHECKS_OVER_BUDGET = Counter(
    "agent_progress_graphql_document_checks_over_budget",
    "GraphQL documents refused because parsing and validating them outlasted the budget "
    "(the limits should refuse any costly document first: each one here is a gap in them)",
    registry=REGISTRY,
)
DB_POOL = Gauge(
    "agent_progress_db_pool_connections",
    "Database pool connections by pool (store: asyncpg, reads: asyncpg for viewers' reads of "
    "runs, queries: SQLAlchemy) and state",
    ["pool", "state"],
    registry=REGISTRY,
)
EVENT_LOOP_LAG = Histogram(
    "agent_progress_event_loop_lag_seconds",
    "How late the event loop woke a periodic probe",
    buckets=_FAST,
    registry=REGISTRY,
)
RETENTION_DELETED = Counter(
    "agent_progress_retention_deleted",
    "Rows and files the retention job deleted, by what",
    ["what"],
    registry=REGISTRY,
)


def exposition() -> tuple[bytes, str]:
    """The registry in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max((end - start).total_seconds(), 0.0)


class TransitionObserver(Protocol):
    def __call__(self, before: RunState, after: RunState, *, trigger: str) -> None: ...


def observe_transition(before: RunState, after: RunState, *, trigger: str) -> None:
    """Count what one committed write changed: a run started or ended, steps that finished,
    reviews that were decided. Called once per committed change (never for a no-op)."""
    kind = after.kind
    if before.started_at is None and after.started_at is not None:
        RUNS_STARTED.labels(kind, trigger).inc()
    if not before.status.is_terminal and after.status.is_terminal:
        RUNS_FINISHED.labels(kind, trigger, after.status.value.lower()).inc()
        duration = _seconds(after.started_at or after.created_at, after.finished_at)
        if duration is not None:
            RUN_DURATION.labels(kind, after.status.value.lower()).observe(duration)
    for old, new in zip(before.steps, after.steps, strict=False):
        if old is new:
            continue  # transitions keep the steps they did not touch
        if old.finished_at is None and new.finished_at is not None:
            duration = _seconds(new.started_at, new.finished_at)
            if duration is not None:
                STEP_DURATION.labels(kind, new.key, new.status.value.lower()).observe(duration)
        if len(new.decisions) > len(old.decisions):
            for decision in new.decisions[len(old.decisions) :]:
                asked = old.request if old.request is not None else None
                if asked is not None and asked.id == decision.request_id:
                    wait = _seconds(asked.requested_at, decision.decided_at)
                    if wait is not None:
                        # Every round of one review under one label (bounded cardinality).
                        review = first_round_id(decision.request_id)
                        REVIEW_WAIT.labels(kind, review).observe(wait)


def record_retry(what: str, reason: str) -> None:
    RETRIES.labels(what, reason).inc()


def watch_subscriptions(count: Callable[[], int]) -> None:
    """Read the live subscription count from `count` at each scrape."""
    SUBSCRIPTIONS.set_function(lambda: float(count()))


__all__ = [
    "REGISTRY",
    "exposition",
    "observe_transition",
    "record_retry",
    "watch_subscriptions",
]
