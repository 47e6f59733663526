"""How much a GraphQL document may ask for: operation depth, aliases, and selections once
its fragments are expanded (its cost), and how often the same fields repeat. Checked in
time linear in the document, before the full validation.

Strawberry's QueryDepthLimiter and MaxAliasesLimiter walk a fragment again at every spread,
so n fragments that each spread the next one twice cost 2^n steps: a 758-byte "fragment
bomb" pins the CPU for minutes. Here every fragment is summarised once and each spread reuses
that summary, so a fragment spread twice counts twice but is computed once."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

MAX_DEPTH = 12
"""Deep enough for the panel's deepest read (run → timeline step → segment → image → url)."""
MAX_ALIASES = 30
MAX_TOKENS = 5000
MAX_SELECTIONS = 2000
"""Fields a document's operations select with fragments expanded: the panel's largest
operation (LecturePanel) selects 400, GraphiQL's schema query 220."""
MAX_FIELD_PAIRS = 2_000
"""Pairs of same-named fields at the same response path (see `field_pairs`): the panel's
operations have 126 at most, GraphiQL's schema query none; 2,000 take graphql-core's
overlapping-fields rule up to about 0.2 s."""
MAX_DOCUMENT_CHARS = 100_000
"""Longest document text; the token limit alone does not bound a long string or comment."""

_EXPANSION_STEPS = 4 * MAX_SELECTIONS
"""Enough to expand any operation within MAX_SELECTIONS (fields, plus the spreads and inline
fragments around them); a fragment cycle stops here."""
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


def field_pairs(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> int:
    """How many pairs of fields graphql-core's OverlappingFieldsCanBeMerged rule compares,
    roughly: fields answering the same response path, with fragments expanded, pairwise.

    That rule is quadratic: 1,500 selections shaped as a binary tree of one field take it
    five seconds. Only call this once the operation's selection count is within limits: it
    expands fragments (and stops after a bounded number of steps, e.g. on a cycle)."""
    groups: Counter[tuple[str, ...]] = Counter()
    stack: list[tuple[SelectionSetNode, tuple[str, ...]]] = [(operation.selection_set, ())]
    steps = 0
    while stack and steps < _EXPANSION_STEPS:
        selections, path = stack.pop()
        for selection in selections.selections:
            steps += 1
            if isinstance(selection, FieldNode):
                name = (selection.alias or selection.name).value
                groups[(*path, name)] += 1
                if selection.selection_set is not None:
                    stack.append((selection.selection_set, (*path, name)))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, path))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    stack.append((fragment.selection_set, path))
    return sum(count * (count - 1) // 2 for count in groups.values())


def _count(number: int) -> str:
    return f"{number:,}" if number < _SATURATED else f"more than {_SATURATED:,}"


def limit_errors(document: DocumentNode) -> list[GraphQLError]:
    """Why the document asks for too much, if it does; runs before (and instead of) the full
    validation, whose overlapping-fields rule is quadratic in what this bounds. Selections
    are counted over all of the document's operations together, which also bounds the work
    of graphql-core's per-operation rules."""
    errors = []

    def refuse(message: str, operation: OperationDefinitionNode) -> None:
        errors.append(GraphQLError(message, operation, extensions={"code": "QUERY_TOO_COMPLEX"}))

    costs = operation_costs(document)
    for operation, cost in costs:
        name = operation.name.value if operation.name else "anonymous"
        if cost.depth > MAX_DEPTH:
            refuse(f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}", operation)
        if cost.aliases > MAX_ALIASES:
            refuse(f"{_count(cost.aliases)} aliases found. Allowed: {MAX_ALIASES}", operation)
    selections = min(sum(cost.selections for _, cost in costs), _SATURATED)
    if selections > MAX_SELECTIONS:
        refuse(
            f"This document selects {_count(selections)} fields once its fragments are "
            f"expanded; at most {MAX_SELECTIONS:,} are allowed",
            costs[0][0],
        )
        return errors
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    for operation, _ in costs:
        if (pairs := field_pairs(operation, fragments)) > MAX_FIELD_PAIRS:
            refuse(
                f"This document selects the same fields too many times over ({pairs:,} pairs "
                f"of fields to reconcile; at most {MAX_FIELD_PAIRS:,}): select each field once",
                operation,
            )
    return errors
