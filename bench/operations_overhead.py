"""CPU cost of the operations hooks on the hot paths, in isolation (no database):

- `observe_transition`: what every committed run write now pays for metrics;
- a provider call through the breaker, timeout, metrics and a (no-op) span, against the bare
  call;
- a span with tracing off (the API's no-op tracer) and on (SDK, batching, spans dropped).

These are microseconds; `bench/transitions.py` puts them beside a whole persisted transition
(store with metrics off / on / tracing on in the same run), which is noisier on a shared box.

    uv run python bench/operations_overhead.py
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from src.ops.metrics import observe_transition
from src.providers import offline_providers
from src.providers.ports import TextRequest
from src.providers.resilience import Breakers, ResiliencePolicy
from src.state import (
    MessageAdded,
    RunStarted,
    StepDefinition,
    StepStarted,
    apply_all,
    initial_state,
)

ROUNDS = 5
"""Each figure is the best of this many rounds of this process's CPU time (`process_time`),
not wall time: on a shared machine other work steals the CPU between two clock reads, and
the best round is the one least disturbed."""


def per_call(fn: Callable[[], object], n: int = 20_000) -> float:
    for _ in range(1000):
        fn()
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, time.process_time() - start)
    return best / n * 1e6


async def per_call_async(fn: Callable[[], Any], n: int = 5_000) -> float:
    for _ in range(200):
        await fn()
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(n):
            await fn()
        best = min(best, time.process_time() - start)
    return best / n * 1e6


def states() -> tuple[Any, Any]:
    now = datetime.now(UTC)
    steps = tuple(StepDefinition(key=f"s{i}", title=f"Step {i}") for i in range(6))
    state = initial_state(kind="full_video", title="t", steps=steps, created_at=now)
    state = apply_all(state, [RunStarted(at=now), StepStarted(step="s0", summary="x", at=now)])
    after = apply_all(state, [MessageAdded(step="s0", key="k", text="hello", at=now)])
    return state, after


async def main() -> None:
    before, after = states()
    observe = per_call(lambda: observe_transition(before, after, trigger="api"))
    print(f"observe_transition per committed write: {observe:.2f} us")

    class Bare:
        async def structured(self, request: Any, schema: Any) -> Any:
            return None

    request = TextRequest(model="m", system="s", prompt="p", task="t")
    bare = Bare()
    from src.providers.resilience import resilient

    wrapped = resilient(replace(offline_providers(), text=bare), Breakers(ResiliencePolicy())).text
    plain = await per_call_async(lambda: bare.structured(request, None))
    guarded = await per_call_async(lambda: wrapped.structured(request, None))  # type: ignore[arg-type]
    print(
        f"provider call, bare: {plain:.2f} us; with breaker+timeout+metrics+span: {guarded:.2f} us"
    )

    tracer = trace.get_tracer("bench")

    def span() -> None:
        with tracer.start_as_current_span("x"):
            pass

    off = per_call(span)
    trace.set_tracer_provider(TracerProvider())
    on = per_call(lambda: trace.get_tracer("bench2").start_span("x").end())
    print(f"span with tracing off: {off:.2f} us; on (SDK, not exported): {on:.2f} us")


if __name__ == "__main__":
    asyncio.run(main())
