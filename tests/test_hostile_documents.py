"""Hostile GraphQL documents: fragment bombs are refused by their expanded cost, in work
linear in the document, while the server keeps answering others; every limit holds whether
the document spells things out or hides them in fragments; unstorable text is refused as
INVALID_INPUT; an unexpected failure shows a plain sentence and a reference, never SQL."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from graphql import (
    Lexer,
    OperationDefinitionNode,
    Source,
    TokenKind,
    parse,
)
from strawberry import relay

from src.gql import limits
from src.gql.limits import MAX_ALIASES, MAX_DEPTH, MAX_FIELD_PAIRS, MAX_TOKENS
from tests.graphql_client import GraphQLClient

NOBODY = "00000000-0000-4000-8000-000000000099"
RUN_ID = relay.to_base64("WorkflowRun", NOBODY)
LECTURE_ID = relay.to_base64("Lecture", NOBODY)
"""Well-formed IDs that name nothing."""


def fragment_bomb(levels: int) -> str:
    """The issue's document: each fragment spreads the next one twice (758 bytes at 20)."""
    fragments = " ".join(
        f"fragment F{i} on Query{{...F{i + 1} ...F{i + 1}}}" for i in range(levels)
    )
    return f"query{{...F0}} {fragments} fragment F{levels} on Query{{__typename}}"


