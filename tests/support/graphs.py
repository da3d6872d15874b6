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


# A resident who reported one issue that the lead organization handles, and a public staff member
# of the same surname: the lead's coordinators see the resident whole, everyone else masked.
RESIDENT = "person/resident"
RESIDENT_NAME = "王小明"
RESIDENT_PHONE = "13812341234"
STAFF = "person/staff"
HANDLER = "org/lead"
BYSTANDER = "org/other"


async def reported_resident(store: Neo4jStore) -> None:
    """Write the resident, the staff member, both organizations and the resident's issue."""
    f = Fixture()
    f.add(Label.CATEGORY, "category/water", name="供水")
    f.add(Label.COMMUNITY, "community/a", name="甲社区", level="COMMUNITY")
    f.add(Label.ORGANIZATION, HANDLER, name="供水公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, BYSTANDER, name="环卫公司", kind="SERVICE_COMPANY")
    f.add(Label.PERSON, "person/obs", name="观察员", roles=["OBSERVER", "RESIDENT"])
    f.link(Rel.OBSERVES, "person/obs", "community/a")
    f.add(Label.PERSON, RESIDENT, name=RESIDENT_NAME, phone=RESIDENT_PHONE, roles=["RESIDENT"])
    f.add(Label.PERSON, STAFF, name="王五", phone="13900000000", roles=["STAFF"])
    add_issue(f, "issue/water", state="DISPATCHED", category="category/water", area="community/a")
    f.link(Rel.REPORTED, RESIDENT, "issue/water", at=T0)
    f.link(Rel.ASSIGNED_TO, "issue/water", HANDLER, role="LEAD")
    await f.write(store)
