"""Typed user errors: how expected failures reach clients, inside mutation payloads."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry import relay

from src.errors import AppError, ErrorCode, NotFound
from src.gql.naming import graphql_path

UserErrorCode = strawberry.enum(
    ErrorCode, name="UserErrorCode", description="Why a mutation was refused."
)


@strawberry.type(description="A refused mutation: which input field, why, and a stable code.")
class UserError:
    field: list[str] = strawberry.field(
        description="Path of the offending input field, in GraphQL names within the mutation's "
        '`input`, e.g. ["edits", "configuration", "durationSeconds"].'
    )
    message: str = strawberry.field(description="A sentence a person can read.")
    code: ErrorCode = strawberry.field(description="A stable, machine-readable reason.")

    @classmethod
    def from_error(cls, error: AppError) -> UserError:
        return cls(field=graphql_path(error.field), message=error.message, code=error.code)


def decode_id(global_id: relay.GlobalID, type_name: str, field: str) -> UUID:
    """The UUID inside a global ID of the expected type; NotFound for anything else."""
    if global_id.type_name != type_name:
        raise NotFound(f"no {type_name} with this ID", field=(field,))
    try:
        return UUID(global_id.node_id)
    except ValueError:
        raise NotFound(f"no {type_name} with this ID", field=(field,)) from None
