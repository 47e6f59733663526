"""Refuses text PostgreSQL cannot store — NUL characters (U+0000) and lone UTF-16 surrogates
(U+D800 to U+DFFF, which JSON's "\\ud800" escapes can produce) — in any string a request
carries, variables and inline literals alike, before anything runs.

Without this check such a string travels to the database and fails there as an internal
error (which used to show the SQL statement)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from src.errors import ErrorCode

NUL_MESSAGE = "Strings may not contain NUL (U+0000) characters."
SURROGATE_MESSAGE = (
    "Strings may not contain unpaired UTF-16 surrogates (U+D800 to U+DFFF): "
    "send text as valid Unicode."
)

_NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _problem(text: str) -> str | None:
    if _NUL in text:
        return NUL_MESSAGE
    if _SURROGATE.search(text):
        return SURROGATE_MESSAGE
    return None


def problem_in_value(value: Any) -> str | None:
    """What is wrong with the first unstorable string in a JSON value (keys included)."""
    stack = [value]  # iterative: variables may be nested deep
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if problem := _problem(item):
                return problem
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return None


class _StringLiterals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.problem: str | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.problem = self.problem or _problem(node.value)


def problem_in_document(document: DocumentNode) -> str | None:
    literals = _StringLiterals()
    visit(document, literals)
    return literals.problem


class RejectUnstorableText(SchemaExtension):
    """Adds an INVALID_INPUT error before execution when a string cannot be stored."""

    def on_validate(self) -> Iterator[None]:
        # Before Strawberry's own validation step: once it has decided, errors added later
        # no longer stop execution.
        context = self.execution_context
        if not context.pre_execution_errors and context.graphql_document is not None:
            problem = problem_in_document(context.graphql_document) or problem_in_value(
                context.variables
            )
            if problem:
                error = GraphQLError(problem, extensions={"code": ErrorCode.INVALID_INPUT.value})
                context.pre_execution_errors = [error]
        yield
