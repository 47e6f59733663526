"""Run signals between processes on one database: "a run is queued", "a decision was recorded",
"a run was cancelled".

A process that does not execute runs itself (an API-only process, `serve --no-runner`), or that
learns of a decision or cancel for a run another process executes, says so with NOTIFY on one
channel; every local runner LISTENs and acts on the runs it holds. Signals are hints: a lost one
costs latency, never correctness — runners also poll for queued runs, re-read a stored decision
after each review window, and find a cancelled run when renewing its lease.

Hand-written rather than a broker library: it is one NOTIFY and one LISTEN connection on the
database every process already shares, like the change feed's (src/state/feed.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

import asyncpg

from src.ops.tasks import cancel_until_done

log = logging.getLogger(__name__)

CHANNEL = "workflow_run_signals"


class SignalKind(StrEnum):
    QUEUED = "queued"
    """A run was created and waits for a runner to claim it."""
    DECISION = "decision"
    """A decision was stored; the flow waiting for it may go on."""
    CANCEL = "cancel"
    """The run was cancelled; its executor stops it."""


@dataclass(frozen=True, slots=True)
class RunSignal:
    kind: SignalKind
    run_id: UUID

    def encode(self) -> str:
        return f"{self.kind.value}:{self.run_id}"

    @classmethod
    def decode(cls, payload: str) -> RunSignal | None:
        kind, _, run_id = payload.partition(":")
        try:
            return cls(SignalKind(kind), UUID(run_id))
        except ValueError:
            return None


async def send_signal(pool: asyncpg.Pool, signal: RunSignal) -> None:
    """NOTIFY every runner on the database (after the caller's own commit)."""
    await pool.execute("SELECT pg_notify($1, $2)", CHANNEL, signal.encode())


class SignalListener:
    """One LISTEN connection, reconnected with backoff while the process runs."""

    def __init__(
        self,
        dsn: str,
        handle: Callable[[RunSignal], None],
        *,
        on_connect: Callable[[], None] | None = None,
        max_backoff_seconds: float = 5.0,
    ) -> None:
        self._dsn = dsn
        self._handle = handle
        self._on_connect = on_connect
        self._max_backoff = max_backoff_seconds
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._listen(), name="run-signals-listen")

    async def stop(self) -> None:
        if self._task is not None:
            for _, error in await cancel_until_done(self._task):
                log.warning("run signals listener had failed", exc_info=error)
            self._task = None

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        signal = RunSignal.decode(payload)
        if signal is not None:
            self._handle(signal)

    async def _listen(self) -> None:
        backoff = 0.1
        while True:
            try:
                await self._session()
                backoff = 0.1
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("run signals: LISTEN connection failed; retrying", exc_info=True)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self._max_backoff)

    async def _session(self) -> None:
        """LISTEN on one connection until it is lost."""
        conn: Any = await asyncpg.connect(self._dsn)
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        try:
            await conn.add_listener(CHANNEL, self._on_notify)
            self.connected.set()
            if self._on_connect is not None:
                self._on_connect()  # signals sent before this LISTEN: poll for what they said
            while not lost.is_set() and not conn.is_closed():
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(5.0):
                        await lost.wait()
        finally:
            self.connected.clear()
            with contextlib.suppress(Exception):
                await asyncio.shield(conn.close(timeout=2))
