"""Rows of a bulk write, checked and cut into the batches one statement writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.cypher.writes import TEMPORAL_KINDS
from graph.errors import StoreError

Row = Mapping[str, Any]

BATCH_SIZE = 5000


def require_keys(rows: Sequence[Row]) -> None:
    """Refuse rows without a string key before anything is written."""
    for index, row in enumerate(rows):
        if not isinstance(row.get("key"), str) or not row["key"]:
            raise StoreError(f"row {index} has no string 'key'; nothing was written")


def batches(rows: Sequence[Row]) -> list[list[Row]]:
    """The rows in batches of at most BATCH_SIZE."""
    return [list(rows[i : i + BATCH_SIZE]) for i in range(0, len(rows), BATCH_SIZE)]


def temporal_kinds(params: Sequence[Mapping[str, Any]]) -> frozenset[str]:
    """The temporal kinds some row of a batch holds."""
    # A batch's statement parses only the temporal kinds some row of it holds.
    return frozenset(kind for kind in TEMPORAL_KINDS if any(p[kind] for p in params))
