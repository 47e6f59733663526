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


def use_tracer_provider(provider: trace.TracerProvider | None) -> None:
    """Trace through `provider` instead of the global one (None: back to the global one).
    Tests use it: the global provider can be set only once per process."""
    global _provider
    _provider = provider


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER_NAME, tracer_provider=_provider)


@contextmanager
def provider_span(port: str, model: str) -> Iterator[None]:
    with tracer().start_as_current_span(
        f"provider.{port}", attributes={"provider.port": port, "provider.model": model}
    ):
        yield


@contextmanager
def unit_span(run_id: UUID, unit_id: str) -> Iterator[None]:
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
