"""Command line: arguments, the database to measure on, and the role this process plays."""

from __future__ import annotations

import argparse
import asyncio
import atexit
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from bench import latency as _package
from bench.latency.clients import clients_main
from bench.latency.common import raise_file_limit
from bench.latency.floor import floor
from bench.latency.scenarios import bench
from bench.latency.server import serve
from src.db.scratch import scratch_database


async def amain(args: argparse.Namespace, workdir: Path) -> int:
    if args.database_url is None:
        from src.db.embedded import start_embedded

        pgdata = workdir / "pgdata"
        url = start_embedded(pgdata, throwaway=True)
        print("embedded throwaway PostgreSQL")
        return await bench(url, pgdata, workdir, args)
    async with scratch_database(args.database_url, "bench_latency") as url:
        print(f"scratch database {urlsplit(url).path[1:]} on {urlsplit(url).hostname}")
        return await bench(url, None, workdir, args)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(_package.__doc__ or "").split("\n\n")[0])
    hidden = argparse.SUPPRESS
    parser.add_argument("--role", choices=["main", "server", "clients", "floor"], help=hidden)
    parser.add_argument("--port", type=int, help=hidden)
    parser.add_argument("--data-dir", help=hidden)
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server to use (a scratch database is created and dropped); "
        "default: an embedded throwaway server",
    )
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument(
        "--processes",
        type=int,
        choices=[1, 2],
        default=1,
        help="2: after scenario A on one server process, the same with the subscribers spread "
        "over two server processes on the same database (instead of scenario B)",
    )
    parser.add_argument(
        "--scenarios",
        type=lambda s: s.split(","),
        default=["a", "b", "raw"],
        help="comma-separated: a (per-lecture), b (broadcast), floor (B against a bare asyncio "
        "server writing pre-encoded frames), raw (LISTEN/NOTIFY)",
    )
    parser.add_argument(
        "--fanout",
        choices=["shared", "per-subscriber", "both"],
        default="shared",
        help="the server's subscription fan-out; `both` runs every scenario on each, "
        "per-subscriber (the old path, the baseline) first",
    )
    parser.add_argument(
        "--baseline-root",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="also start a server from another checkout of the project (e.g. the main "
        "branch's, read only) with the same fan-out and collector settings, and measure it "
        "first, as [baseline], beside this checkout's [candidate]",
    )
    parser.add_argument(
        "--knee",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        help="comma-separated subscriber counts: scenario A again at each (the fixture is "
        "made for the largest)",
    )
    parser.add_argument(
        "--knee-baseline-max",
        type=int,
        default=None,
        help="with --fanout both or --baseline-root: the baseline skips knee steps above this",
    )
    parser.add_argument("--rate-a", type=float, default=200, help="writes/s in scenario A")
    parser.add_argument("--seconds-a", type=float, default=10, help="scenario A and raw")
    parser.add_argument(
        "--rates-b",
        type=lambda s: [float(x) for x in s.split(",")],
        default=[2.0, 20.0],
        help="comma-separated writes/s for scenario B, each a phase on the same connections",
    )
    parser.add_argument("--seconds-b", type=float, default=5, help="per scenario B phase")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="scenario B rounds, alternating between the servers (fan-out modes, floor)",
    )
    parser.add_argument("--connect-concurrency", type=int, default=50)
    parser.add_argument(
        "--drain-limit", type=float, default=20, help="seconds to wait for late deliveries"
    )
    parser.add_argument(
        "--server-gc",
        choices=["serve", "default", "freeze", "disable"],
        default="serve",
        help="the server's collector: `serve` (default) tunes it as `agent-progress serve` does; "
        "`default` leaves Python's settings; `freeze` only freezes after startup; `disable` "
        "turns automatic collection off (the cost of GC pauses)",
    )
    parser.add_argument(
        "--compare-metrics",
        action="store_true",
        help="run scenario A on a server recording metrics and on one with every metric "
        "replaced by a no-op, in the same run (instead of scenario B)",
    )
    parser.add_argument("--server-metrics", choices=["on", "off"], default="on", help=hidden)
    parser.add_argument("--target-p99", type=float, default=25.0, help="ms, scenario A")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dump", metavar="JSON", help="write (time, latency ms) per delivery per scenario"
    )
    parser.add_argument(
        "--heap-census",
        action="store_true",
        help="after scenario A, report the server's GC-tracked objects by type",
    )
    parser.add_argument(
        "--py-spy", metavar="DIR", help="sample the server with py-spy during each phase"
    )
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.role == "server":  # the two subprocesses run this same package
        serve(args)
    elif args.role == "floor":
        floor(args)
    elif args.role == "clients":
        asyncio.run(clients_main())
    else:
        raise_file_limit()
        workdir = Path(tempfile.mkdtemp(prefix="agent-progress-latency-"))
        # atexit runs last-in first-out: the embedded server (registered later) stops first.
        atexit.register(shutil.rmtree, workdir, ignore_errors=True)
        sys.exit(asyncio.run(amain(args, workdir)))
