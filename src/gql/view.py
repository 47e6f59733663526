"""Strawberry's ASGI view with the request path hardened: a capped body read as exactly one
JSON object, refusals answered as GraphQL errors (`{"errors": [{"message": …}]}`) with a 4xx
status, unexpected failures as a plain sentence with a logged reference, and
graphql-transport-ws messages checked before they are handled."""

from __future__ import annotations

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type

from src.gql.context import Context
from src.gql.incidents import report
from src.gql.request_body import MAX_BODY_BYTES, RequestRefused, decode_json, read_request
from src.gql.ws_protocol import CheckedTransportWSHandler, SettledWebSocket

TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB."


def graphql_errors(message: str, status: int) -> Response:
    return JSONResponse({"errors": [{"message": message}]}, status_code=status)


def _capped(receive: Receive, limit: int) -> Receive:
    """`receive`, refusing a body (chunked or not) once it passes `limit` bytes."""
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise RequestRefused(TOO_LARGE, status=413)
        return message

    return capped


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0  # the server refuses such a request before it gets here; the cap still holds


class CheckedGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = CheckedTransportWSHandler
    websocket_adapter_class = SettledWebSocket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=_capped(receive, MAX_BODY_BYTES))
        response: Response
        try:
            if _declared_length(request) > MAX_BODY_BYTES:
                raise RequestRefused(TOO_LARGE, status=413)
            response = await self.run(request)
        except RequestRefused as refused:
            response = graphql_errors(refused.message, refused.status)
        except HTTPException as refused:  # Strawberry's own refusals, as GraphQL errors
            response = graphql_errors(refused.reason, refused.status_code)
        except Exception as error:  # a bug of ours: the detail goes to the log
            incident = report("Unexpected error serving GraphQL", error)
            response = graphql_errors(incident.message, 500)
        await response(scope, receive, send)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        if request.method == "GET":  # the GraphiQL page; operations over GET are refused
            parsed = await super().parse_http_body(request)
            assert isinstance(parsed, GraphQLRequestData)  # GET carries one operation
            return parsed
        content_type, _ = parse_content_type(request.content_type or "")
        if content_type != "application/json":
            raise RequestRefused("Send the operation as JSON, with Content-Type: application/json.")
        return read_request(await request.get_body())

    def decode_json(self, data: str | bytes) -> object:
        # Also reads websocket messages: a RecursionError there crashed the handler.
        return decode_json(data)
