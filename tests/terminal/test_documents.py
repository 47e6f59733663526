"""Every document the terminal client sends is valid against the server's schema (the
client fetches no schema: production servers hide introspection)."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from src.gql.schema import schema
from src.terminal import documents

SENT = {
    name: getattr(documents, name)
    for name in (
        "RUNS_BY_IDS",
        "LECTURE_RUNS",
        "RICH_RUNS_BY_IDS",
        "RICH_LECTURE_RUNS",
        "LATEST",
        "RUN",
        "CREATE_LECTURE",
        "START_RUN",
        "RESOLVE",
        "RUN_CHANGES",
    )
}
SENT["review"] = documents.review_document(rich=True)
SENT["review (older servers)"] = documents.review_document(rich=False)


@pytest.mark.parametrize("name", sorted(SENT))
def test_the_document_is_valid_against_the_schema(name: str) -> None:
    assert validate(schema._schema, parse(SENT[name])) == []


def test_the_configuration_review_selects_every_setting_of_the_configuration() -> None:
    fields = schema._schema.type_map["LectureConfiguration"].fields  # type: ignore[union-attr]
    assert set(documents.CONFIGURATION_FIELDS) == set(fields)
