"""Refuses NUL characters (U+0000) in any string a request carries, before anything runs.

PostgreSQL text cannot hold them, so without this check such a string would travel to the
database and fail there as an internal error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

MESSAGE = "Strings may not contain NUL (U+0000) characters."


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


class _StringLiterals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.found = self.found or "\x00" in node.value


class RejectNulCharacters(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        yield
        context = self.execution_context
        literals = _StringLiterals()
        if context.graphql_document is not None:
            visit(context.graphql_document, literals)
        if literals.found or _has_nul(context.variables):
            raise GraphQLError(MESSAGE)
