"""GraphQL test helpers: a client over the real app, global IDs, small graphs, page walks."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from neo4j import AsyncDriver
from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import Settings
from tests.graphql import client_for

Json = dict[str, Any]

T0 = dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.UTC)


def gid(type_name: str, key: str) -> str:
    """The global ID Strawberry gives the node of `type_name` with `key`."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def key_of(global_id: str) -> str:
    """The key inside a global ID."""
    return base64.b64decode(global_id).decode().split(":", 1)[1]


@dataclass
class Api:
    """GraphQL over HTTP against one running app."""

    client: TestClient

    @property
    def store(self) -> Neo4jStore:
        """The app's own store (its round-trip counter sees every statement it runs)."""
        store: Neo4jStore = self.client.app.state.store  # type: ignore[attr-defined]
        return store

    def post(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The whole response body of one GraphQL request."""
        body: Json = {"query": query}
        if variables is not None:
            body["variables"] = dict(variables)
        response = self.client.post("/graphql", json=body)
        assert response.status_code == 200, response.text
        result: Json = response.json()
        return result

    def data(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The data of a request that must succeed without errors."""
        result = self.post(query, variables)
        assert "errors" not in result, result["errors"]
        data: Json = result["data"]
        return data

    def error(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The single error of a request that must fail."""
        result = self.post(query, variables)
        errors: list[Json] = result.get("errors") or []
        assert len(errors) == 1, result
        return errors[0]


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[Api]:
    """One app (and its Neo4j driver) per test module."""
    with client_for(settings) as client:
        yield Api(client)


@pytest.fixture(scope="module")
async def shared_store(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Neo4jStore]:
    """An emptied database for a module whose tests only read the graph it builds once."""
    store = Neo4jStore(driver, settings.neo4j_database)
    await store.clear()
    await store.ensure_schema()
    yield store


# --- Building small graphs -------------------------------------------------------------------


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


async def issue_with_links(
    store: Neo4jStore,
    key: str,
    *,
    state: str,
    category: str,
    area: str,
    at: dt.datetime = T0,
    title: str | None = None,
    **props: Any,
) -> None:
    """One issue in `state`, linked to its category and area, without events."""
    row = {
        "key": key,
        "title": title or key,
        "state": state,
        "channel": "PHONE",
        "reportedAt": at,
        **props,
    }
    await store.upsert_nodes(Label.ISSUE, [row])
    await store.upsert_relationships(
        Rel.IN_CATEGORY, Label.ISSUE, Label.CATEGORY, [{"start": key, "end": category}]
    )
    await store.upsert_relationships(
        Rel.LOCATED_IN, Label.ISSUE, Label.AREA, [{"start": key, "end": area}]
    )


# --- Walking connections ---------------------------------------------------------------------

PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


@dataclass(frozen=True)
class Listing:
    """A root connection field and the GraphQL types of its filter and order arguments."""

    field: str
    filter_type: str
    order_type: str
    node_type: str


ORGANIZATIONS = Listing("organizations", "OrganizationFilter", "NameOrder", "Organization")
PEOPLE = Listing("people", "PersonFilter", "NameOrder", "Person")
COMMUNITIES = Listing("communities", "AreaFilter", "NameOrder", "Area")
AREAS = Listing("areas", "AreaFilter", "NameOrder", "Area")
ISSUES = Listing("issues", "IssueFilter", "IssueOrder", "Issue")
PROJECTS = Listing("projects", "ProjectFilter", "ProjectOrder", "Project")
MEETINGS = Listing("meetings", "MeetingFilter", "MeetingOrder", "Meeting")


def connection_query(listing: Listing, *, backward: bool) -> str:
    """A paged query of a root connection with every argument as a variable."""
    size, cursor = ("last", "before") if backward else ("first", "after")
    return (
        f"query Walk(${size}: Int, ${cursor}: String, $filter: {listing.filter_type},"
        f" $orderBy: {listing.order_type}) {{"
        f" list: {listing.field}({size}: ${size}, {cursor}: ${cursor}, filter: $filter,"
        f" orderBy: $orderBy) {{ totalCount edges {{ cursor node {{ id }} }} {PAGE_INFO} }} }}"
    )


def check_page(
    connection: Json, *, size: int, total: int, has_next: bool, has_previous: bool
) -> list[str]:
    """Assert one page's totals, flags and cursors; its node IDs in order."""
    edges = connection["edges"]
    info = connection["pageInfo"]
    assert connection["totalCount"] == total
    assert len(edges) <= size
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (has_next, has_previous)
    if edges:
        assert info["startCursor"] == edges[0]["cursor"]
        assert info["endCursor"] == edges[-1]["cursor"]
        assert len({edge["cursor"] for edge in edges}) == len(edges)
    else:
        assert info["startCursor"] is None
        assert info["endCursor"] is None
    return [edge["node"]["id"] for edge in edges]


def walk_forward(
    api: Api,
    listing: Listing,
    *,
    size: int,
    expected: Sequence[str],
    filter: Json | None = None,
    order_by: Json | None = None,
) -> list[list[str]]:
    """Page forwards through a root connection, checking each page against `expected` IDs."""
    query = connection_query(listing, backward=False)
    chunks = [list(expected[i : i + size]) for i in range(0, len(expected), size)] or [[]]
    pages: list[list[str]] = []
    after: str | None = None
    for index, chunk in enumerate(chunks):
        variables = {"first": size, "after": after, "filter": filter, "orderBy": order_by}
        connection = api.data(query, variables)["list"]
        ids = check_page(
            connection,
            size=size,
            total=len(expected),
            has_next=index < len(chunks) - 1,
            has_previous=index > 0,
        )
        assert ids == chunk, f"page {index}"
        pages.append(ids)
        after = connection["pageInfo"]["endCursor"]
    return pages


def walk_backward(
    api: Api,
    listing: Listing,
    *,
    size: int,
    expected: Sequence[str],
    filter: Json | None = None,
    order_by: Json | None = None,
) -> list[list[str]]:
    """Page backwards from the end of a root connection, checking each page's IDs."""
    query = connection_query(listing, backward=True)
    ends = list(range(len(expected), 0, -size)) or [0]
    pages: list[list[str]] = []
    before: str | None = None
    for index, end in enumerate(ends):
        variables = {"last": size, "before": before, "filter": filter, "orderBy": order_by}
        connection = api.data(query, variables)["list"]
        start = max(0, end - size)
        ids = check_page(
            connection,
            size=size,
            total=len(expected),
            has_next=index > 0,
            has_previous=start > 0,
        )
        assert ids == list(expected[start:end]), f"page {index} from the end"
        pages.append(ids)
        before = connection["pageInfo"]["startCursor"]
    return pages
