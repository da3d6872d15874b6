"""The GraphQL schema."""

from schema.root import schema

__all__ = ["schema"]
