"""graphql-transport-ws with every incoming message checked before Strawberry reads it.

Strawberry's handler indexes messages as it finds them, so a JSON array, a `subscribe` whose
payload is a string, or a non-string id raised a TypeError that dropped the TCP connection
without a close frame and logged a traceback. Here a malformed message closes the socket with
4400 and a reason (and a warning in the log); anything unexpected closes it with 4500 and a
reference to the logged detail."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from contextlib import suppress
from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field, TypeAdapter, ValidationError
from starlette.websockets import WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    Message,
    SubscribeMessage,
)
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from src.gql.context import Context
from src.gql.fanout import CURRENT_OPERATION, LiveOperation
from src.gql.frames import writer_for
from src.gql.incidents import report
from src.gql.request_body import MAX_JSON_DEPTH, nested_deeper_than

logger = logging.getLogger(__name__)

BAD_REQUEST = 4400
INTERNAL_ERROR = 4500
MAX_REASON_BYTES = 123
"""A close frame's reason is at most 123 bytes (RFC 6455)."""

JSONObject = dict[str, Any]


class _WithPayload(TypedDict):
    payload: NotRequired[JSONObject | None]


class ConnectionInit(_WithPayload):
    type: Literal["connection_init"]


class Ping(_WithPayload):
    type: Literal["ping"]


class Pong(_WithPayload):
    type: Literal["pong"]


class SubscribePayload(TypedDict):
    query: str
    variables: NotRequired[JSONObject | None]
    operationName: NotRequired[str | None]
    extensions: NotRequired[JSONObject | None]


class Subscribe(TypedDict):
    id: str
    type: Literal["subscribe"]
    payload: SubscribePayload


class Complete(TypedDict):
    id: str
    type: Literal["complete"]


_messages: TypeAdapter[Any] = TypeAdapter(
    Annotated[
        ConnectionInit | Ping | Pong | Subscribe | Complete,
        Field(discriminator="type"),
    ]
)


def message_problem(message: object) -> str | None:
    """Why a decoded message breaks the protocol, in a few words; None if it does not."""
    if not isinstance(message, dict):
        return "a message must be a JSON object"
    if nested_deeper_than(message, MAX_JSON_DEPTH):
        return f"a message may nest at most {MAX_JSON_DEPTH} levels"
    try:
        _messages.validate_python(message, strict=True)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][1:])  # [0] is the message type
        if first["type"] == "union_tag_invalid":
            return f"unknown message type {str(message.get('type'))[:40]!r}"
        if first["type"] == "union_tag_not_found":
            return "a message needs a string `type`"
        return f"`{where}`: {first['msg']}" if where else first["msg"]
    return None


def close_reason(text: str) -> str:
    encoded = text.encode()
    if len(encoded) <= MAX_REASON_BYTES:
        return text
    return encoded[: MAX_REASON_BYTES - 3].decode(errors="ignore") + "..."


class SettledWebSocket(ASGIWebSocketAdapter):
    """Sending to, or closing, a socket that is already closed — by us, or by a client that
    vanished without a close frame — does nothing. An operation may finish after its socket
    closed (the client left, or a malformed message closed it); Strawberry then logged
    "Exception in worker task" with a traceback for a message that simply has nowhere to go."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        if self.ws.application_state is WebSocketState.DISCONNECTED:
            return
        with suppress(WebSocketDisconnected):  # the client went away meanwhile
            await super().send_json(message)

    async def close(self, code: int, reason: str) -> None:
        if self.ws.application_state is WebSocketState.DISCONNECTED:
            return
        try:
            await self.ws.close(code=code, reason=close_reason(reason))
        except WebSocketDisconnect:
            # The peer dropped the TCP connection without a close frame (uvicorn's
            # ClientDisconnected, which Starlette re-raises as this): nobody is left to tell.
            # Escaping, it reached uvicorn as "Exception in ASGI application".
            logger.debug("A graphql-transport-ws client left before its close (%d)", code)


class CheckedTransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    async def handle_message(self, message: Message) -> None:
        if problem := message_problem(message):
            await self.handle_invalid_message(f"Invalid message: {problem}")
            return
        try:
            await super().handle_message(message)
        except Exception as error:  # anything else is our fault: say so, politely
            incident = report("Unexpected error handling a graphql-transport-ws message", error)
            await self.websocket.close(INTERNAL_ERROR, incident.message)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        # The operation's task, created in there, copies this context: its resolver learns
        # which operation it serves and how to write to its socket (src/gql/fanout.py).
        payload = message["payload"]
        scope = getattr(getattr(self.websocket, "ws", None), "scope", {})
        token = CURRENT_OPERATION.set(
            LiveOperation(
                operations=self.operations,
                id=message["id"],
                query=payload["query"],
                variables=payload.get("variables"),
                operation_name=payload.get("operationName"),
                writer=writer_for(scope),
            )
        )
        try:
            await super().handle_subscribe(message)
        finally:
            CURRENT_OPERATION.reset(token)

    async def handle_invalid_message(self, error_message: str) -> None:
        logger.warning("Closing a graphql-transport-ws connection: %s", error_message)
        await self.websocket.close(BAD_REQUEST, error_message)
