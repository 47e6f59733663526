"""Talking to the server: queries and mutations over HTTP, `runChanges` over
graphql-transport-ws, with `gql` (the Python GraphQL client), as the panel does in the browser.

Every failure becomes an `ApiError` with a sentence a person can read: a server that is down,
a refused token, a refused mutation (its userErrors). The commands print it and exit non-zero;
no traceback reaches the terminal."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import httpx
import websockets
from gql.client import AsyncClientSession
from gql.transport.exceptions import (
    TransportError,
    TransportQueryError,
    TransportServerError,
)
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport

from gql import Client, GraphQLRequest
from src.terminal.documents import RUN_CHANGES

DEFAULT_URL = "http://127.0.0.1:8000"
TOKEN_VARIABLE = "AGENT_PROGRESS_TOKEN"
FORBIDDEN = 4403
"""The close code of a websocket whose token was refused."""


class ApiError(Exception):
    """Something the person should read; `str(error)` is the whole message."""


class Unreachable(ApiError):
    """No server answered at the URL."""


class Refused(ApiError):
    """The server wants a valid token."""


@dataclass(frozen=True)
class UserError:
    code: str
    message: str
    field: tuple[str, ...]


class Refusal(ApiError):
    """A mutation refused with typed userErrors: nothing was changed."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(" ".join(error.message for error in errors))
        self.errors = errors

    @property
    def codes(self) -> list[str]:
        return [error.code for error in self.errors]


class Unsupported(ApiError):
    """The server's schema does not have a field or input this command needs."""


