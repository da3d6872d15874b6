"""Errors the store raises, free of driver types so that upper layers need not import neo4j."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation failed."""


class StoreUnavailable(StoreError):
    """Neo4j cannot be reached."""


class StoreConflict(StoreError):
    """A write would break a uniqueness constraint."""


class MissingEndpoints(StoreError):
    """A relationship row names a node that does not exist."""
