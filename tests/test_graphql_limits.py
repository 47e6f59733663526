"""Malformed or abusive GraphQL is refused with a readable error; production hides what it
should; nothing changes state through GET or simple (CSRF-able) content types."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from src.gql.limits import MAX_ALIASES, MAX_DEPTH
from src.gql.schema import build_schema
from tests.graphql_client import GraphQLClient, GraphQLError

LECTURE_ID = "TGVjdHVyZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwOTk="


def nested_query(depth: int) -> str:
    inner = "id"
    for _ in range(depth):
        inner = f"rerunOf {{ {inner} }}"
    return f'{{ run(id: "{LECTURE_ID}") {{ {inner} }} }}'


async def test_queries_deeper_than_the_limit_are_refused(gql: GraphQLClient) -> None:
    await gql.execute(nested_query(MAX_DEPTH - 2))
    with pytest.raises(GraphQLError, match="exceeds maximum operation depth"):
        await gql.execute(nested_query(MAX_DEPTH + 1))


async def test_too_many_aliases_are_refused(gql: GraphQLClient) -> None:
    query = "{ " + " ".join(f"a{i}: workflowKinds {{ key }}" for i in range(MAX_ALIASES + 1)) + " }"
    with pytest.raises(GraphQLError, match="aliases"):
        await gql.execute(query)


async def test_oversized_documents_are_refused(gql: GraphQLClient) -> None:
    query = "{ " + " ".join("workflowKinds { key title }" for _ in range(2000)) + " }"
    with pytest.raises(GraphQLError, match="token"):
        await gql.execute(query)


async def test_mutations_are_not_accepted_over_get_or_simple_content_types(
    gql: GraphQLClient,
) -> None:
    mutation = 'mutation { createLecture(input: {title: "csrf"}) { lecture { id } } }'
    before = await gql.execute("{ runs(first: 1) { edges { cursor } } }")
    got = await gql.http.get("/graphql", params={"query": mutation})
    assert got.status_code >= 400
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        posted = await gql.http.post(
            "/graphql",
            content=f'{{"query": "{mutation.replace(chr(34), chr(92) + chr(34))}"}}',
            headers={"content-type": content_type},
        )
        assert posted.status_code >= 400, content_type
    assert await gql.execute("{ runs(first: 1) { edges { cursor } } }") == before


class _Exploding:
    async def lecture(self, *_: Any) -> Any:
        raise RuntimeError("database password is hunter2")


def _context() -> Any:
    return SimpleNamespace(viewer=SimpleNamespace(id=None), service=_Exploding())


@pytest.mark.parametrize("production", [True, False], ids=["production", "development"])
async def test_our_bugs_are_masked_with_a_reference_but_validation_errors_stay_readable(
    production: bool, caplog: pytest.LogCaptureFixture
) -> None:
    schema = build_schema(production=production)
    crashed = await schema.execute(
        f'{{ lecture(id: "{LECTURE_ID}") {{ title }} }}', context_value=_context()
    )
    assert crashed.errors is not None
    [error] = crashed.errors
    reference = error.extensions["reference"] if error.extensions else None
    assert error.message == f"Something went wrong on our side (reference {reference})."
    [logged] = [r for r in caplog.records if getattr(r, "reference", None) == reference]
    assert "hunter2" in logged.getMessage()  # the detail stays in the log

    invalid = await schema.execute("{ lecture { nope } }", context_value=_context())
    assert invalid.errors is not None
    assert "nope" in invalid.errors[0].message or "argument" in invalid.errors[0].message


async def test_production_turns_introspection_off() -> None:
    query = "{ __schema { queryType { name } } }"
    assert (await build_schema().execute(query)).errors is None
    hidden = await build_schema(production=True).execute(query)
    assert hidden.errors is not None
    assert "introspection" in hidden.errors[0].message.lower()
