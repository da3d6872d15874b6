"""Root connections: keyset paging both ways, filters, orders, totals and page flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from graph.model import Label, Rel
from graph.store import Neo4jStore
from graph.zone import stamp
from tests.support.graphql import Api, Json, gid
from tests.support.graphs import T0, Graph
from tests.support.paging import (
    AREAS,
    COMMUNITIES,
    ISSUES,
    MEETINGS,
    ORGANIZATIONS,
    PEOPLE,
    PROJECTS,
    Listing,
    connection_query,
    walk_backward,
    walk_forward,
)

ORG_KINDS = ["REGIONAL_UNIT", "SCHOOL", "SERVICE_COMPANY", "REGIONAL_UNIT", "HOSPITAL"]
ORG_AREAS: list[str | None] = [
    "area/c1",
    "area/c2",
    "area/k1",
    "area/c5",
    "area/s2",
    "area/k2",
    "area/c7",
    None,
]
ROLES = [["OBSERVER"], ["STAFF", "RESIDENT"], ["COORDINATOR"], ["RESIDENT"], []]
STATES = ["RECEIVED", "DISPATCHED", "IN_PROGRESS", "RESOLVED", "CLOSED"]
CHANNELS = ["PHONE", "QR_CODE", "HOTLINE"]
ISSUE_CATEGORIES = ["cat/leak", "cat/water", "cat/heat", "cat/root"]
ISSUE_AREAS = ["area/c1", "area/k1", "area/c2", "area/c5", "area/k2", "area/s1"]
ISSUE_TITLES = ["漏水", "供暖", "噪音"]
PROJECT_KINDS = ["LIVELIHOOD", "RELOCATION", "RENOVATION"]
PROJECT_STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED", "COMPLETED"]
MEETING_KINDS = ["JOINT", "COORDINATION", "JOINT"]


@dataclass
class Facts:
    """The shared graph, and the facts each filter is checked against."""

    graph: Graph
    org_area: dict[str, str] = field(default_factory=dict)
    person_org: dict[str, str] = field(default_factory=dict)
    issue_category: dict[str, str] = field(default_factory=dict)
    issue_area: dict[str, str] = field(default_factory=dict)
    issue_orgs: dict[str, set[str]] = field(default_factory=dict)

    def rows(self, label: Label) -> list[Json]:
        """Rows of one label; areas include the communities."""
        if label is Label.AREA:
            return [*self.graph.rows[Label.AREA], *self.graph.rows[Label.COMMUNITY]]
        return self.graph.rows[label]


@pytest.fixture(scope="module")
async def facts(shared_store: Neo4jStore) -> Facts:
    """Areas, organizations, people, categories, issues, projects and meetings, with ties."""
    graph = Graph.on(shared_store)
    facts = Facts(graph)
    await graph.nodes(
        Label.AREA,
        [
            {"key": "area/d", "name": "河区", "level": "DISTRICT"},
            {"key": "area/s1", "name": "东街道", "level": "STREET"},
            {"key": "area/s2", "name": "西街道", "level": "STREET"},
            {"key": "area/k1", "name": "一号大院", "level": "COMPOUND"},
            {"key": "area/k2", "name": "二号大院", "level": "COMPOUND"},
        ],
    )
    names = ["瑞景小区", "安居小区", "瑞景小区", "幸福小区", "安居小区", "和平小区", "瑞丰小区"]
    await graph.nodes(
        Label.COMMUNITY,
        [
            {"key": f"area/c{i}", "name": name, "level": "COMMUNITY"}
            for i, name in enumerate(names, start=1)
        ],
    )
    tree = [("area/s1", "area/d"), ("area/s2", "area/d"), ("area/k1", "area/c1")]
    tree += [(f"area/c{i}", "area/s1" if i <= 4 else "area/s2") for i in range(1, 8)]
    tree += [("area/k2", "area/c5")]
    await graph.links(Rel.PART_OF, Label.AREA, Label.AREA, tree)

    orgs: list[Json] = [
        {"key": f"org/{i:02}", "name": f"{'甲乙'[i % 2]}单位{i % 7}", "kind": ORG_KINDS[i % 5]}
        for i in range(25)
    ]
    await graph.nodes(Label.ORGANIZATION, orgs)
    for i, org in enumerate(orgs):
        area = ORG_AREAS[i % len(ORG_AREAS)]
        if area is not None:
            facts.org_area[org["key"]] = area
    await graph.links(Rel.LOCATED_IN, Label.ORGANIZATION, Label.AREA, list(facts.org_area.items()))

    people: list[Json] = [
        {"key": f"person/{i:02}", "name": f"{'张李'[i % 2]}{i % 4}", "roles": ROLES[i % 5]}
        for i in range(13)
    ]
    await graph.nodes(Label.PERSON, people)
    facts.person_org = {p["key"]: f"org/{i % 3:02}" for i, p in enumerate(people) if i % 4}
    await graph.links(
        Rel.MEMBER_OF, Label.PERSON, Label.ORGANIZATION, list(facts.person_org.items())
    )

    await graph.nodes(
        Label.CATEGORY,
        [
            {"key": "cat/root", "name": "全部"},
            {"key": "cat/water", "name": "供水"},
            {"key": "cat/leak", "name": "漏水"},
            {"key": "cat/heat", "name": "供暖"},
        ],
    )
    await graph.links(
        Rel.PART_OF,
        Label.CATEGORY,
        Label.CATEGORY,
        [("cat/water", "cat/root"), ("cat/leak", "cat/water"), ("cat/heat", "cat/root")],
    )

    issues: list[Json] = [
        {
            "key": f"issue/{i:02}",
            "title": f"{ISSUE_TITLES[i % 3]}{i}",
            "state": STATES[i % 5],
            "channel": CHANNELS[i % 3],
            # Pairs share an instant, so the key must break the tie.
            "reportedAt": T0 + dt.timedelta(hours=3 * (i // 2)),
        }
        for i in range(31)
    ]
    await graph.nodes(Label.ISSUE, issues)
    for i, issue in enumerate(issues):
        facts.issue_category[issue["key"]] = ISSUE_CATEGORIES[i % 4]
        facts.issue_area[issue["key"]] = ISSUE_AREAS[i % 6]
        facts.issue_orgs[issue["key"]] = {f"org/{i % 4:02}"} if i % 3 else set()
    await graph.links(
        Rel.IN_CATEGORY, Label.ISSUE, Label.CATEGORY, list(facts.issue_category.items())
    )
    await graph.links(Rel.LOCATED_IN, Label.ISSUE, Label.AREA, list(facts.issue_area.items()))
    assigned = [(i, org) for i, orgs_ in facts.issue_orgs.items() for org in orgs_]
    await graph.links(Rel.ASSIGNED_TO, Label.ISSUE, Label.ORGANIZATION, assigned, role="LEAD")

    await graph.nodes(
        Label.PROJECT,
        [
            {
                "key": f"project/{i:02}",
                "name": f"{'民生搬迁'[i % 4]}项目{i % 5}",
                "kind": PROJECT_KINDS[i % 3],
                "status": PROJECT_STATUSES[i % 4],
                "startDate": dt.date(2023, 1, 1) + dt.timedelta(days=30 * (i // 2)),
            }
            for i in range(12)
        ],
    )
    await graph.nodes(
        Label.MEETING,
        [
            {
                "key": f"meeting/{i:02}",
                "title": f"{'联席协调'[i % 2 * 2 : i % 2 * 2 + 2]}会{i}",
                "kind": MEETING_KINDS[i % 3],
                "heldOn": dt.date(2024, 1, 1) + dt.timedelta(days=7 * (i // 3)),
            }
            for i in range(11)
        ],
    )
    return facts


LABELS = {
    "organizations": Label.ORGANIZATION,
    "people": Label.PERSON,
    "communities": Label.COMMUNITY,
    "areas": Label.AREA,
    "issues": Label.ISSUE,
    "projects": Label.PROJECT,
    "meetings": Label.MEETING,
}

DEFAULT_ORDER = {"issues": ("reportedAt", False), "meetings": ("heldOn", True)}

SORT_FIELDS = {"KEY": "key", "NAME": "name", "REPORTED_AT": "reportedAt"}
SORT_FIELDS |= {"START_DATE": "startDate", "HELD_ON": "heldOn"}

Predicate = Callable[[Facts, Json], bool]


def expected_ids(
    facts: Facts,
    listing: Listing,
    order_by: Json | None = None,
    keep: Predicate = lambda facts, row: True,
) -> list[str]:
    """The IDs a connection must list: filtered in Python, sorted by (property, key)."""
    sort, ascending = DEFAULT_ORDER.get(listing.field, ("key", True))
    if order_by is not None:
        sort = SORT_FIELDS[order_by["field"]]
        ascending = order_by["direction"] == "ASC"
    rows = [row for row in facts.rows(LABELS[listing.field]) if keep(facts, row)]
    rows.sort(key=lambda row: (row[sort], row["key"]), reverse=not ascending)
    return [gid(listing.node_type, row["key"]) for row in rows]


def _at(hours: int) -> str:
    return (T0 + dt.timedelta(hours=hours)).isoformat()


# (listing, filter, which rows pass it)
FILTERED: list[tuple[Listing, Json, Predicate]] = [
    (
        ORGANIZATIONS,
        {"kinds": ["REGIONAL_UNIT", "HOSPITAL"]},
        lambda f, r: r["kind"] in {"REGIONAL_UNIT", "HOSPITAL"},
    ),
    (ORGANIZATIONS, {"namePrefix": "甲单位"}, lambda f, r: r["name"].startswith("甲单位")),
    # In community 1 or its compound, through LOCATED_IN then PART_OF.
    (
        ORGANIZATIONS,
        {"area": gid("Area", "area/c1")},
        lambda f, r: f.org_area.get(r["key"]) in {"area/c1", "area/k1"},
    ),
    # The whole street s2: the street itself, its communities and compound k2.
    (
        ORGANIZATIONS,
        {"area": gid("Area", "area/s2"), "kinds": ["REGIONAL_UNIT"]},
        lambda f, r: (
            f.org_area.get(r["key"], "") in f.graph.below("area/s2", inclusive=True)
            and r["kind"] == "REGIONAL_UNIT"
        ),
    ),
    (ORGANIZATIONS, {"namePrefix": "无此"}, lambda f, r: False),
    (PEOPLE, {"roles": ["RESIDENT"]}, lambda f, r: "RESIDENT" in r["roles"]),
    (
        PEOPLE,
        {"organization": gid("Organization", "org/01"), "namePrefix": "张"},
        lambda f, r: f.person_org.get(r["key"]) == "org/01" and r["name"].startswith("张"),
    ),
    (COMMUNITIES, {"namePrefix": "瑞"}, lambda f, r: r["name"].startswith("瑞")),
    (
        COMMUNITIES,
        {"within": gid("Area", "area/s2")},
        lambda f, r: r["key"] in f.graph.below("area/s2", inclusive=False),
    ),
    (AREAS, {"levels": ["STREET", "COMPOUND"]}, lambda f, r: r["level"] in {"STREET", "COMPOUND"}),
    # Below the district: everything but the district itself.
    (AREAS, {"within": gid("Area", "area/d")}, lambda f, r: r["key"] != "area/d"),
    (ISSUES, {"states": ["RECEIVED", "CLOSED"]}, lambda f, r: r["state"] in {"RECEIVED", "CLOSED"}),
    (ISSUES, {"channels": ["HOTLINE"]}, lambda f, r: r["channel"] == "HOTLINE"),
    (
        ISSUES,
        {"reportedFrom": _at(12), "reportedTo": _at(30)},
        lambda f, r: T0 + dt.timedelta(hours=12) <= r["reportedAt"] < T0 + dt.timedelta(hours=30),
    ),
    (ISSUES, {"titlePrefix": "漏水"}, lambda f, r: r["title"].startswith("漏水")),
    # The water subtree holds water and leak, not heat or the root.
    (
        ISSUES,
        {"category": gid("Category", "cat/water")},
        lambda f, r: f.issue_category[r["key"]] in {"cat/water", "cat/leak"},
    ),
    (
        ISSUES,
        {"category": gid("Category", "cat/root"), "states": ["DISPATCHED"]},
        lambda f, r: r["state"] == "DISPATCHED",
    ),
    (
        ISSUES,
        {"area": gid("Area", "area/c1")},
        lambda f, r: f.issue_area[r["key"]] in {"area/c1", "area/k1"},
    ),
    (
        ISSUES,
        {"area": gid("Area", "area/s1"), "channels": ["PHONE", "QR_CODE"]},
        lambda f, r: (
            f.issue_area[r["key"]] in f.graph.below("area/s1", inclusive=True)
            and r["channel"] in {"PHONE", "QR_CODE"}
        ),
    ),
    (
        ISSUES,
        {"organization": gid("Organization", "org/02")},
        lambda f, r: "org/02" in f.issue_orgs[r["key"]],
    ),
    (PROJECTS, {"kinds": ["RELOCATION"]}, lambda f, r: r["kind"] == "RELOCATION"),
    (
        PROJECTS,
        {"statuses": ["COMPLETED"], "namePrefix": "搬"},
        lambda f, r: r["status"] == "COMPLETED" and r["name"].startswith("搬"),
    ),
    (
        PROJECTS,
        {"startedFrom": "2023-03-02", "startedTo": "2023-06-01"},
        lambda f, r: dt.date(2023, 3, 2) <= r["startDate"] < dt.date(2023, 6, 1),
    ),
    (MEETINGS, {"kinds": ["JOINT"]}, lambda f, r: r["kind"] == "JOINT"),
    (
        MEETINGS,
        {"heldFrom": "2024-01-08", "heldTo": "2024-01-22", "titlePrefix": "联席"},
        lambda f, r: (
            dt.date(2024, 1, 8) <= r["heldOn"] < dt.date(2024, 1, 22)
            and r["title"].startswith("联席")
        ),
    ),
]

ORDERS: list[tuple[Listing, str]] = [
    (ORGANIZATIONS, "KEY"),
    (ORGANIZATIONS, "NAME"),
    (PEOPLE, "NAME"),
    (COMMUNITIES, "NAME"),
    (AREAS, "NAME"),
    (ISSUES, "REPORTED_AT"),
    (ISSUES, "KEY"),
    (PROJECTS, "NAME"),
    (PROJECTS, "START_DATE"),
    (MEETINGS, "HELD_ON"),
    (MEETINGS, "KEY"),
]

ALL = [ORGANIZATIONS, PEOPLE, COMMUNITIES, AREAS, ISSUES, PROJECTS, MEETINGS]


@pytest.mark.parametrize("listing", ALL, ids=lambda listing: listing.field)
@pytest.mark.parametrize("size", [3, 100])
async def test_default_order_pages_both_ways(
    api: Api, facts: Facts, listing: Listing, size: int
) -> None:
    expected = expected_ids(facts, listing)
    assert len(expected) >= 7
    forward = walk_forward(api, listing, size=size, expected=expected)
    backward = walk_backward(api, listing, size=size, expected=expected)
    assert sum(len(page) for page in forward) == len(expected) == len(set(expected))
    assert sum(len(page) for page in backward) == len(expected)


async def test_pages_of_one_row(api: Api, facts: Facts) -> None:
    expected = expected_ids(facts, MEETINGS)
    walk_forward(api, MEETINGS, size=1, expected=expected)
    walk_backward(api, MEETINGS, size=1, expected=expected)


@pytest.mark.parametrize(
    ("listing", "filter", "keep"),
    FILTERED,
    ids=[f"{listing.field}-{'-'.join(filter)}" for listing, filter, _ in FILTERED],
)
async def test_filters_page_and_count(
    api: Api, facts: Facts, listing: Listing, filter: Json, keep: Predicate
) -> None:
    expected = expected_ids(facts, listing, keep=keep)
    everything = expected_ids(facts, listing)
    # A filter worth testing keeps some rows and drops others (or, once, keeps none).
    assert len(expected) < len(everything)
    walk_forward(api, listing, size=3, expected=expected, filter=filter)
    walk_backward(api, listing, size=4, expected=expected, filter=filter)


@pytest.mark.parametrize(
    ("listing", "sort"), ORDERS, ids=[f"{listing.field}-{sort}" for listing, sort in ORDERS]
)
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_orders_page_both_ways(
    api: Api, facts: Facts, listing: Listing, sort: str, direction: str
) -> None:
    order_by = {"field": sort, "direction": direction}
    expected = expected_ids(facts, listing, order_by)
    walk_forward(api, listing, size=4, expected=expected, order_by=order_by)
    walk_backward(api, listing, size=6, expected=expected, order_by=order_by)


async def test_filter_and_order_together(api: Api, facts: Facts) -> None:
    order_by = {"field": "REPORTED_AT", "direction": "ASC"}
    filter = {"states": ["RESOLVED", "IN_PROGRESS"], "area": gid("Area", "area/s2")}
    below = facts.graph.below("area/s2", inclusive=True)

    def keep(f: Facts, r: Json) -> bool:
        return r["state"] in {"RESOLVED", "IN_PROGRESS"} and f.issue_area[r["key"]] in below

    expected = expected_ids(facts, ISSUES, order_by, keep)
    assert len(expected) > 2
    walk_forward(api, ISSUES, size=2, expected=expected, filter=filter, order_by=order_by)
    walk_backward(api, ISSUES, size=2, expected=expected, filter=filter, order_by=order_by)


async def test_empty_list_filters_nothing(api: Api, facts: Facts) -> None:
    # An empty list means "no filter", not "match nothing".
    expected = expected_ids(facts, ORGANIZATIONS)
    walk_forward(api, ORGANIZATIONS, size=100, expected=expected, filter={"kinds": []})


async def test_first_page_of_a_long_list(api: Api, facts: Facts) -> None:
    data = api.data(connection_query(ORGANIZATIONS, backward=False), {"first": 5})["list"]
    info = data["pageInfo"]
    assert data["totalCount"] == 25
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (True, False)
    assert [edge["node"]["id"] for edge in data["edges"]] == [
        gid("Organization", f"org/{i:02}") for i in range(5)
    ]


async def test_default_page_size_applies(api: Api, facts: Facts) -> None:
    data = api.data("{ organizations { edges { node { id } } pageInfo { hasNextPage } } }")
    assert len(data["organizations"]["edges"]) == 20
    assert data["organizations"]["pageInfo"]["hasNextPage"] is True


async def test_after_a_cursor_of_the_last_row_is_empty(api: Api, facts: Facts) -> None:
    query = connection_query(MEETINGS, backward=False)
    last = api.data(query, {"first": 100})["list"]["pageInfo"]["endCursor"]
    after = api.data(query, {"first": 3, "after": last})["list"]
    assert after["edges"] == []
    assert after["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "startCursor": None,
        "endCursor": None,
    }


async def test_total_count_is_asked_for_in_a_fragment(api: Api, facts: Facts) -> None:
    query = """
    { communities(first: 1) { ...Counted }
      areas(first: 1) { ... on AreaConnection { totalCount } } }
    fragment Counted on AreaConnection { totalCount }
    """
    data = api.data(query)
    assert data["communities"]["totalCount"] == 7
    assert data["areas"]["totalCount"] == 12


async def test_nodes_shortcut_matches_edges(api: Api, facts: Facts) -> None:
    data = api.data("{ people(first: 6) { nodes { id name } edges { node { id name } } } }")
    people = data["people"]
    assert people["nodes"] == [edge["node"] for edge in people["edges"]]
    assert len(people["nodes"]) == 6


async def test_fields_are_the_stored_properties(api: Api, facts: Facts) -> None:
    query = """{ issues(first: 1, orderBy: {field: KEY, direction: ASC}) {
        edges { node { title state channel reportedAt } } } }"""
    [edge] = api.data(query)["issues"]["edges"]
    assert edge["node"] == {
        "title": "漏水0",
        "state": "RECEIVED",
        "channel": "PHONE",
        # Stored, and so shown, in the configured zone: the same instant at its offset.
        "reportedAt": stamp(T0),
    }


def _bounded_query(listing: Listing) -> str:
    return (
        f"query Bounded($first: Int, $last: Int, $after: String, $before: String,"
        f" $orderBy: {listing.order_type}) {{ list: {listing.field}(first: $first, last: $last,"
        f" after: $after, before: $before, orderBy: $orderBy) {{"
        f" edges {{ cursor node {{ id }} }} pageInfo {{ hasNextPage hasPreviousPage }} }} }}"
    )


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize(
    ("listing", "sort"), ORDERS, ids=[f"{listing.field}-{sort}" for listing, sort in ORDERS]
)
async def test_after_and_before_together_page_between_them(
    api: Api, facts: Facts, listing: Listing, sort: str, direction: str
) -> None:
    order_by = {"field": sort, "direction": direction}
    expected = expected_ids(facts, listing, order_by)
    query = _bounded_query(listing)

    def page(**variables: object) -> tuple[list[str], tuple[bool, bool]]:
        connection = api.data(query, {"orderBy": order_by, **variables})["list"]
        info = connection["pageInfo"]
        ids = [edge["node"]["id"] for edge in connection["edges"]]
        return ids, (info["hasNextPage"], info["hasPreviousPage"])

    everything = api.data(query, {"orderBy": order_by, "first": 100})["list"]["edges"]
    assert [edge["node"]["id"] for edge in everything] == expected
    cursors = [edge["cursor"] for edge in everything]
    low, high = 1, len(expected) - 2
    between = expected[low + 1 : high]
    bounds = {"after": cursors[low], "before": cursors[high]}
    assert page(**bounds) == (between[:20], (len(between) > 20, True))
    assert page(first=2, **bounds) == (between[:2], (True, True))
    assert page(first=100, **bounds) == (between, (False, True))
    assert page(last=2, **bounds) == (between[-2:], (True, True))
    assert page(last=100, **bounds) == (between, (True, False))
    # One cursor paired with the other end's size: the spec's algorithm, as above.
    assert page(first=2, before=cursors[high])[0] == expected[:2]
    assert page(last=2, after=cursors[low])[0] == expected[-2:]
    # Cursors that leave nothing between them give an empty page, not an error.
    assert page(after=cursors[high], before=cursors[low])[0] == []
