"""Domain names as the GraphQL API spells them: the one place snake_case becomes camelCase.

The domain (pydantic models, error paths) speaks Python; clients only ever see the names of
the GraphQL schema — `durationSeconds`, `musicStyle`, `LANDSCAPE` — so error paths, JSON
schemas, stored inputs and configuration diffs all pass through here on their way out.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema
from strawberry.utils.str_converters import to_camel_case


def graphql_name(name: str) -> str:
    """A field name as Strawberry names it in the schema (`duration_seconds` → `durationSeconds`;
    a name already in camelCase, or a list index, is unchanged)."""
    return to_camel_case(name)


def graphql_path(path: Iterable[str]) -> list[str]:
    """An input path (user error `field`) in GraphQL names."""
    return [graphql_name(part) for part in path]


def graphql_value(value: Any) -> Any:
    """A model (or anything inside one) as JSON in GraphQL names, enums by their GraphQL name:
    what a client would send as the matching input."""
    if isinstance(value, BaseModel):
        return {
            graphql_name(name): graphql_value(getattr(value, name))
            for name in type(value).model_fields
        }
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, dict):
        return {graphql_name(str(k)): graphql_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [graphql_value(v) for v in value]
    return value


class _GraphQLEnums(GenerateJsonSchema):
    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        result = super().enum_schema(schema)
        result.pop("description", None)  # it describes the stored values, not these names
        result["enum"] = [member.name for member in schema["members"]]
        result["type"] = "string"
        return result


def graphql_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a model, with the property and enum names of its GraphQL input."""
    renamed: dict[str, Any] = _rename_properties(
        model.model_json_schema(schema_generator=_GraphQLEnums)
    )
    return renamed


def _rename_properties(node: Any) -> Any:
    if isinstance(node, list):
        return [_rename_properties(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {graphql_name(k): _rename_properties(v) for k, v in value.items()}
        elif key == "required" and isinstance(value, list):
            out[key] = [graphql_name(str(k)) for k in value]
        else:
            out[key] = _rename_properties(value)
    return out
