"""Traces: one run followed from its start mutation through its units of work and provider
calls (and its database calls), in the SDK's in-memory exporter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from src.ops.tracing import use_tracer_provider
from tests.test_workflow_failures import lecture, start, wait_for
from tests.test_workflow_failures import scripted as scripted  # the fixture


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """An SDK provider with an in-memory exporter for this test only (not the global one:
    the SDK draws span IDs from `random`, which other tests' Hypothesis strategies forbid)."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    use_tracer_provider(provider)
    instrumentor = AsyncPGInstrumentor()
    instrumentor.instrument(tracer_provider=provider)
    yield exporter
    instrumentor.uninstrument()
    use_tracer_provider(None)
    provider.shutdown()


async def test_one_run_is_one_trace_from_its_start_mutation_to_its_provider_calls(
    scripted: Any, spans: InMemorySpanExporter
) -> None:
    resources = await scripted()
    lecture_id = await lecture(resources)
    spans.clear()
    run_id = await start(resources, lecture_id, {"image": {"prompt": "a tide pool"}})
    await wait_for(resources, run_id, lambda s: s.pending_request() is not None)

    finished = spans.get_finished_spans()
    mutation = next(s for s in finished if s.name == "graphql anonymous")
    trace_id = mutation.context.trace_id
    in_run = [s for s in finished if s.context.trace_id == trace_id]
    units = [s for s in in_run if s.name.startswith("unit ")]
    assert units, [s.name for s in finished]
    assert all(s.attributes and s.attributes["run.id"] == str(run_id) for s in units)
    image_calls = [s for s in in_run if s.name == "provider.image"]
    assert len(image_calls) == 1
    parent = image_calls[0].parent
    assert parent is not None and parent.span_id in {u.context.span_id for u in units}
    # Database calls of the run (asyncpg instrumentation) are in the same trace.
    assert any(s.attributes and s.attributes.get("db.system") == "postgresql" for s in in_run)
