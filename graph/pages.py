"""A page's statement shape and parameters: the filters given, the cursor, the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph.cypher.paging import FILTERS, SPLITS, PageShape
from graph.cypher.where import Compiled
from graph.errors import StoreError
from graph.model import Label
from graph.zone import local

# Who reads: {role, org, person}, the `$viewer` map of the access rules in graph.cypher.access.
Viewer = Mapping[str, Any]


def page_shape(
    label: Label,
    sort: str,
    ascending: bool,
    limit: int,
    cursor: tuple[Any, str] | None,
    filters: Mapping[str, Any],
    viewer: Viewer,
    where: Compiled | None = None,
) -> tuple[PageShape, dict[str, Any]]:
    """The statement shape of a page (or aggregate) and its parameters."""
    # Only the filters given go into the statement; a None filter is no filter.
    given = {name: in_zone(value) for name, value in filters.items() if value is not None}
    unknown = set(given) - set(FILTERS.get(label, {}))
    if unknown:
        raise StoreError(f"unknown {label} filters: {sorted(unknown)}")
    value, key = (in_zone(cursor[0]), cursor[1]) if cursor is not None else (None, None)
    kind = "none" if cursor is None else "null" if value is None else "value"
    where = where or Compiled("true")
    shape = PageShape(
        label,
        sort,
        ascending,
        frozenset(given),
        kind,
        str(viewer["role"]),
        where.text,
        _split(label, sort, given, where),
    )
    where_params = {
        name: [in_zone(item) for item in value] if isinstance(value, list) else in_zone(value)
        for name, value in where.params.items()
    }
    params = {
        **given,
        **where_params,
        "limit": limit,
        "cursorValue": value,
        "cursorKey": key,
        "viewer": viewer,
    }
    return shape, params


def _split(label: Label, sort: str, given: Mapping[str, Any], where: Compiled) -> str:
    """The parameter listing the values whose index runs a page merges, or "" if none does."""
    split = SPLITS.get((label, sort))
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
