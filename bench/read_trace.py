"""Where a timed `run(id:)` spends its time inside the server (`bench/throughput.py --trace`).

The sampler marks each timed request with a header (`x-bench-sample: N`); in the server, an
ASGI wrapper stamps such a request when the ASGI app is called and when its last body byte is
sent, and the asyncpg pool's acquire, the statement and the state parse are stamped while the
request's context variable is set (tasks copy it, so only that request's own work counts).
The driver joins them with the sampler's own timings by N and prints where the tail sits: the
slowest 2 % of the sampler's timings beside the median ones, split into the time outside the
server's ASGI app (the client, the kernel, uvicorn's HTTP parsing, the loop's queue before the
request's task first runs), pool wait, statement, parse, and the rest of GraphQL.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Sequence
from typing import Any

HEADER = b"x-bench-sample"

_current: contextvars.ContextVar[dict[str, float] | None] = contextvars.ContextVar(
    "bench_read_trace", default=None
)
traces: dict[int, dict[str, float]] = {}
"""Sample number -> stamps (perf_counter seconds) of the marked requests."""
collections: list[tuple[float, float, int]] = []
"""(start, end, generation) of every garbage collection (perf_counter seconds)."""


def install() -> None:
    """Wrap the pool's acquire, the statement and the state parse (in the server process)."""
    import gc

    import asyncpg.connection
    import asyncpg.pool

    import src.state.store as store

    began = [0.0]

    def on_collect(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            collections.append((began[0], time.perf_counter(), info["generation"]))

    gc.callbacks.append(on_collect)

    acquire = asyncpg.pool.Pool._acquire

    async def timed_acquire(self: Any, timeout: Any) -> Any:  # noqa: ASYNC109 (its signature)
        stamps = _current.get()
        if stamps is None:
            return await acquire(self, timeout)
        if "acquire" not in stamps:
            stamps["acquire"] = time.perf_counter()
            # Connections open and idle when the read asked for one: 0 idle with fewer open
            # than the pool's maximum means it waits for a new connection to be opened.
            stamps["open"] = float(self.get_size())
            stamps["idle"] = float(self.get_idle_size())
        try:
            return await acquire(self, timeout)
        finally:
            stamps.setdefault("acquired", time.perf_counter())

    asyncpg.pool.Pool._acquire = timed_acquire  # type: ignore[method-assign]

    fetchrow = asyncpg.connection.Connection.fetchrow

    async def timed_fetchrow(self: Any, *args: Any, **kwargs: Any) -> Any:
        stamps = _current.get()
        row = await fetchrow(self, *args, **kwargs)
        if stamps is not None:
            stamps.setdefault("fetched", time.perf_counter())
        return row

    asyncpg.connection.Connection.fetchrow = timed_fetchrow  # type: ignore[method-assign]

    parse = store.record_from_row

    def timed_parse(row: Any, *known: Any) -> Any:
        stamps = _current.get()
        if stamps is None:
            return parse(row, *known)
        begin = time.perf_counter()
        try:
            return parse(row, *known)
        finally:
            stamps["parse_ms"] = stamps.get("parse_ms", 0.0) + (time.perf_counter() - begin) * 1e3
            stamps["state_bytes"] = float(len(row["state_json"] or ""))

    store.record_from_row = timed_parse


def wrap(app: Any) -> Any:
    """The ASGI app, stamping requests the sampler marked."""

    async def traced(scope: Any, receive: Any, send: Any) -> Any:
        number = None
        if scope["type"] == "http":
            for name, value in scope.get("headers", ()):
                if name == HEADER:
                    number = int(value)
        if number is None:
            return await app(scope, receive, send)
        stamps = {"asgi": time.perf_counter()}
        traces[number] = stamps
        token = _current.set(stamps)

        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                stamps["respond"] = time.perf_counter()
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                stamps["sent"] = time.perf_counter()

        try:
            return await app(scope, receive, sending)
        finally:
            _current.reset(token)

    return traced


def dump() -> dict[str, Any]:
    gc_ms: dict[str, float] = {}
    for stamps in traces.values():
        end = stamps.get("sent")
        if end is None:
            continue
        paused = [
            min(end, b) - max(stamps["asgi"], a)
            for a, b, _ in collections
            if b > stamps["asgi"] and a < end
        ]
        stamps["gc"] = sum(paused) * 1e3
    for a, b, generation in collections:
        key = f"gen{generation}"
        gc_ms[key] = gc_ms.get(key, 0.0) + (b - a) * 1e3
    longest = max(((b - a) * 1e3 for a, b, _ in collections), default=0.0)
    return {str(k): v for k, v in traces.items()} | {
        "gc": {"ms by generation": gc_ms, "count": len(collections), "longest ms": longest}
    }


def _pct(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def breakdown(samples: list[tuple[float, float, int]], server: dict[str, Any]) -> list[str]:
    """Lines: median and tail of the sampler's timings, split by where the time went."""
    parts: list[tuple[float, dict[str, float]]] = []
    for _t, ms, number in samples:
        stamps = server.get(str(number))
        if not stamps or "sent" not in stamps:
            continue
        inside = (stamps["sent"] - stamps["asgi"]) * 1e3
        split = {"total": ms, "outside ASGI": ms - inside, "in ASGI": inside}
        split["gc in ASGI"] = stamps.get("gc", 0.0)
        if "acquire" in stamps and "acquired" in stamps and "fetched" in stamps:
            split["before acquire"] = (stamps["acquire"] - stamps["asgi"]) * 1e3
            split["pool wait"] = (stamps["acquired"] - stamps["acquire"]) * 1e3
            split["statement"] = (stamps["fetched"] - stamps["acquired"]) * 1e3
            split["parse"] = stamps.get("parse_ms", 0.0)
            split["after fetch"] = (stamps["sent"] - stamps["fetched"]) * 1e3 - split["parse"]
            split["state KB"] = stamps.get("state_bytes", 0.0) / 1024
            split["pool open"] = stamps.get("open", float("nan"))
            split["pool idle"] = stamps.get("idle", float("nan"))
        parts.append((ms, split))
    if not parts:
        return ["no traced samples"]
    parts.sort(key=lambda p: p[0])
    cut = max(1, len(parts) // 50)
    tail = [s for _, s in parts[-cut:]]
    middle = [s for _, s in parts[len(parts) // 4 : 3 * len(parts) // 4]]
    keys = list(tail[0])
    lines = [f"traced {len(parts)} of {len(samples)}; collector: {server.get('gc')}"]
    lines.append("mean ms of each part:")
    lines.append("| part | middle half | slowest 2 % |")
    lines.append("|---|---|---|")
    for key in keys:
        mid = [s[key] for s in middle if key in s]
        slow = [s[key] for s in tail if key in s]
        lines.append(
            f"| {key} | {sum(mid) / max(len(mid), 1):.1f} | {sum(slow) / max(len(slow), 1):.1f} |"
        )
    lines.append("slowest 2 %, one by one (ms):")
    for s in tail:
        lines.append("  " + ", ".join(f"{k} {v:.1f}" for k, v in s.items()))
    return lines
