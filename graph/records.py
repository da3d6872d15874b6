"""Records: node and relationship properties as plain Python values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Node = dict[str, Any]


def native(value: Any) -> Any:
    """Turn the driver's temporal and list values into Python's own."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [native(item) for item in value]
    return value


def to_node(props: Mapping[str, Any], labels: list[str] | None = None) -> Node:
    """A node's properties as a dict of native values, with its labels under `_labels`."""
    node = {name: native(value) for name, value in props.items()}
    if labels is not None:
        node["_labels"] = labels
    return node
