"""`schema.graphql` is generated from the code; this fails when someone forgets to export it."""

from src.cli import SCHEMA_PATH, schema_sdl


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_PATH.read_text() == schema_sdl(), (
        "schema.graphql is stale: run `uv run agent-progress export-schema`"
    )
