"""Loaders: the per-request DataLoaders, one per access path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graph.model import Label
from graph.store import Neo4jStore, Node


@dataclass
class Loaders:
    """DataLoaders for one request; never shared between requests."""

    store: Neo4jStore
    _nodes: dict[Label, DataLoader[str, Node | None]] = field(default_factory=dict)

    @classmethod
    def for_store(cls, store: Neo4jStore) -> Loaders:
        """Fresh loaders over `store`."""
        return cls(store)

    def nodes(self, label: Label) -> DataLoader[str, Node | None]:
        """Nodes of one label by key, batched into one read per tick."""
        loader = self._nodes.get(label)
        if loader is None:

            async def load(keys: Sequence[str]) -> list[Node | None]:
                return await self.store.get_nodes(label, keys)

            loader = DataLoader(load_fn=load)
            self._nodes[label] = loader
        return loader

    def clear_all(self) -> None:
        """Forget every cached value, after a mutation."""
        for loader in self._nodes.values():
            loader.clear_all()
