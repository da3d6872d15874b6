"""A page's statement shape and parameters: the filters given, the cursor, the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph.cypher.order import Sort, cursor_param
from graph.cypher.paging import FILTERS, SPLITS, PageShape
from graph.cypher.where import Compiled
from graph.errors import StoreError
from graph.model import Label
from graph.records import Projected
from graph.zone import local

# Who reads: {role, org, person}, the `$viewer` map of the access rules in graph.cypher.access.
Viewer = Mapping[str, Any]


# A cursor: the cursor row's value of each sort key before the key, and its key.
Position = tuple[tuple[Any, ...], str]


def page_shape(
    label: Label,
    order: tuple[Sort, ...],
    limit: int,
    cursor: Position | None,
    filters: Mapping[str, Any],
    viewer: Viewer,
    where: Compiled | None = None,
    offset: int = 0,
    props: Projected | None = None,
) -> tuple[PageShape, dict[str, Any]]:
    """The statement shape of a page (or aggregate) and its parameters.

    `order` is the sort keys in fetch direction and must end with the key.
    """
    # Only the filters given go into the statement; a None filter is no filter.
    given = {name: in_zone(value) for name, value in filters.items() if value is not None}
    unknown = set(given) - set(FILTERS.get(label, {}))
    if unknown:
        raise StoreError(f"unknown {label} filters: {sorted(unknown)}")
    if not order or order[-1][0] != "key":
        raise StoreError(f"an order ends with the key that breaks ties, not {order!r}")
    values, key = ([in_zone(v) for v in cursor[0]], cursor[1]) if cursor else ([], None)
    if cursor is not None and len(values) != len(order) - 1:
        raise StoreError("a cursor holds one value per sort key before the key")
    valued = tuple(value is not None for value in values) if cursor is not None else None
    where = where or Compiled("true")
    shape = PageShape(
        label,
        order,
        frozenset(given),
        valued,
        str(viewer["role"]),
        where.text,
        skip=offset > 0,
        split="" if offset > 0 else _split(label, order, given, where),
        props=props,
    )
    where_params = {
        name: [in_zone(item) for item in value] if isinstance(value, list) else in_zone(value)
        for name, value in where.params.items()
    }
    params = {
        **given,
        **where_params,
        **{cursor_param(at): value for at, value in enumerate(values)},
        "limit": limit,
        "offset": offset,
        "cursorKey": key,
        "viewer": viewer,
    }
    return shape, params


def _split(label: Label, order: tuple[Sort, ...], given: Mapping[str, Any], where: Compiled) -> str:
    """The parameter listing the values whose index runs a page merges, or "" if none does."""
    split = SPLITS.get((label, order[0][0])) if len(order) > 1 else None
    if split is None:
        return ""
    prop, filter_name = split
    if isinstance(given.get(filter_name), list):
        return filter_name
    return where.lists.get(prop, "")


def in_zone(value: Any) -> Any:
    """A zoned datetime at the configured offset; any other value as it is."""
    # Compared with stored datetimes, a bound must be at their offset to compare by instant.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return local(value)
    return value
