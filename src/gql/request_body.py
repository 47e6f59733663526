"""Reading a GraphQL-over-HTTP request body: one JSON object with a `query` string and
optional `variables`, `operationName` and `extensions`. Anything else is a RequestRefused
with a sentence for the client (answered as a 400 GraphQL error), never a server error."""

from __future__ import annotations

import json
from typing import Any

from strawberry.http import GraphQLRequestData

MAX_BODY_BYTES = 1024 * 1024
"""Largest request body read; a GraphQL document is at most 100,000 characters and inputs are
short texts, so anything near this is not a real request."""
MAX_JSON_DEPTH = 32
"""Deepest nesting of a body (or websocket message); our inputs nest five levels at most."""


class RequestRefused(Exception):
    """A request this server will not run: an HTTP status and a sentence for the client."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class UnreadableJSON(json.JSONDecodeError):
    """JSON the decoder could not read (Strawberry's websocket adapter expects this type)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "", 0)
        self.args = (message,)
        self.message = message

    def __str__(self) -> str:
        return self.message


def decode_json(data: str | bytes) -> object:
    """`json.loads`, with the failures that are not JSONDecodeError made into one."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise UnreadableJSON(f"not valid JSON ({error.msg} at character {error.pos})") from None
    except UnicodeDecodeError:
        raise UnreadableJSON("not valid UTF-8") from None
    except RecursionError:
        raise UnreadableJSON(f"nested more than {MAX_JSON_DEPTH} levels deep") from None


def nested_deeper_than(value: object, limit: int) -> bool:
    stack: list[tuple[object, int]] = [(value, 1)]  # iterative: the value may be deep
    while stack:
        item, depth = stack.pop()
        children: Any
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


EXPECTED = 'a JSON object such as {"query": "{ workflowKinds { key } }", "variables": {}}'


def read_request(body: bytes) -> GraphQLRequestData:
    try:
        data = decode_json(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise RequestRefused("The request body is not valid UTF-8.") from None
    except UnreadableJSON as error:
        raise RequestRefused(f"The request body is {error.message}.") from None
    if isinstance(data, list):
        raise RequestRefused("Send one operation per request: this server does not batch them.")
    if not isinstance(data, dict):
        raise RequestRefused(f"The request body must be {EXPECTED}.")
    if nested_deeper_than(data, MAX_JSON_DEPTH):
        raise RequestRefused(f"The request body is nested more than {MAX_JSON_DEPTH} levels deep.")
    query, variables = data.get("query"), data.get("variables")
    operation_name, extensions = data.get("operationName"), data.get("extensions")
    for name, value, kind in (
        ("query", query, str),
        ("operationName", operation_name, str),
        ("variables", variables, dict),
        ("extensions", extensions, dict),
    ):
        if value is not None and not isinstance(value, kind):
            what = "a string" if kind is str else "an object"
            raise RequestRefused(f"`{name}` must be {what} (or left out).")
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=operation_name, extensions=extensions
    )
