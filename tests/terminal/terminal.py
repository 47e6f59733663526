"""The real `agent-progress` command in a subprocess: in a pseudo-terminal (as a person runs
it: rich's live view, prompts on stdin) or with its output piped."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import struct
import sys
import termios
from pathlib import Path

from tests.terminal.helpers import plain

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 30.0


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "AGENT_PROGRESS_TOKEN"}
    env.update(TERM="xterm-256color", COLUMNS="140", LINES="60", **extra)
    return env


class Terminal:
    """`agent-progress ARGS` attached to a pseudo-terminal of 140x60."""

    def __init__(self) -> None:
        self.raw = ""
        self.changed = asyncio.Event()
        self.process: asyncio.subprocess.Process | None = None
        self.master = -1

    async def start(self, *args: str, env: dict[str, str] | None = None) -> Terminal:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 140, 0, 0))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "src.cli",
            *args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env or cli_env(),
            start_new_session=True,
        )
        os.close(slave)
        asyncio.get_running_loop().add_reader(self.master, self._read)
        return self

    def _read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the process closed the terminal
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self.master)
        self.raw += data.decode(errors="replace")
        self.changed.set()

    @property
    def text(self) -> str:
        return plain(self.raw)

    async def expect(self, needle: str) -> None:
        try:
            async with asyncio.timeout(WAIT_SECONDS):
                while needle not in self.text:
                    self.changed.clear()
                    await self.changed.wait()
        except TimeoutError:
            raise AssertionError(f"{needle!r} never appeared in:\n{self.text}") from None

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    async def exit_code(self) -> int:
        assert self.process is not None
        async with asyncio.timeout(WAIT_SECONDS):
            code = await self.process.wait()
        await asyncio.sleep(0.1)  # the last output, already written, is read
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.master)
        os.close(self.master)
        return code


async def piped(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> tuple[int, str, str]:
    """`agent-progress ARGS` with its output piped: (exit code, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "src.cli",
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env=env or cli_env(),
    )
    async with asyncio.timeout(WAIT_SECONDS):
        out, err = await process.communicate(stdin.encode())
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()
