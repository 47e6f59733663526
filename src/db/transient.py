"""Transient database errors, and retrying through them with backoff and jitter (stamina).

A transient error is one a later attempt can succeed past: the connection was lost, the server
is shutting down or starting up, too many connections, a serialization failure or deadlock,
or the server could not be reached at all. Everything else — a constraint, bad SQL, a bug —
is raised at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import asyncpg
import stamina
from sqlalchemy import exc as sa_exc

from src.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

_TRANSIENT_DRIVER_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,  # 08xxx: connection does not exist, failure, …
    asyncpg.InterfaceError,  # the connection is closed or was lost mid-operation
    asyncpg.InternalClientError,  # "cannot switch to state …": a protocol left broken
    asyncpg.TooManyConnectionsError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.SerializationError,
    asyncpg.DeadlockDetectedError,
)

_DRIVER_MODULES = ("asyncpg", "sqlalchemy")


def is_transient(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) is a database failure that a retry may get past."""
    return any(_is_transient_one(cause) for cause in _causes(error))


def _causes(error: BaseException) -> Iterator[BaseException]:
    # SQLAlchemy wraps the driver's error twice: `DBAPIError.orig` is its adapted error, whose
    # `__cause__` is asyncpg's. Only explicit causes are followed: an error raised while
    # handling a database error is not itself a database error.
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        if isinstance(current, sa_exc.DBAPIError) and isinstance(orig, BaseException):
            current = orig
        else:
            current = current.__cause__


def _is_transient_one(error: BaseException) -> bool:
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, _TRANSIENT_DRIVER_ERRORS):
        return True
    # OSError covers a refused or reset connection and a missing socket file, but also disk
    # errors: only count it when the driver raised it (it has no type of its own for this).
    return isinstance(error, OSError) and raised_in_driver(error)


def raised_in_driver(error: BaseException) -> bool:
    """Whether `error` was raised inside the database driver (its traceback passes through it)."""
    tb = error.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".", 1)[0] in _DRIVER_MODULES:
            return True
        tb = tb.tb_next
    return False


class DatabaseRetry:
    """Retries transient database errors for at most `total_seconds`, with exponential backoff
    and jitter; then raises `DatabaseUnavailable` (a plain message, the detail in the log)."""

    def __init__(
        self, total_seconds: float = 30.0, *, wait_max: float = 2.0, message: str | None = None
    ) -> None:
        self.total_seconds = total_seconds
        self._wait_max = wait_max
        self._message = message

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        # The first attempt runs bare: setting up stamina's retry context costs about 20 µs,
        # a tenth of a run write, and almost every call succeeds at once. Only a transient
        # failure enters the retrying loop (whose own first attempt follows at once).
        try:
            return await operation()
        except Exception as error:
            if not is_transient(error):
                raise
            log.debug("transient database error (%s); retrying", type(error).__name__)
        return await self._retrying(operation)

    async def _retrying(self, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            async for attempt in stamina.retry_context(
                on=is_transient,
                attempts=None,
                timeout=self.total_seconds,
                wait_initial=0.05,
                wait_max=self._wait_max,
                wait_jitter=0.25,
            ):
                with attempt:
                    return await operation()
        except Exception as error:
            if is_transient(error):
                log.warning(
                    "the database stayed unreachable for %.0fs", self.total_seconds, exc_info=True
                )
                raise (
                    DatabaseUnavailable(self._message) if self._message else DatabaseUnavailable()
                ) from error
            raise
        raise AssertionError("unreachable: stamina either returns or raises")


async def until_written(operation: Callable[[], Awaitable[T]], *, wait_max: float = 5.0) -> T:
    """Retry `operation` through database outages of any length (it stops only when the task is
    cancelled): for writes that must not be lost, such as a run's final status."""
    async for attempt in stamina.retry_context(
        on=lambda error: is_transient(error) or isinstance(error, DatabaseUnavailable),
        attempts=None,
        timeout=None,
        wait_initial=0.1,
        wait_max=wait_max,
        wait_jitter=0.5,
    ):
        with attempt:
            return await operation()
    raise AssertionError("unreachable: stamina either returns or raises")
