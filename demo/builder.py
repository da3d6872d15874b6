"""Row collection: node and relationship rows, refusing duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from demo import keys
from graph.model import Label, Rel

Row = dict[str, Any]
RelKey = tuple[Rel, Label, Label]


@dataclass(frozen=True)
class DemoGraph:
    """Node rows per label and relationship rows per (type, start label, end label)."""

    nodes: dict[Label, list[Row]]
    relationships: dict[RelKey, list[Row]]

    def node_count(self) -> int:
        """How many node rows there are."""
        return sum(len(rows) for rows in self.nodes.values())

    def relationship_count(self) -> int:
        """How many relationship rows there are."""
        return sum(len(rows) for rows in self.relationships.values())


class Builder:
    """Collects rows, refusing duplicate keys and duplicate (type, start, end) links."""

    def __init__(self) -> None:
        self.nodes: dict[Label, list[Row]] = {}
        self.relationships: dict[RelKey, list[Row]] = {}
        self.labels: dict[str, Label] = {}
        self._pairs: set[tuple[Rel, str, str]] = set()

    def node(self, label: Label, slug: str, /, **props: Any) -> str:
        """Add a node row and return its key; None-valued properties are left out."""
        node_key = keys.of(label, slug)
        if node_key in self.labels:
            raise ValueError(f"duplicate node key {node_key}")
        self.labels[node_key] = label
        row = {"key": node_key, **{k: v for k, v in props.items() if v is not None}}
        self.nodes.setdefault(label, []).append(row)
        return node_key

    def link(self, rel: Rel, start: str, end: str, /, **props: Any) -> None:
        """Add a relationship row between two nodes already added."""
        if (rel, start, end) in self._pairs:
            raise ValueError(f"duplicate {rel} {start} -> {end}")
        self._pairs.add((rel, start, end))
        group = (rel, self.labels[start], self.labels[end])
        kept = {k: v for k, v in props.items() if v is not None}
        row = {"start": start, "end": end, "props": kept}
        self.relationships.setdefault(group, []).append(row)

    def graph(self) -> DemoGraph:
        """The rows collected so far."""
        return DemoGraph(self.nodes, self.relationships)
