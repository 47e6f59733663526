"""Stopping background tasks for sure.

Hand-written because asyncio has no "cancel until it ends": `Task.cancel` asks once, and a task
can lose that request. Python 3.11's `asyncio.wait_for` returns the awaited result when the
cancellation lands just as the awaited call completes (fixed in 3.12), so a loop around it goes
on, and a `stop` that cancelled once and then awaited the task waited forever (the change
feed's backstop poll did, in CI).
"""

from __future__ import annotations

import asyncio
from typing import Any

POLL_SECONDS = 0.1
"""How long to wait after each round of cancellations before asking again."""


async def cancel_until_done(
    *tasks: asyncio.Task[Any], poll_seconds: float = POLL_SECONDS
) -> list[tuple[asyncio.Task[Any], BaseException]]:
    """Cancel `tasks`, again while any is still running, until every one has ended; return
    each task that ended with an error other than its cancellation, with that error (so it
    is retrieved, and the caller decides how to report it). A cancellation of the caller
    itself propagates at once."""
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=poll_seconds)
    failed: list[tuple[asyncio.Task[Any], BaseException]] = []
    for task in tasks:
        if not task.cancelled() and (error := task.exception()) is not None:
            failed.append((task, error))
    return failed
