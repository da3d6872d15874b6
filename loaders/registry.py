"""Loaders: the per-request DataLoaders, one per access path."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from strawberry.dataloader import DataLoader

from graph.cypher.order import Sort
from graph.cypher.where import Compiled
from graph.model import Label, Rel
from graph.pages import Position
from graph.records import Node, Projected
from graph.store import FULL_VIEWER, Neo4jStore, Viewer

Direction = Literal["OUT", "IN", "BOTH"]
RelatedPage = tuple[list[Node], int | None]


@dataclass(frozen=True)
class PageSpec:
    """How a related connection is paged: same for every parent in one batch."""

    target: Label
    # The sort keys in fetch direction, ending with the key (graph.cypher.order).
    order: tuple[Sort, ...]
    limit: int
    cursor: Position | None
    filters: tuple[tuple[str, Hashable], ...]
    with_total: bool = True
    # A compiled `where`: its text, and its parameters frozen as the filters are.
    where_text: str = "true"
    where_params: tuple[tuple[str, Hashable], ...] = ()
    # False when only totals are asked for: no rows are read.
    with_nodes: bool = True
    where_lists: tuple[tuple[str, str], ...] = ()
    # The properties the reader selected, or None for every one.
    props: Projected | None = None

    @classmethod
    def of(
        cls,
        target: Label,
        *,
        order: tuple[Sort, ...],
        limit: int,
        cursor: Position | None,
        filters: Mapping[str, Any],
        with_total: bool = True,
        where: Compiled | None = None,
        with_nodes: bool = True,
        props: Projected | None = None,
    ) -> PageSpec:
        """A hashable spec; list-valued filters become tuples."""
        where = where or Compiled("true")
        return cls(
            target,
            order,
            limit,
            cursor,
            _frozen(filters),
            with_total,
            where.text,
            _frozen(where.params),
            with_nodes,
            tuple(sorted(where.lists.items())),
            props,
        )

    def where(self) -> Compiled:
        """The compiled `where` again, its parameters thawed."""
        return Compiled(self.where_text, _thawed(self.where_params), lists=dict(self.where_lists))


@dataclass
class Loaders:
    """DataLoaders for one request and its reader; never shared between requests."""

    store: Neo4jStore
    # Whose rows these are: every read applies the reader's access rules in Cypher.
    viewer: Viewer = field(default_factory=lambda: FULL_VIEWER)
    _loaders: dict[Hashable, DataLoader[str, Any]] = field(default_factory=dict)

    @classmethod
    def for_store(cls, store: Neo4jStore, viewer: Viewer = FULL_VIEWER) -> Loaders:
        """Fresh loaders over `store`, reading as `viewer`."""
        return cls(store, viewer)

    def nodes(self, label: Label) -> DataLoader[str, Node | None]:
        """Nodes of one label by key."""

        async def load(keys: Sequence[str]) -> list[Node | None]:
            return await self.store.get_nodes(label, keys, viewer=self.viewer)

        return self._loader(("nodes", label), load)

    def related(
        self, parent: Label, rel: Rel, direction: Direction, target: Label | None = None
    ) -> DataLoader[str, list[Node]]:
        """Every neighbour of a parent over one relationship type and direction."""

        async def load(keys: Sequence[str]) -> list[list[Node]]:
            return await self.store.neighbors(
                parent, keys, rel, direction, target, viewer=self.viewer
            )

        return self._loader(("related", parent, rel, direction, target), load)

    def related_page(
        self, parent: Label, rel: Rel, direction: Literal["OUT", "IN"], spec: PageSpec
    ) -> DataLoader[str, RelatedPage]:
        """One page of a parent's related nodes, with the parent's total."""

        async def load(keys: Sequence[str]) -> list[RelatedPage]:
            return await self.store.related_pages(
                parent,
                keys,
                rel,
                direction,
                spec.target,
                order=spec.order,
                limit=spec.limit,
                cursor=spec.cursor,
                filters=_thawed(spec.filters),
                with_total=spec.with_total,
                viewer=self.viewer,
                where=spec.where(),
                with_nodes=spec.with_nodes,
                props=spec.props,
            )

        return self._loader(("page", parent, rel, direction, spec), load)

    def clear_all(self) -> None:
        """Forget every cached value, after a mutation."""
        self._loaders.clear()

    def _loader(self, name: Hashable, load: Any) -> DataLoader[str, Any]:
        loader = self._loaders.get(name)
        if loader is None:
            loader = self._loaders[name] = DataLoader(load_fn=load)
        return loader


def _frozen(values: Mapping[str, Any]) -> tuple[tuple[str, Hashable], ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


def _thawed(values: tuple[tuple[str, Hashable], ...]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values}
