"""Walking root connections page by page, checking totals, flags and cursors on the way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tests.support.graphql import Api, Json

PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


@dataclass(frozen=True)
class Listing:
    """A root connection field and the GraphQL types of its filter and order arguments."""

    field: str
    filter_type: str
    order_type: str
    node_type: str


ORGANIZATIONS = Listing(
    "organizations", "OrganizationFilter", "[OrganizationOrder!]", "Organization"
)
PEOPLE = Listing("people", "PersonFilter", "[PersonOrder!]", "Person")
COMMUNITIES = Listing("communities", "AreaFilter", "[AreaOrder!]", "Area")
AREAS = Listing("areas", "AreaFilter", "[AreaOrder!]", "Area")
ISSUES = Listing("issues", "IssueFilter", "[IssueOrder!]", "Issue")
PROJECTS = Listing("projects", "ProjectFilter", "[ProjectOrder!]", "Project")
MEETINGS = Listing("meetings", "MeetingFilter", "[MeetingOrder!]", "Meeting")


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
