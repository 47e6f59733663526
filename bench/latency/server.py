"""The server role: uvicorn + `create_app` as deployed, with GC instrumentation."""

from __future__ import annotations

import argparse
import collections
import gc
import signal
import sys
import time
from pathlib import Path
from typing import Any

from bench.latency.common import CENSUS_MARK, GC_MARK, raise_file_limit


def report_gc_pauses(threshold_ms: float = 2.0) -> None:
    """Log every garbage collection of at least `threshold_ms` to stderr (the server log)."""
    started = [0.0, 0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[:] = time.perf_counter(), time.thread_time()
            return
        ms = (time.perf_counter() - started[0]) * 1000
        cpu_ms = (time.thread_time() - started[1]) * 1000
        if ms >= threshold_ms:
            print(
                f"{GC_MARK} {time.time():.6f} {info['generation']} {ms:.2f} {cpu_ms:.2f}",
                file=sys.stderr,
            )

    gc.callbacks.append(callback)


def freeze_after_startup(app: Any) -> Any:
    """The ASGI app, with `gc.freeze()` once its lifespan startup completed: everything
    allocated by imports and startup moves to the permanent generation, so full collections
    stop re-scanning it."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)  # type: ignore[no-any-return]

        async def send_frozen(message: Any) -> None:
            if message["type"] == "lifespan.startup.complete":
                gc.collect()
                gc.freeze()
                print(f"{GC_MARK}-frozen {gc.get_freeze_count()} objects", file=sys.stderr)
            await send(message)

        return await app(scope, receive, send_frozen)  # type: ignore[no-any-return]

    return wrapped


def census_on_signal() -> None:
    """On SIGUSR1, log how many objects the collector tracks, by type (the top 25)."""

    def census(_signum: int, _frame: object) -> None:
        # Frozen objects (gc.freeze) are not listed by gc.get_objects(): thaw them to count
        # them, then freeze everything again (young objects too: a diagnostic's side effect).
        # What one full collection costs now, and what it would cost with nothing frozen
        # (the same objects, the same moment): the collector policy's effect, measured.
        frozen = gc.get_freeze_count()
        cpu = time.thread_time()
        gc.collect()
        with_freeze = (time.thread_time() - cpu) * 1000
        gc.unfreeze()
        cpu = time.thread_time()
        gc.collect()
        without = (time.thread_time() - cpu) * 1000
        counts = collections.Counter(
            f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects()
        )
        if frozen:
            gc.freeze()
        lines = [
            f"{CENSUS_MARK} total {sum(counts.values())} ({frozen} of them frozen); one full "
            f"collection: {with_freeze:.0f} ms CPU as it was, {without:.0f} ms with nothing frozen"
        ]
        lines += [f"{CENSUS_MARK} {n} {name}" for name, n in counts.most_common(25)]
        print("\n".join(lines), file=sys.stderr, flush=True)

    signal.signal(signal.SIGUSR1, census)


class _NoMetric:
    """Stands in for a prometheus_client metric: every call does nothing."""

    def labels(self, *_args: object, **_kwargs: object) -> _NoMetric:
        return self

    def inc(self, *_args: object, **_kwargs: object) -> None:
        pass

    observe = set = dec = set_function = inc


def metrics_off() -> int:
    """Replace every metric of `src.ops.metrics`, wherever a loaded `src` module holds it,
    by a no-op: the server records nothing (prometheus_client has no switch for that; the
    `AGENT_PROGRESS_METRICS_ENABLED` setting only hides `/metrics`). Returns how many
    references were replaced. An experiment on the bench's server process only."""
    from prometheus_client.metrics import MetricWrapperBase

    import src.ops.metrics as metrics

    real = {id(v): k for k, v in vars(metrics).items() if isinstance(v, MetricWrapperBase)}
    noop = _NoMetric()
    replaced = 0
    for name, module in list(sys.modules.items()):
        if name == "src" or name.startswith("src."):
            for attribute, value in list(vars(module).items()):
                if id(value) in real:
                    setattr(module, attribute, noop)
                    replaced += 1
    return replaced


def serve(args: argparse.Namespace) -> None:
    raise_file_limit()
    report_gc_pauses()
    census_on_signal()
    import uvicorn

    from src.app import create_app
    from src.settings import Settings

    settings = Settings(
        database_url=args.database_url,
        data_dir=Path(args.data_dir),
        dev_mode=True,
        host="127.0.0.1",
        port=args.port,
        shared_fanout=args.fanout != "per-subscriber",
    )
    app: Any = create_app(settings)
    if args.server_metrics == "off":
        print(f"bench-metrics off: {metrics_off()} metric references replaced", file=sys.stderr)
    if args.server_gc == "freeze":
        app = freeze_after_startup(app)
    elif args.server_gc == "disable":
        gc.disable()
    elif args.server_gc == "serve":
        from src.cli import tune_garbage_collector

        tune_garbage_collector()  # exactly what `agent-progress serve` does
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        ws="websockets-sansio",
        # Keep-alive as `agent-progress serve` sets it (AGENT_PROGRESS_WEBSOCKET_PING_SECONDS).
        ws_ping_interval=settings.websocket_ping_seconds or None,
        ws_ping_timeout=settings.websocket_ping_timeout_seconds,
        lifespan="on",
        backlog=4096,
    )


# =============================================================================================
# role: clients
# =============================================================================================
