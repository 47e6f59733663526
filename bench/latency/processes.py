"""The writer's view of the other processes: starting them, their CPU time, profiling."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.latency.common import CENSUS_MARK, GC_MARK, MODULE, ROOT


def _stat_fields(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_cpu(pid: int, *, with_children: bool = False) -> float:
    """CPU seconds of a process; with its children (live ones and reaped ones) if asked."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = _stat_fields(pid)
    except OSError:
        return 0.0
    total = int(fields[11]) + int(fields[12])
    if with_children:
        total += int(fields[13]) + int(fields[14])
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    child = _stat_fields(int(entry))
                    if int(child[1]) == pid:
                        total += int(child[11]) + int(child[12])
    return total / tick


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8])
    idle = values[3] + values[4]
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


class CpuMeter:
    """CPU used by each party, and by everything else on the machine, between two marks."""

    def __init__(self, parties: dict[str, Callable[[], float]]) -> None:
        self.parties = parties

    def mark(self) -> dict[str, float]:
        marks = {name: read() for name, read in self.parties.items()}
        marks["machine"], marks["machine_total"] = machine_cpu()
        marks["wall"] = time.monotonic()
        return marks

    def describe(self, before: dict[str, float], after: dict[str, float]) -> str:
        wall = after["wall"] - before["wall"]
        used = {name: after[name] - before[name] for name in self.parties}
        busy = after["machine"] - before["machine"]
        cores = (after["machine_total"] - before["machine_total"]) / wall
        parts = [f"{name} {100 * seconds / wall:.0f}%" for name, seconds in used.items()]
        parts.append(f"everything else {100 * max(0.0, busy - sum(used.values())) / wall:.0f}%")
        return f"CPU over {wall:.1f}s, % of one core ({cores:.0f} cores): " + ", ".join(parts)


