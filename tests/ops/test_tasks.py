"""`cancel_until_done`: a stop that ends every task, even one that lost a cancellation."""

from __future__ import annotations

import asyncio

import pytest

from src.ops.tasks import cancel_until_done


async def swallows_one_cancellation(cancelled: list[int]) -> None:
    """A loop that loses a cancellation once, as one around Python 3.11's `asyncio.wait_for`
    does when the cancellation lands just as the awaited call completes."""
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(1)
            if len(cancelled) == 1:
                continue  # lost: the loop goes on
            raise


async def test_a_task_that_lost_a_cancellation_is_cancelled_again_until_it_ends() -> None:
    cancelled: list[int] = []
    task = asyncio.create_task(swallows_one_cancellation(cancelled))
    await asyncio.sleep(0)
    async with asyncio.timeout(10):  # a stop that cancels once would wait here forever
        failed = await cancel_until_done(task, poll_seconds=0.01)
    assert task.cancelled()
    assert len(cancelled) == 2
    assert failed == []


async def test_a_task_that_had_failed_is_returned_with_its_error_and_the_others_still_end() -> None:
    async def broken() -> None:
        raise RuntimeError("broken")

    failing = asyncio.create_task(broken(), name="broken")
    running = asyncio.create_task(asyncio.sleep(3600), name="running")
    await asyncio.sleep(0)
    failed = await cancel_until_done(failing, running)
    assert running.cancelled()
    assert [(task.get_name(), str(error)) for task, error in failed] == [("broken", "broken")]


async def test_cancelling_the_caller_stops_the_wait_at_once() -> None:
    cancelled: list[int] = []
    stubborn = asyncio.create_task(swallows_one_cancellation(cancelled))
    await asyncio.sleep(0)
    stopping = asyncio.create_task(cancel_until_done(stubborn, poll_seconds=3600))
    await asyncio.sleep(0.01)  # the first cancellation was lost; the stop waits to ask again
    assert not stubborn.done()
    stopping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stopping
    stubborn.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stubborn
