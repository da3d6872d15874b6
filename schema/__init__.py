"""The GraphQL schema."""

from schema.root import build_schema, schema

__all__ = ["build_schema", "schema"]
