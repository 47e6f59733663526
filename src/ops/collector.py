"""The garbage collector's policy for a server holding many websockets.

Each open websocket keeps a few hundred objects the collector tracks (uvicorn's protocol,
Strawberry's handler and operation, their tasks and coroutines). A burst of 10,000
connections promotes millions of them into the old generation, and Python then runs one full
collection that walks them all — seconds of CPU on a 2-core machine, during which nothing is
delivered (docs/benchmarks.md, "10,000 subscribers"). Those objects live as long as their
connections, so walking them finds nothing.

`SettledFreeze` moves them out of the collector's walk with `gc.freeze()` once a burst of
connections has settled (no connection opened during the last check interval; in a burst that
goes on, every few thousand connections): later full collections walk only what was made
since. The freeze itself is cheap (it relinks the generations' lists); a collection of the
young generations before it reclaims their fresh garbage. Frozen objects are still freed by
reference counting when their connection closes; only reference cycles among them wait. So
once many of the frozen connections have gone, the policy unfreezes, collects everything once
(at the new, smaller size) and freezes again.

Hand-written: no library schedules `gc.freeze()` for a long-running asyncio server; it is a
periodic check (a loop timer, not a task) over two counters of `OpenWebSockets`.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Protocol

log = logging.getLogger(__name__)

LONG_BURST = 5
"""A burst still going on after this many times `burst` connections is frozen anyway."""


class Connections(Protocol):
    """What the policy reads of the open websockets (`src.lifecycle.OpenWebSockets`)."""

    opened: int
    """Connections accepted since start."""

    def __len__(self) -> int: ...


class SettledFreeze:
    """Freezes the collector's old objects after each settled burst of connections."""

    def __init__(
        self, connections: Connections, *, burst: int = 1000, interval_seconds: float = 1.0
    ) -> None:
        self._connections = connections
        self.burst = burst
        """Connections opened (or, for a refresh, closed) since the last freeze that make it
        worth another; 0 turns the policy off."""
        self._interval = interval_seconds
        self._seen = connections.opened
        self._opened_at_freeze = connections.opened
        self._open_at_freeze = len(connections)
        self._timer: asyncio.TimerHandle | None = None
        self.freezes = 0
        self.refreshes = 0

    def check(self) -> str | None:
        """One check: "freeze", "refresh" (unfreeze, full collection, freeze) or None."""
        opened, open_now = self._connections.opened, len(self._connections)
        new = opened - self._opened_at_freeze
        still_connecting, self._seen = opened != self._seen, opened
        if self.burst <= 0 or (still_connecting and new < LONG_BURST * self.burst):
            return None  # wait until the burst has settled (unless it goes on and on)
        closed = new - (open_now - self._open_at_freeze)
        if closed >= max(self.burst, self._open_at_freeze // 2):
            # Many frozen connections are gone: their reference cycles (tasks, coroutines,
            # exceptions) only a full collection over the unfrozen objects reclaims.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.refreshes += 1
            action = "refresh"
        elif new >= self.burst:
            gc.collect(1)  # the young generations' garbage goes first; the rest is kept
            gc.freeze()
            self.freezes += 1
            action = "freeze"
        else:
            return None
        self._opened_at_freeze, self._open_at_freeze = opened, open_now
        log.info(
            "garbage collector: %s with %d websockets open; %d objects frozen",
            action,
            open_now,
            gc.get_freeze_count(),
        )
        return action

    def start(self) -> None:
        """Check every `interval_seconds` on the running loop until `stop`."""
        if self.burst > 0:
            self._schedule(asyncio.get_running_loop())

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = loop.call_later(self._interval, self._tick, loop)

    def _tick(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            self.check()
        except Exception:  # the policy must never stop the server; the default GC goes on
            log.exception("garbage collector policy failed")
        self._schedule(loop)
