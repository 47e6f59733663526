"""The GraphQL API (Strawberry): schema, context and the ASGI app."""

from src.gql.context import Context
from src.gql.schema import build_schema, schema

__all__ = ["Context", "build_schema", "schema"]
