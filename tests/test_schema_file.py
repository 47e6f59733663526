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


def test_no_two_workflow_step_types_share_a_field_name_with_different_types() -> None:
    """A client selects every step type in one selection set, with no aliases: GraphQL refuses
    one response key with two shapes, so a field name means one type across the union."""
    from graphql import GraphQLObjectType, GraphQLUnionType

    from src.gql.schema import schema

    union = schema._schema.get_type("WorkflowStep")
    assert isinstance(union, GraphQLUnionType)
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for member in union.types:
        assert isinstance(member, GraphQLObjectType)
        for name, field in member.fields.items():
            first = seen.setdefault(name, (member.name, str(field.type)))
            if first[1] != str(field.type):
                clashes.append(
                    f"{first[0]}.{name}: {first[1]} / {member.name}.{name}: {field.type}"
                )
    assert clashes == []


def test_one_selection_of_every_field_of_every_step_type_needs_no_alias() -> None:
    from graphql import (
        GraphQLObjectType,
        GraphQLUnionType,
        get_named_type,
        is_abstract_type,
        parse,
        validate,
    )

    from src.gql.schema import schema

    def selection(kind: GraphQLObjectType, depth: int) -> str:
        fields = []
        for name, field in kind.fields.items():
            named = get_named_type(field.type)
            if isinstance(named, GraphQLObjectType):
                if depth > 0:
                    fields.append(f"{name} {{ {selection(named, depth - 1)} }}")
            elif not is_abstract_type(named):
                fields.append(name)
        return " ".join(fields)

    union = schema._schema.get_type("WorkflowStep")
    assert isinstance(union, GraphQLUnionType)
    spreads = " ".join(f"... on {m.name} {{ {selection(m, 5)} }}" for m in union.types)
    document = f"query($id: ID!) {{ run(id: $id) {{ steps {{ __typename {spreads} }} }} }}"
    assert validate(schema._schema, parse(document)) == []
