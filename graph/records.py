"""Records: node and relationship properties as plain Python values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph.zone import stamp

Node = dict[str, Any]

# The properties a read projects, each with how its value travels: "" as the driver sends it,
# "datetime" or "date" as ISO text that Python parses (the driver's own temporal values cost
# about 12 µs each to build and convert, most of a small page's read).
Projected = tuple[tuple[str, str], ...]


# Values that are already Python's own: most properties, tested first as the cheapest case.
_PLAIN = (str, int, float, bool, type(None))


def native(value: Any) -> Any:
    """Turn the driver's temporal and list values into Python's own."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list):
        return [native(item) for item in value]
    if hasattr(value, "to_native"):
        return value.to_native()
    return value


def to_node(props: Mapping[str, Any], labels: list[str] | None = None) -> Node:
    """A node's properties as a dict of native values, with its labels under `_labels`."""
    node = {name: native(value) for name, value in props.items()}
    if labels is not None:
        node["_labels"] = labels
    return node


def _datetime(text: str) -> dt.datetime:
    # Neo4j appends a named zone after the offset; the offset alone is the instant.
    return dt.datetime.fromisoformat(text.partition("[")[0])


_PARSERS = {"datetime": _datetime, "date": dt.date.fromisoformat}


def projected_node(props: Mapping[str, Any], projected: Projected) -> Node:
    """A node read with `projected`'s properties, its temporal text parsed back."""
    node = to_node(props)
    for name, travels in projected:
        value = node.get(name)
        if travels and value is not None:
            node[name] = _PARSERS[travels](value)
    return node


def read_nodes(rows: list[Mapping[str, Any]], props: Projected | None) -> list[Node]:
    """Nodes as plain values, read whole (props None) or as `props` projected them."""
    if props is None:
        return [to_node(row) for row in rows]
    return [projected_node(row, props) for row in rows]


def split_temporals(props: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Properties for an upsert: plain values, and temporal ones as ISO strings by kind."""
    plain: dict[str, Any] = {}
    datetimes: dict[str, str] = {}
    local_datetimes: dict[str, str] = {}
    dates: dict[str, str] = {}
    for name, value in props.items():
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            datetimes[name] = stamp(value)
        elif isinstance(value, dt.datetime):
            local_datetimes[name] = value.isoformat()
        elif isinstance(value, dt.date):
            dates[name] = value.isoformat()
        else:
            plain[name] = value
    return {
        "props": plain,
        "datetimes": datetimes,
        "localDatetimes": local_datetimes,
        "dates": dates,
    }
