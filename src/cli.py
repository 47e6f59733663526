"""`agent-progress`: serve the API, export the schema, apply migrations; and the terminal
client (`watch`, `review`, `start`, src/terminal)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from pathlib import Path

from src.settings import Settings
from src.terminal.commands import COMMANDS as TERMINAL_COMMANDS
from src.terminal.commands import add_commands as add_terminal_commands
from src.terminal.commands import main as run_terminal_command

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema.graphql"


def schema_sdl() -> str:
    from src.gql.schema import schema

    return schema.as_str() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agent-progress")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the server on the embedded defaults")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument(
        "--no-runner",
        action="store_true",
        help="API only: queue runs for the runner processes on the same DATABASE_URL",
    )
    export = commands.add_parser("export-schema", help="write schema.graphql from the code")
    export.add_argument("--output", type=Path, default=SCHEMA_PATH)
    commands.add_parser("migrate", help="apply database migrations and exit")
    issue = commands.add_parser(
        "issue-token", help="create a viewer and print a bearer token for it (shown once)"
    )
    issue.add_argument("--name", required=True, help="who the token is for")
    clean = commands.add_parser(
        "cleanup", help="delete finished runs, dead assets and revoked tokens past an age"
    )
    clean.add_argument("--older-than", default="30d", help="an age: 30d, 12h, 90m (default 30d)")
    clean.add_argument("--dry-run", action="store_true", help="list what would go; delete nothing")
    add_terminal_commands(commands)
    args = parser.parse_args(argv)
    if args.command in TERMINAL_COMMANDS:  # clients of a server: no settings, no database
        return run_terminal_command(args)
    # Imported here: they load the database layer, which the terminal client never needs
    # (it starts in a second instead of several).
    from src.ops.log_format import configure_logging
    from src.ops.tracing import configure_tracing

    settings = Settings(runner_enabled=False) if getattr(args, "no_runner", False) else Settings()
    configure_logging(settings.logs)
    if args.command == "export-schema":
        args.output.write_text(schema_sdl())
        print(f"wrote {args.output}")
        return 0
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "cleanup":
        return asyncio.run(_cleanup(settings, args.older_than, dry_run=args.dry_run))
    if args.command == "issue-token":
        return asyncio.run(_issue_token(settings, args.name))
    from src.app import create_app
    from src.lifecycle import serve as serve_until_stopped

    tune_garbage_collector()
    if configure_tracing():
        logging.getLogger(__name__).info("tracing: exporting spans over OTLP")

    app = create_app(settings)
    # SIGTERM and SIGINT alike: stop accepting, close websockets with 1001, mark unfinished
    # runs interrupted, stop the embedded PostgreSQL (src/lifecycle.py).
    serve_until_stopped(
        app,
        app.state.websockets,
        host=args.host or settings.host,
        port=args.port or settings.port,
        ws="websockets-sansio",
        # Websocket keep-alive: a protocol ping every 15 s (by default); a peer whose pong is
        # 20 s late is gone. Each ping is a timer and a write per socket (docs/benchmarks.md).
        ws_ping_interval=settings.websocket_ping_seconds or None,
        ws_ping_timeout=settings.websocket_ping_timeout_seconds,
        timeout_graceful_shutdown=10,
    )
    return 0


def tune_garbage_collector() -> None:
    """Fewer, cheaper pauses for a long-running server.

    A full collection walks every tracked object; with a thousand websocket subscribers that
    took hundreds of milliseconds and stalled notifications (docs/benchmarks.md). Objects made
    at import time never die, so they are frozen out of the walk, and young collections run
    less often so fewer short-lived objects are promoted to the old generations."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(10_000, middle, old)


async def _issue_token(settings: Settings, name: str) -> int:
    from src.auth import AccessTokens
    from src.db import open_database
    from src.db.embedded import start_embedded

    url = settings.database_url or start_embedded(settings.pgdata_dir)
    database = await open_database(url)
    try:
        viewer, token = await AccessTokens(database.engine).issue(name=name)
    finally:
        await database.close()
    print(f"viewer {viewer.id} ({viewer.name})")
    print(f"token  {token}")
    print("Only its hash is stored: keep the token now. Send it as `Authorization: Bearer <token>`")
    print('(websockets: {"authorization": "Bearer <token>"} in connection_init).')
    return 0


async def _cleanup(settings: Settings, older_than: str, *, dry_run: bool) -> int:
    from src.assets import LocalBlobStorage
    from src.db import open_database
    from src.db.embedded import start_embedded
    from src.retention import cleanup
    from src.retention.schedule import parse_age

    try:
        age = parse_age(older_than)
    except ValueError as error:
        print(f"agent-progress cleanup: {error}", file=sys.stderr)
        return 2
    url = settings.database_url or start_embedded(settings.pgdata_dir)
    database = await open_database(url)
    try:
        storage = LocalBlobStorage(settings.assets_dir)
        report = await cleanup(database.engine, storage, age, dry_run=dry_run)
    finally:
        await database.close()
    verb = "would delete" if dry_run else "deleted"
    counts = report.counts()
    print(f"{verb}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    if dry_run:
        for what in ("runs", "assets", "files", "tokens"):
            for item in getattr(report, what):
                print(f"  {what[:-1]} {item}")
    return 0


async def _migrate(settings: Settings) -> int:
    from src.db import open_database
    from src.db.embedded import start_embedded

    url = settings.database_url or start_embedded(settings.pgdata_dir)
    database = await open_database(url)
    await database.close()
    print("database schema is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
