"""Browsing: keyset pages of nodes, at the root or under a parent node."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from graph.cypher.order import Sort
from graph.cypher.where import Compiled
from graph.model import Label, Rel
from graph.pages import Position
from graph.records import Node, Projected
from graph.store import Neo4jStore, Viewer
from loaders import Loaders
from loaders.registry import PageSpec
from resolvers.paging import Cursor, Page, PageRequest, page_from_rows


@dataclass(frozen=True)
class Order:
    """Sort keys and their directions: `sort` first, then `then`; the key breaks ties."""

    sort: str = "key"
    ascending: bool = True
    then: tuple[Sort, ...] = ()
    # Whether a client chose it: a list's default order is kept cheap by design, not checked.
    asked: bool = False

    @property
    def keys(self) -> tuple[Sort, ...]:
        """Every sort key in list order, ending with the key (in the last key's direction)."""
        keys: list[Sort] = []
        for name, ascending in ((self.sort, self.ascending), *self.then):
            keys.append((name, ascending))
            if name == "key":
                # The key is unique: keys after it never decide anything.
                return tuple(keys)
        return (*keys, ("key", keys[-1][1]))

    @property
    def fields(self) -> tuple[str, ...]:
        """The sort keys before the key: what a cursor holds values of."""
        return tuple(name for name, _ in self.keys[:-1])

    def fetched(self, forward: bool) -> tuple[Sort, ...]:
        """The keys in the direction rows are fetched: reversed throughout to page back."""
        return tuple((name, ascending == forward) for name, ascending in self.keys)

    def cursor_of(self, row: Node) -> Cursor:
        """A row's position in this order."""
        return Cursor(self.fields, tuple(row.get(name) for name in self.fields), row["key"])

    def position(self, request: PageRequest) -> Position | None:
        """Where the request starts, if at a cursor made for this order."""
        return request.cursor.positions(self.fields) if request.cursor else None

    def directions(self) -> tuple[bool, ...]:
        """Each key's direction in list order."""
        return tuple(ascending for _, ascending in self.keys)


async def page_nodes(
    store: Neo4jStore,
    label: Label,
    request: PageRequest,
    order: Order,
    filters: Mapping[str, Any],
    *,
    with_total: bool,
    viewer: Viewer,
    where: Compiled | None = None,
    with_nodes: bool = True,
    props: Projected | None = None,
) -> Page[Node]:
    """One page of a label's nodes, as `viewer` may see them, in one Cypher round trip."""
    rows, total = await store.page(
        label,
        order=order.fetched(request.forward),
        limit=request.size + 1,
        cursor=order.position(request),
        offset=request.offset,
        filters=filters,
        with_total=with_total,
        viewer=viewer,
        where=where,
        with_nodes=with_nodes,
        props=props,
    )
    return page_from_rows(rows, request, order.cursor_of, total, directions=order.directions())


async def page_related(
    loaders: Loaders,
    parent: Label,
    parent_key: str,
    rel: Rel,
    direction: Literal["OUT", "IN"],
    target: Label,
    request: PageRequest,
    order: Order,
    filters: Mapping[str, Any],
    *,
    with_total: bool = True,
    where: Compiled | None = None,
    with_nodes: bool = True,
    props: Projected | None = None,
) -> Page[Node]:
    """One page of a node's related nodes; sibling parents share one round trip."""
    spec = PageSpec.of(
        target,
        order=order.fetched(request.forward),
        limit=request.size + 1,
        cursor=order.position(request),
        filters=filters,
        with_total=with_total,
        where=where,
        with_nodes=with_nodes,
        props=props,
    )
    rows, total = await loaders.related_page(parent, rel, direction, spec).load(parent_key)
    return page_from_rows(
        list(rows), request, order.cursor_of, total, directions=order.directions()
    )
