"""A Strawberry extension: each GraphQL operation counted, timed and traced."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from src.ops import metrics
from src.ops.tracing import tracer

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def operation_label(name: str | None) -> str:
    """The operation's name as a label: names are chosen by clients, so anything that is not
    a short GraphQL name is folded into one series."""
    if name is None:
        return "anonymous"
    return name if _NAME.fullmatch(name) else "other"


class OperationMetrics(SchemaExtension):
    """Operations by name, type and outcome, with latency, and a span around each."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        context = self.execution_context
        # The request's `operationName` if it sent one; the document's own name is known only
        # once it is parsed, so the span is renamed after the operation.
        name = operation_label(context.operation_name)
        with tracer().start_as_current_span(f"graphql {name}") as span:
            yield
            name = operation_label(context.operation_name)
            span.update_name(f"graphql {name}")
            try:
                kind = context.operation_type.value
            except Exception:  # an unparsable document has no operation type
                kind = "unknown"
            result = context.result
            failed = bool(context.pre_execution_errors) or bool(
                result is not None and getattr(result, "errors", None)
            )
            span.set_attribute("graphql.operation.name", name)
            span.set_attribute("graphql.operation.type", kind)
            outcome = "error" if failed else "ok"
            metrics.GRAPHQL_OPERATIONS.labels(name, kind, outcome).inc()
            metrics.GRAPHQL_LATENCY.labels(name, kind).observe(time.perf_counter() - started)
