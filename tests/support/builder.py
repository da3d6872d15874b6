"""A fixture builder over the demo graph's: rows under the tests' own keys, written in one go."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from demo.builder import Builder
from graph.model import Label, Rel
from graph.store import Neo4jStore


class Fixture(Builder):
    """demo.builder's row collector, keyed as the test chooses and written through the store.

    Links find their endpoints' labels from the nodes added before them, so a test names only
    the relationship type; duplicate keys and links are refused as in the demo graph.
    """

    def add(self, label: Label, key: str, /, **props: Any) -> str:
        """Add a node under `key` as given (tests pick short keys); None properties are left out."""
        # demo's node() derives the key from a slug; fixtures keep the keys their tests assert.
        if key in self.labels:
            raise ValueError(f"duplicate node key {key}")
        self.labels[key] = label
        self.nodes.setdefault(label, []).append(
            {"key": key, **{k: v for k, v in props.items() if v is not None}}
        )
        return key

    def row(self, label: Label, row: dict[str, Any]) -> str:
        """Add a ready-made node row, which holds its `key`; return the key."""
        return self.add(label, row["key"], **{k: v for k, v in row.items() if k != "key"})

    def rows(self, label: Label, rows: Iterable[dict[str, Any]]) -> None:
        """Add ready-made node rows."""
        for row in rows:
            self.row(label, row)

    def known(self, label: Label, *keys: str) -> None:
        """Let links reach nodes already in the store without writing them again."""
        for key in keys:
            self.labels.setdefault(key, label)

    def links(self, rel: Rel, pairs: Iterable[tuple[str, str]], /, **props: Any) -> None:
        """Add one relationship per (start, end) pair, all with the same properties."""
        for start, end in pairs:
            self.link(rel, start, end, **props)

    async def write(self, store: Neo4jStore) -> None:
        """Upsert every node, then every relationship, one statement per label or link type."""
        for label, rows in self.nodes.items():
            await store.upsert_nodes(label, rows)
        for (rel, start, end), links in self.relationships.items():
            await store.upsert_relationships(rel, start, end, links)