def postmaster_pid(pgdata: Path) -> int | None:
    try:
        return int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class ClientsProcess:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(cls) -> ClientsProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            MODULE,
            "--role",
            "clients",
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=1 << 28,
        )
        return cls(proc)

    async def call(self, op: str, **args: Any) -> dict[str, Any]:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None
        assert stdout is not None
        stdin.write(json.dumps({"op": op, **args}).encode() + b"\n")
        await stdin.drain()
        line = await asyncio.wait_for(stdout.readline(), 1200)  # 10,000 connections take a while
        if not line:
            raise RuntimeError(f"clients process exited during {op!r}")
        reply: dict[str, Any] = json.loads(line)
        if not reply.pop("ok"):
            raise RuntimeError(f"clients process failed {op!r}: {reply['error']}")
        return reply

    async def stop(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(Exception):
                assert self.proc.stdin is not None
                self.proc.stdin.write(b'{"op": "exit"}\n')
                await self.proc.stdin.drain()
            try:
                await asyncio.wait_for(self.proc.wait(), 10)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()


class ServerProcess:
    def __init__(self, proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.proc = proc
        self.url = url
        self.log = log

    @classmethod
    def spawn(
        cls,
        database_url: str,
        data_dir: Path,
        *,
        gc_mode: str,
        mode: str = "shared",
        role: str = "server",
        metrics: str = "on",
        root: Path = ROOT,
    ) -> ServerProcess:
        """`root`: the checkout whose code the process runs (another one, e.g. the main
        branch's, for a before/after in the same run); it is only read, no bytecode written."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        data_dir.mkdir(parents=True, exist_ok=True)
        log = data_dir / "server.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(
                [sys.executable, "-m", MODULE, "--role", role, "--database-url",
                 database_url, "--port", str(port), "--data-dir", str(data_dir),
                 "--server-gc", gc_mode, "--fanout", mode, "--server-metrics", metrics],
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root,
                env=os.environ if root == ROOT else {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            )  # fmt: skip
        return cls(proc, f"http://127.0.0.1:{port}", log)

    async def wait_healthy(self, within: float) -> None:
        import httpx

        deadline = time.monotonic() + within
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as http:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited ({self.proc.returncode}):\n{self.tail()}")
                with contextlib.suppress(httpx.HTTPError, ValueError):
                    if (await http.get("/health")).json().get("changeFeedConnected"):
                        return
                await asyncio.sleep(0.1)
        raise RuntimeError(f"server not healthy after {within}s:\n{self.tail()}")

    def rss_mb(self) -> float | None:
        """The process's resident memory now, MiB."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return None

    def gc_pauses(self, start: float, end: float) -> list[tuple[int, float, float]]:
        """The server's GC pauses of 2 ms or more between two `time.time()`s:
        (generation, wall ms, CPU ms)."""
        pauses = []
        with contextlib.suppress(OSError):
            for line in self.log.read_text(errors="replace").splitlines():
                if line.startswith(GC_MARK + " "):
                    _, at, generation, ms, cpu_ms = line.split()
                    if start <= float(at) <= end:
                        pauses.append((int(generation), float(ms), float(cpu_ms)))
        return pauses

    def errors(self) -> tuple[int, str]:
        """How many tracebacks the server logged, and the last line of the first one."""
        try:
            log = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return 0, ""
        starts = [i for i, line in enumerate(log) if line.startswith("Traceback")]
        if not starts:
            return 0, ""
        first = next(
            (line for line in log[starts[0] + 1 :] if line and not line.startswith(" ")), ""
        )
        return len(starts), first

    async def census(self) -> list[str]:
        """The server's tracked objects by type (see `census_on_signal`); empty if it did not
        answer within a minute (walking the heap of ~20,000 connections on a busy machine
        takes more than the ten seconds once allowed here)."""
        self.proc.send_signal(signal.SIGUSR1)
        for _ in range(600):
            await asyncio.sleep(0.1)
            lines = [
                line[len(CENSUS_MARK) + 1 :]
                for line in self.log.read_text(errors="replace").splitlines()
                if line.startswith(CENSUS_MARK)
            ]
            if len(lines) >= 26:
                return lines[-26:]
        return []

    def tail(self) -> str:
        try:
            log = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(line for line in log if not line.startswith("bench-"))[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Profiler:
    """py-spy sampling the server during one measured phase (when `--py-spy` is given)."""

    def __init__(self, directory: str | None, pid: int) -> None:
        self.directory = Path(directory) if directory else None
        self.pid = pid
        self.proc: subprocess.Popen[bytes] | None = None
        self.output: Path | None = None

    def start(self, phase: str, seconds: float) -> None:
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        self.output = self.directory / (re.sub(r"[^a-z0-9]+", "-", phase.lower()) + ".txt")
        self.proc = subprocess.Popen(
            ["py-spy", "record", "-p", str(self.pid), "-r", "200", "-d", str(math.ceil(seconds)),
             "--format", "raw", "-o", str(self.output), "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.5)  # let it attach before the phase starts

    def stop(self) -> list[str]:
        """Stop sampling; the heaviest frames (inclusive share of samples)."""
        if self.proc is None or self.output is None:
            return []
        self.proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(20)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        return heaviest_frames(self.output)


_GENERIC = re.compile(r"bench/latency/|asyncio/|uvicorn/(main|server|_compat)\.py")


def heaviest_frames(path: Path, top: int = 12) -> list[str]:
    """The frames with the most inclusive samples, leaving out the event loop's own."""
    total = 0
    inclusive: collections.Counter[str] = collections.Counter()
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue  # py-spy writes an empty line for a sample it could not read
            total += int(count)
            names = set()
            for frame in stack.split(";"):
                match = re.match(r"(.*?) \((.*?):\d+\)", frame)
                if match and not _GENERIC.search(match.group(2)):
                    module = match.group(2).split("site-packages/")[-1]
                    names.add(f"{match.group(1)} ({module})")
            for name in names:
                inclusive[name] += int(count)
    if not total:
        return []
    rows = inclusive.most_common(top)
    return [f"{100 * c / total:5.1f}% {n}" for n, c in rows] + [f"({total} samples in {path})"]
