"""The properties a page must read: those its query selects, from the node type's own fields."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from strawberry.types import Info
from strawberry.types.base import get_object_definition
from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case

from graph.records import Projected
from schema.context import Context

# Fields of a node that read no property: the global ID is made from the key, always read.
_FREE = frozenset({"id", "__typename"})


def selected_props(
    info: Info[Context, None], cls: type | None, sorts: Iterable[str]
) -> Projected | None:
    """The properties a connection's rows need, or None to read them all.

    The key, the sort keys (a cursor holds their values) and each selected field's property,
    or what a computed field reads (`Keyed.READS`). A field the type does not account for
    reads them all.
    """
    if cls is None or getattr(cls, "READS", None) is None:
        return None
    catalog = _catalog(cls)
    wanted = {"key", *sorts}
    for name in _node_fields(info):
        if name in _FREE:
            continue
        reads = catalog.get(name)
        if reads is None:
            return None
        wanted.update(reads)
    travels = _travels(cls)
    return tuple((prop, travels.get(prop, "")) for prop in sorted(wanted))


def _node_fields(info: Info[Context, None]) -> Iterator[str]:
    """The names selected on the connection's nodes, through `edges.node` and `nodes`."""
    for connection in info.selected_fields:
        for field in _fields(connection.selections):
            if field.name == "nodes":
                yield from (f.name for f in _fields(field.selections))
            elif field.name == "edges":
                for edge in _fields(field.selections):
                    if edge.name == "node":
                        yield from (f.name for f in _fields(edge.selections))


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    # Fragments, named or inline, add their fields to the selection they sit in.
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


@cache
def _catalog(cls: type) -> dict[str, tuple[str, ...]]:
    """Each field's GraphQL name and the properties it reads."""
    catalog: dict[str, tuple[str, ...]] = {}
    for field in get_object_definition(cls, strict=True).fields:
        if field.base_resolver is None:
            name = field.graphql_name or to_camel_case(field.python_name)
            catalog[name] = (to_camel_case(field.python_name),)
    catalog.update(getattr(cls, "READS", None) or {})
    return catalog


@cache
def _travels(cls: type) -> dict[str, str]:
    """How each temporal property of the type travels (graph.records.Projected); others plain."""
    hints = typing.get_type_hints(cls)
    travels: dict[str, str] = {}
    for field in get_object_definition(cls, strict=True).fields:
        kind = _temporal(hints.get(field.python_name))
        if kind:
            travels[to_camel_case(field.python_name)] = kind
    return travels


def _temporal(hint: Any) -> str:
    for candidate in typing.get_args(hint) or (hint,):
        # A datetime is a date too: it is asked first.
        if candidate is dt.datetime:
            return "datetime"
        if candidate is dt.date:
            return "date"
    return ""
