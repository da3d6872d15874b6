"""Small graphs for the schema tests: a Graph that remembers its rows, and one linked issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import Label, Rel
from graph.store import Neo4jStore
from tests.support.builder import Fixture
from tests.support.graphql import Json

T0 = dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.UTC)


@dataclass
class Graph:
    """Rows written to the store, kept so that tests can compute their expected answers."""

    store: Neo4jStore
    rows: dict[Label, list[Json]]
    parents: dict[str, str]

    @classmethod
    def on(cls, store: Neo4jStore) -> Graph:
        """An empty graph over `store`."""
        return cls(store, {}, {})

    async def nodes(self, label: Label, rows: Sequence[Json]) -> None:
        """Upsert nodes and remember them."""
        await self.store.upsert_nodes(label, rows)
        self.rows.setdefault(label, []).extend(rows)

    async def links(
        self, rel: Rel, start: Label, end: Label, pairs: Sequence[tuple[str, str]], **props: Any
    ) -> None:
        """Upsert relationships; PART_OF links are remembered as the area/category tree."""
        rows = [{"start": a, "end": b, "props": props} for a, b in pairs]
        await self.store.upsert_relationships(rel, start, end, rows)
        if rel is Rel.PART_OF:
            self.parents.update(dict(pairs))

    def below(self, key: str, *, inclusive: bool) -> set[str]:
        """Every key under `key` in the PART_OF trees (and `key` itself if inclusive)."""
        found = {key} if inclusive else set()
        for child in self.parents:
            node = child
            while node in self.parents:
                node = self.parents[node]
                if node == key:
                    found.add(child)
                    break
        return found


def add_issue(
    f: Fixture,
    key: str,
    *,
    state: str,
    category: str,
    area: str,
    at: dt.datetime = T0,
    title: str | None = None,
    **props: Any,
) -> str:
    """Add one issue in `state`, linked to its category and area, without events."""
    f.add(
        Label.ISSUE, key, title=title or key, state=state, channel="PHONE", reportedAt=at, **props
    )
    f.link(Rel.IN_CATEGORY, key, category)
    f.link(Rel.LOCATED_IN, key, area)
    return key

