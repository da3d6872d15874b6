"""Helpers that resolve relation fields through the request's loaders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeVar

from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from graph.cypher.order import KEY_ORDER
from graph.model import Label, Rel
from loaders.registry import PageSpec
from resolvers.browse import Order, page_nodes, page_related
from resolvers.errors import LimitExceeded
from resolvers.paging import PageRequest
from resolvers.where import bounded_sort, compiled_where, related_where
from schema.connection import Connection
from schema.context import Context
from schema.node import Builds, Keyed, node_class
from schema.selection import selected_props

Direction = Literal["OUT", "IN", "BOTH"]


T = TypeVar("T", bound=Keyed)


def wants_total(info: Info[Context, None]) -> bool:
    """Whether the query selects `totalCount`, so the count is only paid for when asked."""
    return any(_selects_total(field.selections) for field in info.selected_fields)


def wants_nodes(info: Info[Context, None]) -> bool:
    """Whether the query selects anything of the connection but its `totalCount`."""
    # Without rows to read, a total is one count: no ordering, no projection.
    return any(_selects_rows(field.selections) for field in info.selected_fields) or not (
        wants_total(info)
    )


def _selects_rows(selections: Iterable[Selection]) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name not in ("totalCount", "__typename"):
                return True
        elif _selects_rows(selection.selections):
            return True
    return False


def _selects_total(selections: Iterable[Selection]) -> bool:
    # totalCount may sit directly in the connection or inside (nested) fragments on it.
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == "totalCount":
                return True
        elif _selects_total(selection.selections):
            return True
    return False


async def related_one(
    info: Info[Context, None],
    parent: Label,
    key: str,
    rel: Rel,
    direction: Direction,
    target: Builds[T],
) -> T | None:
    """The single neighbour over one relationship, if any."""
    rows = await info.context.loaders.related(parent, rel, direction, target.LABEL).load(key)
    return target.from_row(rows[0]) if rows else None


async def related_many(
    info: Info[Context, None],
    parent: Label,
    key: str,
    rel: Rel,
    direction: Direction,
    target: Builds[T],
) -> list[T]:
    """Every neighbour over one relationship, in key order."""
    rows = await info.context.loaders.related(parent, rel, direction, target.LABEL).load(key)
    return [target.from_row(row) for row in rows]


async def related_matching(
    info: Info[Context, None],
    parent: Label,
    key: str,
    rel: Rel,
    direction: Literal["OUT", "IN"],
    target: Builds[T],
    where: Any,
    bound: int,
) -> list[T]:
    """The neighbours over one relationship that pass `where`, in key order.

    Sibling parents asking the same `where` share one statement. More than `bound` matches
    are refused rather than cut short: a plain list has no next page to hold the rest.
    """
    compiled = related_where(target.LABEL, where, info.context.principal.viewer)
    spec = PageSpec.of(
        target.LABEL,
        order=KEY_ORDER,
        limit=bound + 1,
        cursor=None,
        filters={},
        with_total=False,
        where=compiled,
    )
    rows, _ = await info.context.loaders.related_page(parent, rel, direction, spec).load(key)
    if len(rows) > bound:
        raise LimitExceeded(
            f"more than {bound} {target.LABEL} nodes match: narrow the where", field="where"
        )
    return [target.from_row(row) for row in rows]


async def root_connection(
    info: Info[Context, None],
    cls: type[T],
    request: PageRequest,
    order: Order,
    filters: Mapping[str, Any],
    label: Label | None = None,
    where: Any = None,
    offset: int | None = None,
) -> Connection[T]:
    """A root connection over a type's nodes (or those of `label`), in one Cypher round trip.

    `where` is the field's `where` input, if it takes one; `offset` its page jump.
    """
    request = request.skipping(offset)
    label = label or cls.LABEL
    context = info.context
    compiled = await compiled_where(
        context.store,
        label,
        where,
        context.principal.viewer,
        filters=filters,
        scan_limit=context.settings.where_scan_limit,
    )
    with_nodes = wants_nodes(info)
    if with_nodes and order.asked:
        await bounded_sort(
            context.store,
            label,
            order.fields,
            compiled,
            context.principal.viewer,
            filters=filters,
            scan_limit=context.settings.where_scan_limit,
        )
    page = await page_nodes(
        context.store,
        label,
        request,
        order,
        filters,
        with_total=wants_total(info),
        viewer=context.principal.viewer,
        where=compiled,
        with_nodes=with_nodes,
        props=selected_props(info, cls, order.fields),
    )
    return Connection.of(page, cls.from_row)


async def related_connection(
    info: Info[Context, None],
    parent: Label,
    key: str,
    rel: Rel,
    direction: Literal["OUT", "IN"],
    target: Builds[T],
    request: PageRequest,
    order: Order,
    filters: Mapping[str, Any],
    where: Any = None,
) -> Connection[T]:
    """A node's related nodes as a connection; sibling parents share one round trip.

    `where` is the field's `where` input, if it takes one.
    """
    compiled = related_where(
        target.LABEL,
        where,
        info.context.principal.viewer,
    )
    page = await page_related(
        info.context.loaders,
        parent,
        key,
        rel,
        direction,
        target.LABEL,
        request,
        order,
        filters,
        with_total=wants_total(info),
        where=compiled,
        with_nodes=wants_nodes(info),
        props=selected_props(info, node_class(target.LABEL), order.fields),
    )
    return Connection.of(page, target.from_row)
