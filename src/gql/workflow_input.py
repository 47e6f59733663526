"""`WorkflowInput`: a @oneOf input with one field per registered workflow kind.

Each field's input type is derived from the kind's own pydantic input model, so registering a
new kind in `src/steps` adds it here with no edit to this module."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.experimental.pydantic import input as pydantic_input

from src.errors import InvalidInput
from src.gql import pydantic_types as _pydantic_types  # noqa: F401  (registers ImageSize)
from src.gql.naming import graphql_name, graphql_path
from src.steps import all_kinds
from src.steps.kind import WorkflowKind


def input_type_name(kind: WorkflowKind[Any]) -> str:
    """The GraphQL input type of a kind's `WorkflowInput` field, e.g. `FullVideoInput`."""
    return "".join(part.capitalize() for part in kind.key.split("_")) + "Input"


def _build() -> tuple[type, dict[str, WorkflowKind[Any]]]:
    fields: dict[str, WorkflowKind[Any]] = {}
    namespace: dict[str, Any] = {"__annotations__": {}}
    for kind in all_kinds():
        name = input_type_name(kind)
        input_type = pydantic_input(
            model=kind.input_model, all_fields=True, name=name, description=kind.description
        )(type(name, (), {}))
        field = graphql_name(kind.key)
        fields[field] = kind
        namespace["__annotations__"][field] = input_type | None
        namespace[field] = strawberry.field(default=strawberry.UNSET, description=kind.title)
    cls = strawberry.input(
        one_of=True, name="WorkflowInput", description="Which workflow to start, with its input."
    )(type("WorkflowInput", (), namespace))
    return cls, fields


WorkflowInput, _FIELDS = _build()


def chosen_workflow(workflow: Any) -> tuple[WorkflowKind[Any], dict[str, Any]]:
    """The kind named by the one set field, and its raw input for `WorkflowKind.parse_input`.

    The input is validated here first, so that a refusal names the field where it sits in
    `StartRunInput` (`["workflow", "image", "prompt"]`), not only within the kind's input."""
    for field, kind in _FIELDS.items():
        value = getattr(workflow, field, strawberry.UNSET)
        if value is not strawberry.UNSET and value is not None:
            raw = {name: getattr(value, name) for name in kind.input_model.model_fields}
            given = {k: v for k, v in raw.items() if v is not None}
            try:
                kind.parse_input(given)
            except InvalidInput as error:
                raise InvalidInput(error.message, field=("workflow", field, *error.field)) from None
            return kind, given
    raise AssertionError("@oneOf guarantees exactly one field")  # pragma: no cover


def in_workflow_input(kind: WorkflowKind[Any], error: InvalidInput) -> InvalidInput:
    """`error`, its field path made the GraphQL one: `["workflow", "<kind>", "<field>"...]`."""
    path = ("workflow", graphql_name(kind.key), *graphql_path(error.field))
    return InvalidInput(error.message, field=path)
