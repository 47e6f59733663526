"""How much a GraphQL document may ask for: operation depth, aliases, and selections once
its fragments are expanded (its cost). Checked in one pass, in time linear in the document.

Strawberry's QueryDepthLimiter and MaxAliasesLimiter walk a fragment again at every spread,
so n fragments that each spread the next one twice cost 2^n steps: a 758-byte "fragment
bomb" pins the CPU for minutes. Here every fragment is summarised once and each spread reuses
that summary, so a fragment spread twice counts twice but is computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)
from graphql.language import SKIP, VisitorAction

MAX_DEPTH = 12
"""Deep enough for the panel's deepest read (run → timeline step → segment → image → url)."""
MAX_ALIASES = 30
MAX_TOKENS = 5000
MAX_SELECTIONS = 2000
"""Fields an operation selects with its fragments expanded: the panel's largest operation
(LecturePanel) selects 400, GraphiQL's schema query 220."""
MAX_DOCUMENT_CHARS = 100_000
"""Longest document text; the token limit alone does not bound a long string or comment."""

_SATURATED = 1_000_000
"""Counts stop growing here: past it only "too many" matters (and a bomb's counts would
otherwise have hundreds of digits)."""


@dataclass(frozen=True)
class Cost:
    """What a selection set asks for, its fragment spreads expanded."""

    depth: int
    """The deepest field level below it (its own fields are level 0); introspection fields
    (`__schema`, `__type`) count but what they select does not, as in Strawberry."""
    aliases: int
    selections: int
    """Field selections, each spread of a fragment counting that fragment's fields again."""


@dataclass
class _Body:
    """A selection set's own fields, and the fragments it spreads (not yet expanded)."""

    depth: int = 0
    aliases: int = 0
    selections: int = 0
    spreads: list[tuple[str, int | None]] = field(default_factory=list)
    """(fragment name, field level of the spread); None inside an introspection field."""


def _body(selection_set: SelectionSetNode) -> _Body:
    body = _Body()
    # An explicit stack rather than recursion: nesting is bounded by the parser, but a
    # worker thread's recursion budget is not ours to spend.
    stack: list[tuple[SelectionSetNode, int, bool]] = [(selection_set, 0, True)]
    while stack:
        selections, level, counts_depth = stack.pop()
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                body.selections += 1
                body.aliases += selection.alias is not None
                if counts_depth:
                    body.depth = max(body.depth, level)
                if selection.selection_set is not None:
                    introspection = selection.name.value.startswith("__")
                    stack.append(
                        (selection.selection_set, level + 1, counts_depth and not introspection)
                    )
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, level, counts_depth))
            elif isinstance(selection, FragmentSpreadNode):
                body.spreads.append((selection.name.value, level if counts_depth else None))
    return body


def _expand(body: _Body, fragments: dict[str, Cost]) -> Cost:
    """A body's cost given its fragments' costs; an unknown or cyclic spread costs nothing
    (graphql-core's own rules report those)."""
    depth, aliases, selections = body.depth, body.aliases, body.selections
    for name, level in body.spreads:
        cost = fragments.get(name)
        if cost is None:
            continue
        aliases = min(aliases + cost.aliases, _SATURATED)
        selections = min(selections + cost.selections, _SATURATED)
        if level is not None:
            depth = max(depth, level + cost.depth)
    return Cost(depth=depth, aliases=aliases, selections=selections)


def _fragment_costs(bodies: dict[str, _Body]) -> dict[str, Cost]:
    """Each fragment's cost, computed once, dependencies first (iterative depth-first)."""
    costs: dict[str, Cost] = {}
    open_: set[str] = set()
    for root in bodies:
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            name, children_done = stack.pop()
            if name in costs:
                continue
            if children_done:
                open_.discard(name)
                costs[name] = _expand(bodies[name], costs)
                continue
            if name in open_:
                continue  # a cycle
            open_.add(name)
            stack.append((name, True))
            stack.extend(
                (child, False)
                for child, _ in bodies[name].spreads
                if child in bodies and child not in costs and child not in open_
            )
    return costs


def operation_costs(document: DocumentNode) -> list[tuple[OperationDefinitionNode, Cost]]:
    """Every operation's cost, in time linear in the document."""
    bodies = {
        definition.name.value: _body(definition.selection_set)
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    fragments = _fragment_costs(bodies)
    return [
        (definition, _expand(_body(definition.selection_set), fragments))
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]


def _count(number: int) -> str:
    return f"{number:,}" if number < _SATURATED else f"more than {_SATURATED:,}"


class DocumentLimits(ValidationRule):
    """Refuses operations deeper than MAX_DEPTH, with more than MAX_ALIASES aliases, or
    selecting more than MAX_SELECTIONS fields with fragments expanded."""

    def enter_document(self, node: DocumentNode, *_: Any) -> VisitorAction:
        for operation, cost in operation_costs(node):
            name = operation.name.value if operation.name else "anonymous"
            if cost.depth > MAX_DEPTH:
                self._refuse(f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}", operation)
            if cost.aliases > MAX_ALIASES:
                self._refuse(
                    f"{_count(cost.aliases)} aliases found. Allowed: {MAX_ALIASES}", operation
                )
            if cost.selections > MAX_SELECTIONS:
                self._refuse(
                    f"'{name}' selects {_count(cost.selections)} fields once its fragments "
                    f"are expanded; at most {MAX_SELECTIONS:,} are allowed",
                    operation,
                )
        return SKIP

    def _refuse(self, message: str, operation: OperationDefinitionNode) -> None:
        self.report_error(
            GraphQLError(message, operation, extensions={"code": "QUERY_TOO_COMPLEX"})
        )
