"""OpenTelemetry traces: off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or a test) installs a
tracer provider. Without one, the API's no-op tracer makes every span here nearly free."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from opentelemetry import trace

TRACER_NAME = "agent-progress"


_provider: trace.TracerProvider | None = None
_tracer: trace.Tracer | None = None


def use_tracer_provider(provider: trace.TracerProvider | None) -> None:
    """Trace through `provider` instead of the global one (None: back to the global one).
    Tests use it: the global provider can be set only once per process."""
    global _provider, _tracer
    _provider = provider
    _tracer = None


def tracer() -> trace.Tracer:
    """The tracer, made once: without a provider the API hands out a proxy that follows the
    global provider when one is set later, so keeping it is safe (and saves a lookup per
    span on the provider-call and unit paths)."""
    global _tracer
    if _tracer is None:
        _tracer = trace.get_tracer(TRACER_NAME, tracer_provider=_provider)
    return _tracer


def tracing_on() -> bool:
    """Whether a tracer provider is installed (here or globally). Without one every span is
    the API's no-op; skipping it saves its bookkeeping on the hot paths (about 6 µs of the
    15 µs a provider call's wrapper cost, docs/benchmarks.md)."""
    return _provider is not None or not isinstance(
        trace.get_tracer_provider(), trace.ProxyTracerProvider
    )


@contextmanager
def provider_span(port: str, model: str) -> Iterator[None]:
    if not tracing_on():
        yield
        return
    with tracer().start_as_current_span(
        f"provider.{port}", attributes={"provider.port": port, "provider.model": model}
    ):
        yield


@contextmanager
def unit_span(run_id: UUID, unit_id: str) -> Iterator[None]:
    if not tracing_on():
        yield
        return
    with tracer().start_as_current_span(
        f"unit {unit_id}", attributes={"run.id": str(run_id), "unit.id": unit_id}
    ):
        yield


def enabled_by_environment() -> bool:
    return bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def configure_tracing() -> bool:
    """With the standard OTLP variables set, export spans (OTLP over HTTP) and trace asyncpg
    calls; otherwise do nothing, and spans stay the API's no-ops. Returns whether it did."""
    if not enabled_by_environment():
        return False
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    service = os.environ.get("OTEL_SERVICE_NAME", "agent-progress")
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    AsyncPGInstrumentor().instrument()  # type: ignore[no-untyped-call]
    return True
