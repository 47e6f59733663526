"""`WriteLane`: one connection of its own for run writes that find it free.

A run write is one statement of about a third of a millisecond. Through asyncpg's pool, each
write also paid for the checkout and the release: the release shields a new task, resets the
connection and arms an idle timer, which cost about 50 µs of CPU and one more event-loop turn
per write (docs/benchmarks.md, goal 4: a quarter of what the store adds to a bare statement).
The lane is one connection, opened on first use and kept: a write that finds it free takes it
with no await, and gives it back with none. A write that finds it in use goes through the pool
as before, so concurrent writes are never queued behind one another here.

Hand-written because asyncpg's pool has no cheaper mode, and the lane is small: a flag and a
connection. It is opened beside the pool, not taken from it, and `open_database` makes the pool
smaller by the lanes it gives, so the configured pool size still bounds a process's write
connections. What can go wrong with the connection is handled where it shows:
- The server closed it (a restart, `pg_terminate_backend`): asyncpg marks it closed when it
  reads the goodbye, so the next use opens a new one. A connection lost without a goodbye fails
  its statement; the lane drops it, and the caller's retry wrapper retries.
- The statement was cancelled or failed on the wire: the connection may be mid-protocol, so it
  is dropped (terminated; the server rolls back anything open). An error raised by the
  caller's own code between statements (a refused transition) leaves it idle and in use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

import asyncpg

from src.db.transient import raised_in_driver

log = logging.getLogger(__name__)

Connect = Callable[[], Awaitable[asyncpg.Connection]]

_CLOSE_SECONDS = 2.0


class WriteLane:
    """One dedicated connection, taken when free; the pool otherwise (see module docstring)."""

    def __init__(self, connect: Connect, pool: asyncpg.Pool, *, enabled: bool = True) -> None:
        """`enabled=False`: every use goes to the pool (a pool too small to spare one)."""
        self._connect = connect
        self._pool = pool
        self._connection: asyncpg.Connection | None = None
        self._busy = False
        self._closed = not enabled
        self.opened = 0
        """Connections the lane has opened (tests)."""

    def connection(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """`async with lane.connection() as conn:` the lane's connection, or a pool's."""
        if self._busy or self._closed:
            pooled: contextlib.AbstractAsyncContextManager[Any] = self._pool.acquire()
            return pooled
        return _LaneUse(self)

    async def _take(self) -> asyncpg.Connection:
        self._busy = True
        try:
            connection = self._connection
            if connection is None or connection.is_closed():
                self._connection = None
                if connection is not None:
                    connection.terminate()
                connection = await self._connect()
                self.opened += 1
                # Kept even if the lane closed meanwhile: the give-back then terminates it.
                self._connection = connection
            return connection
        except BaseException:
            self._busy = False
            raise

    def _give_back(self, error: BaseException | None) -> None:
        self._busy = False
        connection = self._connection
        if connection is None:
            return
        if self._closed or not _still_usable(connection, error):
            self._connection = None
            connection.terminate()

    async def close(self) -> None:
        """Close the lane's connection (a write in progress keeps it until it ends, then it is
        terminated); later writes use the pool."""
        self._closed = True
        connection = self._connection
        if connection is None or self._busy:
            return
        self._connection = None
        try:
            await asyncio.wait_for(connection.close(), _CLOSE_SECONDS)
        except Exception:
            log.debug("the write lane's connection did not close cleanly", exc_info=True)
            connection.terminate()


def _still_usable(connection: asyncpg.Connection, error: BaseException | None) -> bool:
    if error is None:
        return True
    if not isinstance(error, Exception):  # cancelled mid-statement, or the process is exiting
        return False
    if isinstance(error, asyncpg.PostgresError) or not raised_in_driver(error):
        # The server answered (or our own code raised between statements, such as a refused
        # transition): the connection is idle unless a transaction is still open on it.
        return not connection.is_closed() and not connection.is_in_transaction()
    return False  # the driver failed mid-statement (a lost socket, a timeout): start afresh


class _LaneUse:
    __slots__ = ("_lane",)

    def __init__(self, lane: WriteLane) -> None:
        self._lane = lane

    async def __aenter__(self) -> asyncpg.Connection:
        return await self._lane._take()

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self._lane._give_back(error)
