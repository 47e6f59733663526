"""`schema.graphql` is generated from the code; this fails when someone forgets to export it."""

from src.cli import SCHEMA_PATH, schema_sdl


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_PATH.read_text() == schema_sdl(), (
        "schema.graphql is stale: run `uv run agent-progress export-schema`"
    )


def test_every_type_and_field_of_the_api_is_described() -> None:
    from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    from src.gql.schema import schema

    undescribed = []
    for name, kind in schema._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not kind.description:
            undescribed.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            undescribed += [f"{name}.{f}" for f, d in kind.fields.items() if not d.description]
    assert undescribed == []
