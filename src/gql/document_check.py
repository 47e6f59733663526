"""Parse and validate each new GraphQL document in a worker thread, within a time budget, and
remember the outcome by document text.

Both steps are CPU work: the limits (limits.py) are checked first, in linear time, and bound
what the full validation may cost; but done on the event loop a large document would still
hold up every other request and notification while it is checked. In a worker thread the
loop keeps serving, and a document whose check outlasts the budget is refused instead of
holding its request open.
The panel's repeated operations, and a thousand subscribers sending the same document, are
checked once. This replaces Strawberry's ParserCache and ValidationCache, which run on the
loop."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import anyio
import anyio.to_thread
from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from src.gql.limits import MAX_DOCUMENT_CHARS, MAX_TOKENS, limit_errors
from src.ops.metrics import DOCUMENT_CHECKS_OVER_BUDGET

CHECK_BUDGET_SECONDS = 2.0
"""Longest a document's parse and validation may take. Within the limits they take well
under a third of this; the budget is the backstop for what the limits do not foresee."""
CACHE_CHARS = 250_000
"""Total text of the valid documents remembered. A budget in characters, not entries: a
parsed document holds objects (nodes, tokens, locations) in proportion to its length, and
every object held long makes the collector's full passes, which pause the server, longer.
The panel's documents are a few thousand characters each."""

Rules = tuple[type[ASTValidationRule], ...]


UNPARSED = parse("{ __typename }")
"""Stands in for a document that did not parse (or not within the budget), so that Strawberry
does not parse it again on the event loop; never executed, since the outcome's errors (the
syntax error itself) stop the request at validation."""


@dataclass
class Checked:
    """A document's parse and validation outcome."""

    document: DocumentNode = UNPARSED
    errors: list[GraphQLError] = field(default_factory=list)


TOO_SLOW = (
    "This query took too long to check. Ask for less in one request, or split it into several."
)


def _check(schema: GraphQLSchema, query: str, rules: Rules, outcome: Checked) -> None:
    """Runs in a worker thread; fills `outcome` step by step, so that a budget that runs out
    during validation still finds the parsed document."""
    try:
        outcome.document = parse(query, max_tokens=MAX_TOKENS, max_source_length=MAX_DOCUMENT_CHARS)
    except GraphQLError as syntax_error:
        outcome.errors = [syntax_error]
        return
    # The linear limits first: the full validation is quadratic in what they bound.
    outcome.errors = limit_errors(outcome.document) or validate_document(
        schema, outcome.document, rules
    )


class CheckedDocuments:
    """A small LRU of outcomes by (schema, rules, text): valid documents, and those whose
    check ran out of time. Touched only from the event loop.
    Hand-written: Strawberry's caches wrap the call itself (functools.lru_cache), which
    cannot hand the work to a thread only on a miss, nor count characters."""

    def __init__(self, budget_chars: int = CACHE_CHARS) -> None:
        self._budget = budget_chars
        self._chars = 0
        self._outcomes: OrderedDict[tuple[int, Rules, str], Checked] = OrderedDict()

    async def check(self, schema: GraphQLSchema, query: str, rules: Rules) -> Checked:
        key = (id(schema), rules, query)
        if (known := self._outcomes.get(key)) is not None:
            self._outcomes.move_to_end(key)
            return known
        outcome = Checked()
        with anyio.move_on_after(CHECK_BUDGET_SECONDS) as budget:
            await anyio.to_thread.run_sync(
                _check, schema, query, rules, outcome, abandon_on_cancel=True
            )
        if budget.cancelled_caught:
            DOCUMENT_CHECKS_OVER_BUDGET.inc()
            too_slow = GraphQLError(TOO_SLOW, extensions={"code": "QUERY_TOO_COMPLEX"})
            outcome = Checked(errors=[too_slow])  # remembered: never spend that twice
        elif outcome.errors:
            return outcome  # refused within the budget: cheap to refuse again, not kept
        if key not in self._outcomes:  # another request may have checked it meanwhile
            self._chars += len(query)
        self._outcomes[key] = outcome
        while self._chars > self._budget:
            (_, _, evicted), _ = self._outcomes.popitem(last=False)
            self._chars -= len(evicted)
        return outcome


documents = CheckedDocuments()
"""Shared by every request: outcomes depend only on the schema, the rules and the text."""


class CheckDocument(SchemaExtension):
    """Parses and validates the request's document off the event loop (see the module
    docstring); must come before the extensions that look at the parsed document."""

    def __init__(self) -> None:
        super().__init__()
        self._outcome: Checked | None = None

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            self._outcome = await documents.check(
                context.schema._schema, context.query, context.validation_rules
            )
            context.graphql_document = self._outcome.document
        yield

    def on_validate(self) -> Iterator[None]:
        if self._outcome is not None:
            # Strawberry validates only when nothing has set these yet.
            self.execution_context.pre_execution_errors = list(self._outcome.errors)
        yield