@dataclass(frozen=True)
class Endpoint:
    """Where the server is and who is asking."""

    url: str = DEFAULT_URL
    token: str | None = None

    @property
    def graphql_url(self) -> str:
        return self.url.rstrip("/") + "/graphql"

    @property
    def websocket_url(self) -> str:
        url = self.graphql_url
        if url.startswith("https://"):
            return "wss://" + url.removeprefix("https://")
        return "ws://" + url.removeprefix("http://")

    @property
    def authorization(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"} if self.token else {}

    def absolute(self, url: str) -> str:
        """Asset URLs may be relative to the server (no public URL configured)."""
        return url if "://" in url else self.url.rstrip("/") + url


@dataclass(frozen=True)
class RunChanges:
    run_ids: tuple[str, ...]
    cursor: str


def backoff_seconds(failures: int) -> float:
    """Randomised exponential backoff, about 0.5 s, 1 s, 2 s ... capped at 15 s (as the
    panel's). Written here rather than with `stamina`: the count restarts after every
    connection that succeeded, and the loop never gives up while the person watches."""
    base = min(15.0, 0.5 * 2.0**failures)
    return base / 2 + random.random() * base / 2


def _unreachable(endpoint: Endpoint) -> Unreachable:
    return Unreachable(
        f"Cannot reach the server at {endpoint.url}. Is it running (agent-progress serve)?"
    )


def _refused() -> Refused:
    return Refused(
        f"The server refused the request: it needs a valid token (--token or {TOKEN_VARIABLE})."
    )


def _graphql_message(error: TransportQueryError) -> str:
    errors = error.errors or []
    messages = [str(e.get("message", "")) for e in errors if isinstance(e, dict)]
    return " ".join(m for m in messages if m) or "The server could not answer the request."


def _is_unknown_field(message: str) -> bool:
    return any(
        sign in message
        for sign in ("Cannot query field", "is not defined by type", "does not exist in")
    )


E = TypeVar("E", bound=BaseException)


def _cause(error: BaseException, kind: type[E]) -> E | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _closed_with(error: BaseException, code: int) -> bool:
    """Whether a websocket closed with `code`, anywhere in the exception's chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, websockets.ConnectionClosed) and seen.rcvd and seen.rcvd.code == code:
            return True
        if isinstance(seen, TransportServerError) and seen.code == code:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def _refuse_unauthorized(response: httpx.Response) -> None:
    """A 401 carries a GraphQL error body, which gql would report as a query error: the
    status says it is the token."""
    if response.status_code == 401:
        raise _refused()


CONNECTION_ERRORS = (TransportError, OSError, websockets.WebSocketException, TimeoutError)


class Api:
    """One HTTP session for queries and mutations, opened with `async with`."""

    def __init__(self, endpoint: Endpoint, *, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        transport = HTTPXAsyncTransport(
            url=endpoint.graphql_url,
            headers=endpoint.authorization,
            timeout=timeout,
            event_hooks={"response": [_refuse_unauthorized]},
        )
        # No schema fetched: production servers hide introspection. The documents are
        # validated against the schema in the tests instead.
        self._client = Client(transport=transport)
        self._session: AsyncClientSession | None = None

    async def __aenter__(self) -> Api:
        try:
            self._session = await self._client.connect_async()  # type: ignore[no-untyped-call]
        except (httpx.HTTPError, *CONNECTION_ERRORS) as error:
            raise _unreachable(self.endpoint) from error
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._client.close_async()  # type: ignore[no-untyped-call]
        self._session = None

    async def execute(self, document: str, **variables: Any) -> dict[str, Any]:
        """The `data` of one query or mutation."""
        assert self._session is not None, "use `async with Api(...)`"
        request = GraphQLRequest(document, variable_values=variables)
        try:
            data: dict[str, Any] = await self._session.execute(request)
        except TransportQueryError as error:
            message = _graphql_message(error)
            if _is_unknown_field(message):
                raise Unsupported(message) from error
            raise ApiError(message) from error
        except TransportServerError as error:
            if error.code == 401:
                raise _refused() from error
            raise ApiError(
                f"The server answered with an error (HTTP {error.code}). Try again shortly."
            ) from error
        except (httpx.HTTPError, *CONNECTION_ERRORS) as error:
            refused = _cause(error, Refused)
            if refused is not None:  # gql wraps what the response hook raised
                raise refused from None
            raise _unreachable(self.endpoint) from error
        return data

    async def mutate(self, document: str, field: str, **variables: Any) -> dict[str, Any]:
        """A mutation's payload; its userErrors raise `Refusal`."""
        payload: dict[str, Any] = (await self.execute(document, **variables))[field]
        errors = payload.get("userErrors") or []
        if errors:
            raise Refusal(
                [UserError(e["code"], e["message"], tuple(e.get("field") or ())) for e in errors]
            )
        return payload


async def run_changes(
    endpoint: Endpoint,
    *,
    lecture_id: str | None,
    after: str | None = None,
    on_connection: Callable[[bool], None] = lambda live: None,
) -> AsyncIterator[RunChanges]:
    """`runChanges` for as long as the caller iterates: after a dropped socket or a restarted
    server it reconnects with backoff and resubscribes from the last cursor it saw, and the
    server first sends every run changed since then, so nothing is missed. `on_connection`
    hears True when connected and False when the connection is lost. A refused token ends it
    with `Refused`."""
    cursor = after
    failures = 0
    while True:
        transport = WebsocketsTransport(
            url=endpoint.websocket_url,
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
            init_payload=endpoint.authorization,
            connect_timeout=10,
            # The server pings every 15 s; a connection silent for 45 s is dead.
            keep_alive_timeout=45,
        )
        client = Client(transport=transport)
        try:
            async with client as session:
                failures = 0
                on_connection(True)
                request = GraphQLRequest(
                    RUN_CHANGES, variable_values={"lectureId": lecture_id, "after": cursor}
                )
                async for data in session.subscribe(request):
                    change = data["runChanges"]
                    cursor = change["cursor"]
                    yield RunChanges(tuple(change["runIds"]), change["cursor"])
        except TransportQueryError as error:
            raise ApiError(_graphql_message(error)) from error
        except CONNECTION_ERRORS as error:
            if _closed_with(error, FORBIDDEN):
                raise _refused() from error
        on_connection(False)
        await asyncio.sleep(backoff_seconds(failures))
        failures += 1