async def post(gql: GraphQLClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await gql.http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def messages(body: dict[str, Any]) -> list[str]:
    return [error["message"] for error in body.get("errors") or []]


def test_the_issues_bomb_is_758_bytes() -> None:
    assert len(fragment_bomb(20)) == 758


@pytest.mark.parametrize("levels", [20, 25, 30])
async def test_a_fragment_bomb_is_refused_by_its_expanded_cost(
    gql: GraphQLClient, levels: int
) -> None:
    body = await post(gql, fragment_bomb(levels))
    assert body["data"] is None
    [error] = body["errors"]
    assert "fields once its fragments are expanded" in error["message"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_the_limits_summarise_each_fragment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear, not exponential: 2^30 expanded selections, 32 selection sets summarised."""
    summarised = 0
    original = limits._body

    def counting(selection_set: Any) -> Any:
        nonlocal summarised
        summarised += 1
        return original(selection_set)

    monkeypatch.setattr(limits, "_body", counting)
    [(_, cost)] = limits.operation_costs(parse(fragment_bomb(30)))
    assert cost.selections == 1_000_000  # saturated: 2^30 counted, never walked
    assert summarised == 31 + 1  # each fragment once, and the operation


async def _slow_body(first: bytes, rest: bytes, go_on: asyncio.Event) -> AsyncIterator[bytes]:
    yield first
    await go_on.wait()
    yield rest


async def test_a_check_that_outlasts_its_budget_is_refused_and_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the fuzz tests assert on instead of a clock (tests/test_graphql_fuzz.py): a
    document whose parse and validation outlast the budget is refused with QUERY_TOO_COMPLEX
    and counted in the metrics. A budget of zero stands in for a check that runs long."""
    from src.gql import document_check
    from src.gql.schema import schema
    from src.ops.metrics import REGISTRY

    name = "agent_progress_graphql_document_checks_over_budget_total"
    before = REGISTRY.get_sample_value(name) or 0.0
    monkeypatch.setattr(document_check, "CHECK_BUDGET_SECONDS", 0.0)
    outcome = await document_check.CheckedDocuments().check(
        schema._schema, "{ workflowKinds { key } }", ()
    )
    [error] = outcome.errors
    assert error.message == document_check.TOO_SLOW
    assert error.extensions == {"code": "QUERY_TOO_COMPLEX"}
    assert REGISTRY.get_sample_value(name) == before + 1


async def test_health_answers_while_fragment_bombs_are_in_flight(server: str) -> None:
    bombs = [fragment_bomb(levels) for levels in (20, 25, 30)]
    async with (
        httpx.AsyncClient(base_url=server, timeout=30) as attacker,
        httpx.AsyncClient(base_url=server, timeout=30) as bystander,
    ):
        # One bomb is still being sent when /health is asked: its answer must not wait.
        held = json.dumps({"query": bombs[-1]}).encode()
        go_on = asyncio.Event()
        held_bomb = asyncio.create_task(
            attacker.post(
                "/graphql",
                content=_slow_body(held[:100], held[100:], go_on),
                headers={"content-type": "application/json"},
            )
        )
        flying = [
            asyncio.create_task(attacker.post("/graphql", json={"query": bomb}))
            for bomb in bombs * 3
        ]
        health = await bystander.get("/health")
        assert health.status_code == 200 and health.json()["ok"] is True
        assert not held_bomb.done(), "/health answered while a bomb was in flight"
        go_on.set()
        for response in [await held_bomb, *await asyncio.gather(*flying)]:
            assert response.status_code == 200
            assert (
                "fields once its fragments are expanded" in response.json()["errors"][0]["message"]
            )
        assert (await bystander.get("/health")).status_code == 200


def nested_runs(depth: int, leaf: str = "id") -> str:
    """`run { rerunOf { … { id } } }` whose leaf field sits at level `depth` (run is 0)."""
    inner = leaf
    for _ in range(depth - 1):
        inner = f"rerunOf {{ {inner} }}"
    return f'{{ run(id: "{RUN_ID}") {{ {inner} }} }}'


def nested_runs_in_fragments(depth: int) -> str:
    """The same depth, one level per fragment (and one inline fragment for good measure)."""
    levels = depth
    fragments = [
        f"fragment R{i} on WorkflowRun {{ rerunOf {{ ...R{i + 1} }} }}" for i in range(levels - 1)
    ]
    fragments.append(f"fragment R{levels - 1} on WorkflowRun {{ ... on WorkflowRun {{ id }} }}")
    return f'{{ run(id: "{RUN_ID}") {{ ...R0 }} }} ' + " ".join(fragments)


@pytest.mark.parametrize(
    "spelled", [nested_runs, nested_runs_in_fragments], ids=["inline", "fragments"]
)
async def test_the_depth_limit_holds_through_fragments(gql: GraphQLClient, spelled: Any) -> None:
    allowed = await post(gql, spelled(MAX_DEPTH))
    assert allowed.get("errors") is None and allowed["data"] == {"run": None}
    refused = await post(gql, spelled(MAX_DEPTH + 1))
    assert messages(refused) == [f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}"]


def aliases_inline(count: int) -> str:
    return "{ " + " ".join(f"a{i}: workflowKinds {{ key }}" for i in range(count)) + " }"


def aliases_in_a_fragment_spread_twice(count: int) -> str:
    """`count` aliases in all: half in a fragment that is spread twice (plus one if odd)."""
    half = " ".join(f"a{i}: workflowKinds {{ key }}" for i in range(count // 2))
    extra = "odd: workflowKinds { key }" if count % 2 else ""
    return (
        f"{{ ...A ...B {extra} }} fragment A on Query {{ {half} }} fragment B on Query {{ ...A }}"
    )


@pytest.mark.parametrize(
    "spelled", [aliases_inline, aliases_in_a_fragment_spread_twice], ids=["inline", "fragments"]
)
async def test_the_alias_limit_holds_through_fragments(gql: GraphQLClient, spelled: Any) -> None:
    allowed = await post(gql, spelled(MAX_ALIASES))
    assert allowed.get("errors") is None, allowed
    refused = await post(gql, spelled(MAX_ALIASES + 1))
    assert messages(refused) == [f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}"]


def token_count(document: str) -> int:
    lexer, count = Lexer(Source(document)), 0
    while lexer.advance().kind is not TokenKind.EOF:
        count += 1
    return count


def padded_to(count: int, template: str) -> str:
    """`template` with its `{kinds}` list of strings grown to `count` tokens in all."""
    base = token_count(template.replace("{kinds}", ""))
    return template.replace("{kinds}", " ".join('"k"' for _ in range(count - base)))


def tokens_inline(count: int) -> str:
    return padded_to(count, "{ runs(filter: {kinds: [{kinds}]}) { edges { cursor } } }")


def tokens_in_a_fragment(count: int) -> str:
    return padded_to(
        count,
        "{ ...R } fragment R on Query { runs(filter: {kinds: [{kinds}]}) { edges { cursor } } }",
    )


@pytest.mark.parametrize(
    "spelled", [tokens_inline, tokens_in_a_fragment], ids=["inline", "fragments"]
)
async def test_the_token_limit_holds_through_fragments(gql: GraphQLClient, spelled: Any) -> None:
    allowed = await post(gql, spelled(MAX_TOKENS))
    assert allowed.get("errors") is None, messages(allowed)
    refused = await post(gql, spelled(MAX_TOKENS + 1))
    assert len(messages(refused)) == 1, messages(refused)
    assert f"more than {MAX_TOKENS} tokens" in messages(refused)[0], messages(refused)


def repeated_fields(count: int) -> str:
    return "{" + " workflowKinds { key }" * count + " }"


def repeated_fields_in_fragments(count: int) -> str:
    spreads = " ".join(f"...W{i}" for i in range(count))
    fragments = " ".join(
        f"fragment W{i} on Query {{ workflowKinds {{ key }} }}" for i in range(count)
    )
    return f"{{ {spreads} }} {fragments}"


@pytest.mark.parametrize(
    "spelled", [repeated_fields, repeated_fields_in_fragments], ids=["inline", "fragments"]
)
async def test_repeating_one_field_is_bounded(gql: GraphQLClient, spelled: Any) -> None:
    """graphql-core compares same-named fields pairwise (quadratic): their pairs are capped."""
    most = 1  # each repetition adds to two groups (workflowKinds, workflowKinds.key)
    while (most + 1) * most <= MAX_FIELD_PAIRS:
        most += 1
    allowed = await post(gql, spelled(most))
    assert allowed.get("errors") is None, messages(allowed)
    refused = await post(gql, spelled(most + 1))
    assert len(messages(refused)) == 1
    assert "same fields too many times" in messages(refused)[0]


def test_the_panels_own_operations_are_within_every_limit() -> None:
    # The documents the panel sends, each with the fragments it uses, as codegen persisted them.
    persisted = Path(__file__).parents[1] / "web" / "src" / "gql" / "persisted-documents.json"
    documents = [parse(text) for text in json.loads(persisted.read_text()).values()]
    operations = [
        (d, op)
        for d in documents
        for op in d.definitions
        if isinstance(op, OperationDefinitionNode)
    ]
    assert len(operations) >= 5
    for document, operation in operations:
        assert limits.limit_errors(document) == [], operation.name


UNSTORABLE = {"surrogate": "a\ud800b", "low-surrogate": "\udfffz", "nul": "a\x00b"}


@pytest.mark.parametrize("text", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        pytest.param(
            "mutation($t: String!) { createLecture(input: {title: $t}) { lecture { id } } }",
            lambda t, _: {"t": t},
            id="lecture-title",
        ),
        pytest.param(
            "mutation($i: CreateLectureInput!) { createLecture(input: $i) { lecture { id } } }",
            lambda t, _: {"i": {"title": "fine", "prompt": t}},
            id="lecture-prompt-in-input-object",
        ),
        pytest.param(
            "mutation($l: ID!, $p: String!) { startRun(input: {lectureId: $l, "
            "workflow: {image: {prompt: $p}}}) { run { id } } }",
            lambda t, lecture: {"l": lecture, "p": t},
            id="image-prompt",
        ),
        pytest.param(
            "mutation($l: ID!, $p: String!) { startRunFromPrompt(input: {lectureId: $l, "
            "prompt: $p}) { run { id } } }",
            lambda t, lecture: {"l": lecture, "p": t},
            id="sentence-prompt",
        ),
        pytest.param(
            "query($k: [String!]) { runs(filter: {kinds: $k}) { edges { cursor } } }",
            lambda t, _: {"k": ["image", t]},
            id="kind-filter-list",
        ),
        pytest.param(
            "query($id: ID!) { run(id: $id) { id } }",
            lambda t, _: {"id": t},
            id="id",
        ),
    ],
)
async def test_unstorable_text_in_variables_is_refused_as_invalid_input(
    gql: GraphQLClient, resources: Any, query: str, variables: Any, text: str
) -> None:
    lecture = await gql.execute(
        'mutation { createLecture(input: {title: "Host"}) { lecture { id } } }'
    )
    lecture_id = lecture["createLecture"]["lecture"]["id"]
    before = await _counts(resources)
    # Sent as JSON text with "\ud800"-style escapes, as a browser would send them.
    body = json.dumps({"query": query, "variables": variables(text, lecture_id)})
    response = await gql.http.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "INVALID_INPUT"}
    assert "NUL" in error["message"] or "surrogates" in error["message"]
    assert "SELECT" not in response.text and "INSERT" not in response.text
    assert await _counts(resources) == before


@pytest.mark.parametrize(
    "literal",
    [
        pytest.param('"a\\ud800b"', id="escaped-surrogate"),
        pytest.param('"a\ud800b"', id="raw-surrogate"),
        pytest.param('"""a\ud800b"""', id="raw-surrogate-in-block-string"),
        pytest.param('"a\\u0000b"', id="escaped-nul"),
    ],
)
async def test_unstorable_text_in_inline_literals_is_refused(
    gql: GraphQLClient, resources: Any, literal: str
) -> None:
    before = await _counts(resources)
    query = f"mutation {{ createLecture(input: {{title: {literal}}}) {{ lecture {{ id }} }} }}"
    response = await gql.http.post(
        "/graphql",
        content=json.dumps({"query": query}),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200
    [error] = response.json()["errors"]
    # graphql-core's lexer refuses lone surrogates itself; the guard refuses the NUL escape.
    assert error["message"].startswith("Syntax Error") or error["extensions"] == {
        "code": "INVALID_INPUT"
    }
    assert "INSERT" not in response.text
    assert await _counts(resources) == before


async def _counts(resources: Any) -> tuple[int, int]:
    async with resources.database.engine.connect() as conn:
        lectures = (await conn.execute(sa.text("SELECT count(*) FROM video_lectures"))).scalar()
        runs = (await conn.execute(sa.text("SELECT count(*) FROM workflow_runs"))).scalar()
    return int(lectures or 0), int(runs or 0)


LEAKS = ("SELECT", "FROM", "asyncpg", "sqlalchemy", "no_such_table", "/", "Error", "Traceback")


@pytest.mark.parametrize(
    ("query", "broken"),
    [
        pytest.param(
            f'{{ lecture(id: "{LECTURE_ID}") {{ title }} }}',
            "get",
            id="query",
        ),
        pytest.param(
            'mutation { createLecture(input: {title: "x"}) { lecture { id } } }',
            "create",
            id="mutation",
        ),
    ],
)
async def test_a_database_failure_shows_a_reference_and_logs_the_detail(
    gql: GraphQLClient,
    resources: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    query: str,
    broken: str,
) -> None:
    """The dev server (the test server runs in dev mode) masks it too."""

    async def failing_sql(*_: Any, **__: Any) -> Any:
        async with resources.database.engine.connect() as conn:
            await conn.execute(sa.text("SELECT secret FROM no_such_table"))

    monkeypatch.setattr(resources.lectures, broken, failing_sql)
    with caplog.at_level(logging.INFO):
        response = await gql.http.post("/graphql", json={"query": query})
    [error] = response.json()["errors"]
    reference = error["extensions"]["reference"]
    assert error["message"] == f"Something went wrong on our side (reference {reference})."
    assert error["extensions"]["code"] == "INTERNAL"
    for leak in LEAKS:
        assert leak not in response.text, leak
    [logged] = [r for r in caplog.records if getattr(r, "reference", None) == reference]
    assert logged.levelno == logging.ERROR
    assert reference in logged.getMessage()
    assert logged.exc_info is not None
    assert "no_such_table" in str(logged.exc_info[1])  # the detail is in the log
