"""Aggregates and groups of a connection's rows, computed in Neo4j under the access rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.cypher.aggregate import GROUPS, figure_names
from graph.model import Label
from graph.records import native, to_node
from graph.store import Neo4jStore, Viewer
from resolvers.errors import BadUserInput, LimitExceeded
from resolvers.where import compiled_where

MAX_GROUPS = 500


@dataclass
class Figures:
    """A count and the figures asked for, as `values[property][figure]`."""

    count: int
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    # For a group: its value, or the related node it is the group of.
    value: str | None = None
    node: dict[str, Any] | None = None


async def aggregate(
    store: Neo4jStore,
    label: Label,
    *,
    filters: Mapping[str, Any],
    where: Mapping[str, Any] | None,
    viewer: Viewer,
    wanted: Mapping[str, set[str]],
    scan_limit: int,
    by: str | None = None,
    limit: int = 0,
) -> list[Figures]:
    """The figures of a label's filtered rows, whole (one item) or per group, largest first."""
    if by is not None:
        if by not in GROUPS.get(label, {}):
            raise BadUserInput(f"{label} rows cannot be grouped by {by!r}", field="by")
        if not 0 < limit <= MAX_GROUPS:
            raise LimitExceeded(f"first must be between 1 and {MAX_GROUPS}", field="first")
    compiled = await compiled_where(
        store, label, where, viewer, filters=filters, scan_limit=scan_limit
    )
    figures = {
        prop: tuple(figure for figure in known if figure in wanted[prop])
        for prop, known in figure_names(label).items()
        if wanted.get(prop)
    }
    given = {name: value for name, value in filters.items() if value is not None}
    rows = await store.aggregate(
        label, filters=given, where=compiled, viewer=viewer, figures=figures, by=by, limit=limit
    )
    return [_figures(row, figures) for row in rows]


def _figures(row: dict[str, Any], figures: dict[str, tuple[str, ...]]) -> Figures:
    values = {
        prop: {figure: native(row[f"{prop}_{figure}"]) for figure in wanted}
        for prop, wanted in figures.items()
    }
    node = to_node(row["node"]) if row.get("node") is not None else None
    return Figures(row["count"], values, row.get("value"), node)
