"""Browsing: keyset pages of nodes, at the root or under a parent node."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from graph.cypher.where import Compiled
from graph.model import Label, Rel
from graph.records import Node
from graph.store import Neo4jStore, Viewer
from loaders import Loaders
from loaders.registry import PageSpec
from resolvers.paging import Cursor, Page, PageRequest, page_from_rows


@dataclass(frozen=True)
class Order:
    """A sort property and its direction."""

    sort: str = "key"
    ascending: bool = True


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
) -> Page[Node]:
    """One page of a label's nodes, as `viewer` may see them, in one Cypher round trip."""
    rows, total = await store.page(
        label,
        sort=order.sort,
        ascending=order.ascending == request.forward,
        limit=request.size + 1,
        cursor=request.cursor.position(order.sort) if request.cursor else None,
        filters=filters,
        with_total=with_total,
        viewer=viewer,
        where=where,
        with_nodes=with_nodes,
    )
    return page_from_rows(rows, request, _cursor_of(order.sort), total, ascending=order.ascending)


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
) -> Page[Node]:
    """One page of a node's related nodes; sibling parents share one round trip."""
    spec = PageSpec.of(
        target,
        sort=order.sort,
        ascending=order.ascending == request.forward,
        limit=request.size + 1,
        cursor=request.cursor.position(order.sort) if request.cursor else None,
        filters=filters,
        with_total=with_total,
        where=where,
        with_nodes=with_nodes,
    )
    rows, total = await loaders.related_page(parent, rel, direction, spec).load(parent_key)
    return page_from_rows(
        list(rows), request, _cursor_of(order.sort), total, ascending=order.ascending
    )


def _cursor_of(sort: str) -> Any:
    def cursor(row: Node) -> Cursor:
        return Cursor(sort, row.get(sort), row["key"])

    return cursor
