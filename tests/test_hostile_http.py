"""Malformed GraphQL-over-HTTP requests get a 4xx with a GraphQL error body, the connection
stays usable, and the server logs nothing as an error (they are the client's mistakes)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from src.gql.request_body import MAX_BODY_BYTES

QUERY = "{ workflowKinds { key } }"
JSON_TYPE = "application/json"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


BODIES = {
    "null": b"null",
    "string": b'"query"',
    "number": b"42",
    "true": b"true",
    "empty-array": b"[]",
    "batch": json.dumps([{"query": QUERY}, {"query": QUERY}]).encode(),
    "array-of-junk": b"[1, null]",
    "invalid-utf8": b'{"query": "{ workflowKinds { key } }\xff\xfe"}',
    "latin1": '{"query": "{ workflowKinds { key } }", "x": "café"}'.encode("latin-1"),
    "empty": b"",
    "truncated": b'{"query": "{ workflowKinds',
    "variables-nested-2000-deep": (
        '{"query": "query($a: String) { workflowKinds { key } }", "variables": {"a": '
        + nested(2000)
        + "}}"
    ).encode(),
    "variables-nested-100000-deep": (
        '{"query": "' + QUERY + '", "variables": {"a": ' + nested(100_000) + "}}"
    ).encode(),
    "variables-string": json.dumps({"query": QUERY, "variables": "{}"}).encode(),
    "variables-array": json.dumps({"query": QUERY, "variables": [1]}).encode(),
    "variables-number": json.dumps({"query": QUERY, "variables": 1}).encode(),
    "extensions-string": json.dumps({"query": QUERY, "extensions": "x"}).encode(),
    "extensions-array": json.dumps({"query": QUERY, "extensions": []}).encode(),
    "query-number": json.dumps({"query": 1}).encode(),
    "query-object": json.dumps({"query": {"q": QUERY}}).encode(),
    "query-missing": json.dumps({"variables": {}}).encode(),
    "operation-name-number": json.dumps({"query": QUERY, "operationName": 5}).encode(),
    "operation-name-unknown": json.dumps({"query": QUERY, "operationName": "Nope"}).encode(),
}


@pytest.fixture
def server_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record the app and uvicorn log (uvicorn's loggers do not reach the root)."""
    uvicorn = logging.getLogger("uvicorn")
    uvicorn.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)
    try:
        yield caplog
    finally:
        uvicorn.removeHandler(caplog.handler)


def assert_nothing_logged_as_an_error(log: pytest.LogCaptureFixture) -> None:
    bad = [r for r in log.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [r.getMessage()[:200] for r in bad]


def assert_graphql_refusal(response: httpx.Response, status: int = 400) -> str:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) == {"errors"}, body
    [error] = body["errors"]
    message: str = error["message"]
    assert message and "Error" not in message and "Traceback" not in message
    return message


async def assert_still_usable(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.json()["data"]["workflowKinds"]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
async def test_a_malformed_json_body_is_a_400_graphql_error(
    server: str, server_log: pytest.LogCaptureFixture, body: bytes
) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        response = await client.post("/graphql", content=body, headers={"content-type": JSON_TYPE})
        assert_graphql_refusal(response)
        await assert_still_usable(client)
    assert_nothing_logged_as_an_error(server_log)


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
        "application/jsonp",
        "application/json-seq",
    ],
)
async def test_a_body_of_another_content_type_is_a_400_graphql_error(
    server: str, server_log: pytest.LogCaptureFixture, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        response = await client.post(
            "/graphql", content=json.dumps({"query": QUERY}), headers=headers
        )
        assert "Content-Type: application/json" in assert_graphql_refusal(response)
        await assert_still_usable(client)
    assert_nothing_logged_as_an_error(server_log)


async def test_a_json_body_with_a_charset_is_accepted(server: str) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        response = await client.post(
            "/graphql",
            content=json.dumps({"query": QUERY}),
            headers={"content-type": "application/json; charset=utf-8"},
        )
        assert response.status_code == 200 and response.json()["data"]["workflowKinds"]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
async def test_an_oversized_body_is_a_413_graphql_error(
    server: str, server_log: pytest.LogCaptureFixture, declared: bool
) -> None:
    padding = "x" * (MAX_BODY_BYTES + 1)
    body = json.dumps({"query": QUERY, "variables": {"pad": padding}}).encode()

    async def chunks() -> object:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        response = await client.post(
            "/graphql",
            content=body if declared else chunks(),  # type: ignore[arg-type]
            headers={"content-type": JSON_TYPE},
        )
        assert "larger than" in assert_graphql_refusal(response, status=413)
        await assert_still_usable(client)
    assert_nothing_logged_as_an_error(server_log)


async def test_operations_over_get_are_refused_as_graphql_errors(
    server: str, server_log: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        for params in (
            {"query": QUERY},
            {"query": 'mutation { createLecture(input: {title: "x"}) { lecture { id } } }'},
            {"query": QUERY, "variables": nested(5000)},
            {"query": QUERY, "variables": "[1]"},
        ):
            response = await client.get("/graphql", params=params)
            assert_graphql_refusal(response)
        await assert_still_usable(client)
    assert_nothing_logged_as_an_error(server_log)


async def test_a_failing_token_lookup_is_a_500_with_a_reference_and_no_detail(
    server: str,
    resources: Any,
    monkeypatch: pytest.MonkeyPatch,
    server_log: pytest.LogCaptureFixture,
) -> None:
    from src.settings import AuthMode

    class BrokenTokens:
        async def viewer(self, token: str) -> None:
            async with resources.database.engine.connect() as conn:
                await conn.execute(sa.text("SELECT viewer_id FROM no_such_table"))

    monkeypatch.setattr(resources.settings, "auth", AuthMode.TOKENS)
    monkeypatch.setattr(resources, "tokens", BrokenTokens())
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        response = await client.post(
            "/graphql", json={"query": QUERY}, headers={"authorization": "Bearer ap_x"}
        )
    message = assert_graphql_refusal(response, status=500)
    assert message.startswith("Something went wrong on our side (reference ")
    for leak in ("SELECT", "no_such_table", "asyncpg", "sqlalchemy", "/"):
        assert leak not in response.text
    reference = message.removeprefix("Something went wrong on our side (reference ").rstrip(").")
    [logged] = [r for r in server_log.records if getattr(r, "reference", None) == reference]
    assert "no_such_table" in str(logged.exc_info[1]) if logged.exc_info else False
