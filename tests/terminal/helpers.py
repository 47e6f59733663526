"""Driving the terminal client in-process against the test server, its output captured."""

from __future__ import annotations

import asyncio
import io
import re
from typing import Any

from rich.console import Console

from src.terminal.review import Flags, review
from src.terminal.start import StartOptions, start
from src.terminal.transport import Api, Endpoint
from src.terminal.watch import watch

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(text: str) -> str:
    return ANSI.sub("", text)


class _Recording(io.StringIO):
    """Memory that says when something was written."""

    def __init__(self) -> None:
        super().__init__()
        self.written = asyncio.Event()

    def write(self, text: str) -> int:
        self.written.set()
        return super().write(text)


WAIT_SECONDS = 20.0


class Screen:
    """A console writing to memory, as a pipe would receive it (no terminal)."""

    def __init__(self) -> None:
        self.buffer = _Recording()
        self.console = Console(file=self.buffer, soft_wrap=True, width=120, color_system=None)

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    async def wait_for(self, needle: str) -> None:
        """Until `needle` has been printed (at most WAIT_SECONDS)."""
        try:
            async with asyncio.timeout(WAIT_SECONDS):
                while needle not in self.text:
                    self.buffer.written.clear()
                    await self.buffer.written.wait()
        except TimeoutError:
            raise AssertionError(f"{needle!r} never appeared in:\n{self.text}") from None


async def run_watch(server: str, screen: Screen, **options: Any) -> int:
    async with Api(Endpoint(server)) as api:
        return await watch(api, screen.console, **options)


async def run_review(server: str, run_id: str, **flags: Any) -> tuple[int, str]:
    screen = Screen()
    async with Api(Endpoint(server)) as api:
        code = await review(
            api, screen.console, run_id, Flags(**flags), stdin=io.StringIO(), interactive=False
        )
    return code, screen.text


async def run_start(server: str, lecture_id: str | None, **options: Any) -> str:
    screen = Screen()
    async with Api(Endpoint(server)) as api:
        run_id, _ = await start(
            api, screen.console, screen.console, StartOptions(**options), lecture_id
        )
    return run_id
