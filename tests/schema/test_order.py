"""Several sort keys: Neo4j's own order both ways, stable under inserts; page jumps; refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.graphql import Api, Json, client_for, key_of, post, run
from tests.support.graphs import T0
from tests.support.paging import ISSUES, connection_query

Sorts = list[tuple[str, str]]

# Field name in the schema's sort enum for each stored property.
ENUM = {
    "state": "STATE",
    "satisfaction": "SATISFACTION",
    "resolvedAt": "RESOLVED_AT",
    "reportedAt": "REPORTED_AT",
    "key": "KEY",
}

ORDERS: list[Sorts] = [
    [("satisfaction", "ASC"), ("resolvedAt", "DESC")],
    [("satisfaction", "DESC"), ("resolvedAt", "ASC")],
    [("satisfaction", "ASC"), ("resolvedAt", "ASC")],
    [("satisfaction", "DESC"), ("resolvedAt", "DESC")],
    # An always-set, indexed leading key: the keyset test is a range on it.
    [("reportedAt", "ASC"), ("satisfaction", "DESC")],
    [("reportedAt", "DESC"), ("resolvedAt", "ASC")],
    [("state", "ASC"), ("reportedAt", "DESC"), ("satisfaction", "ASC")],
]
IDS = ["-".join(f"{name}.{way}" for name, way in sorts) for sorts in ORDERS]


def _issue(n: int, state: str, satisfaction: int | None, resolved: int | None) -> Json:
    row: Json = {
        "key": f"issue/o{n:03}",
        "title": f"问题{n}",
        "state": state,
        "channel": "PHONE",
        # Pairs share an instant, so later keys decide some ties.
        "reportedAt": T0 + dt.timedelta(hours=n // 2),
    }
    if satisfaction is not None:
        row["satisfaction"] = satisfaction
    if resolved is not None:
        row["resolvedAt"] = T0 + dt.timedelta(days=resolved)
    return row


def _issues(start: int, count: int) -> list[Json]:
    """Rows whose nullable values repeat and go missing in every combination."""
    states = ("RECEIVED", "CLOSED", "RESOLVED")
    return [
        _issue(n, states[n % 3], (None, 3, 5)[n % 3 - (n // 3) % 2], (None, 1, 2, None)[n % 4])
        for n in range(start, start + count)
    ]


async def _oracle(store: Neo4jStore, sorts: Sorts) -> list[str]:
    """Every issue key in the order Neo4j's own ORDER BY gives, the key last."""
    assert all(name in ENUM and way in ("ASC", "DESC") for name, way in sorts)
    listed = ", ".join(f"n.{name} {way}" for name, way in sorts)
    statement = f"MATCH (n:Issue) RETURN n.key AS key ORDER BY {listed}, n.key {sorts[-1][1]}"
    return [row["key"] for row in await store.query(statement)]


def _order_by(sorts: Sorts) -> list[Json]:
    return [{"field": ENUM[name], "direction": way} for name, way in sorts]


def _walk(api: Api, sorts: Sorts, *, backward: bool, size: int) -> list[str]:
    query = connection_query(ISSUES, backward=backward)
    size_arg, cursor_arg = ("last", "before") if backward else ("first", "after")
    more, end = ("hasPreviousPage", "startCursor") if backward else ("hasNextPage", "endCursor")
    seen: list[str] = []
    cursor = None
    for _ in range(50):
        variables = {size_arg: size, cursor_arg: cursor, "orderBy": _order_by(sorts)}
        connection = api.data(query, variables)["list"]
        keys = [key_of(edge["node"]["id"]) for edge in connection["edges"]]
        seen = keys + seen if backward else seen + keys
        if not connection["pageInfo"][more]:
            return seen
        cursor = connection["pageInfo"][end]
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("sorts", ORDERS, ids=IDS)
async def test_several_keys_page_both_ways_in_neo4js_own_order(
    store: Neo4jStore, api: Api, sorts: Sorts
) -> None:
    await store.upsert_nodes(Label.ISSUE, _issues(0, 17))
    expected = await _oracle(store, sorts)
    assert _walk(api, sorts, backward=False, size=3) == expected
    assert _walk(api, sorts, backward=True, size=4) == expected


@pytest.mark.parametrize("sorts", ORDERS, ids=IDS)
async def test_from_every_row_the_rest_follows_in_order(store: Neo4jStore, sorts: Sorts) -> None:
    rows = _issues(0, 15)
    await store.upsert_nodes(Label.ISSUE, rows)
    expected = await _oracle(store, sorts)
    by_key = {row["key"]: row for row in rows}
    names = [name for name, _ in sorts]
    order = (*[(name, way == "ASC") for name, way in sorts], ("key", sorts[-1][1] == "ASC"))
    for at, key in enumerate(expected):
        cursor = (tuple(by_key[key].get(name) for name in names), key)
        page, _ = await store.page(
            Label.ISSUE, order=order, limit=50, cursor=cursor, filters={}, with_total=False
        )
        assert [node["key"] for node in page] == expected[at + 1 :], key


@pytest.mark.parametrize("backward", [False, True], ids=["forward", "backward"])
async def test_reports_between_pages_neither_repeat_nor_shift_unseen_rows(
    store: Neo4jStore, api: Api, backward: bool
) -> None:
    sorts: Sorts = [("state", "ASC"), ("satisfaction", "DESC")]
    originals = _issues(0, 12)
    await store.upsert_nodes(Label.ISSUE, originals)
    query = connection_query(ISSUES, backward=backward)
    size_arg, cursor_arg = ("last", "before") if backward else ("first", "after")
    more, end = ("hasPreviousPage", "startCursor") if backward else ("hasNextPage", "endCursor")
    seen: list[str] = []
    still_to_come: set[str] = set()
    cursor = None
    for round_ in range(30):
        variables = {size_arg: 3, cursor_arg: cursor, "orderBy": _order_by(sorts)}
        connection = api.data(query, variables)["list"]
        keys = [key_of(edge["node"]["id"]) for edge in connection["edges"]]
        seen = keys + seen if backward else seen + keys
        if not connection["pageInfo"][more]:
            break
        cursor = connection["pageInfo"][end]
        # New rows in every state and satisfaction, so some land on each side of the cursor.
        inserted = _issues(100 + 6 * round_, 6)
        await store.upsert_nodes(Label.ISSUE, inserted)
        order = await _oracle(store, sorts)
        edge = order.index(keys[0] if backward else keys[-1])
        ahead = order[:edge] if backward else order[edge + 1 :]
        still_to_come |= {row["key"] for row in inserted} & set(ahead)
    else:
        pytest.fail("paging did not end")
    final = await _oracle(store, sorts)
    wanted = {row["key"] for row in originals} | still_to_come
    assert seen == [key for key in final if key in wanted]
    # Some inserts fell behind the cursor and were rightly not seen; some ahead, and were.
    assert still_to_come
    assert len(final) > len(seen)


async def test_an_offset_jumps_to_the_pages_cursors_reach(store: Neo4jStore, api: Api) -> None:
    await store.upsert_nodes(Label.ISSUE, _issues(0, 14))
    sorts: Sorts = [("state", "ASC"), ("resolvedAt", "DESC")]
    expected = await _oracle(store, sorts)
    query = """query($first: Int, $last: Int, $offset: Int, $orderBy: [IssueOrder!]) {
      issues(first: $first, last: $last, offset: $offset, orderBy: $orderBy) {
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }"""
    by_offset: list[str] = []
    for offset in range(0, 14, 4):
        page = api.data(query, {"first": 4, "offset": offset, "orderBy": _order_by(sorts)})
        info = page["issues"]["pageInfo"]
        assert (info["hasPreviousPage"], info["hasNextPage"]) == (offset > 0, offset + 4 < 14)
        by_offset += [key_of(edge["node"]["id"]) for edge in page["issues"]["edges"]]
    assert by_offset == expected == _walk(api, sorts, backward=False, size=4)
    # Paging back, the offset counts from the end.
    page = api.data(query, {"last": 4, "offset": 3, "orderBy": _order_by(sorts)})
    assert [key_of(edge["node"]["id"]) for edge in page["issues"]["edges"]] == expected[-7:-3]


async def test_a_single_order_object_is_a_one_key_list(store: Neo4jStore, api: Api) -> None:
    await store.upsert_nodes(Label.ISSUE, _issues(0, 5))
    literal = api.data(
        "{ issues(first: 9, orderBy: {field: KEY, direction: DESC}) { nodes { id } } }"
    )
    keys = [key_of(node["id"]) for node in literal["issues"]["nodes"]]
    assert keys == sorted(keys, reverse=True)
    query = "query($o: [IssueOrder!]) { issues(first: 9, orderBy: $o) { nodes { id } } }"
    variable = api.data(query, {"o": {"field": "KEY", "direction": "DESC"}})
    assert variable == literal


@pytest.mark.parametrize(
    ("arguments", "code", "says"),
    [
        (
            "orderBy: [{field: STATE}, {field: TITLE}, {field: CHANNEL}, {field: SATISFACTION}]",
            "BAD_USER_INPUT",
            "at most 3 sort keys",
        ),
        ("orderBy: [{field: STATE}, {field: STATE, direction: DESC}]", "BAD_USER_INPUT", "once"),
        ("offset: 10001", "LIMIT_EXCEEDED", "more than 10000"),
        ("offset: -1", "BAD_USER_INPUT", "negative"),
    ],
    ids=["too-many-keys", "repeated-key", "offset-too-deep", "negative-offset"],
)
async def test_refusals(api: Api, arguments: str, code: str, says: str) -> None:
    error = api.error(f"{{ issues(first: 2, {arguments}) {{ nodes {{ id }} }} }}")
    assert error["extensions"]["code"] == code
    assert says in error["message"]


async def test_a_cursor_serves_only_its_own_order(store: Neo4jStore, api: Api) -> None:
    await store.upsert_nodes(Label.ISSUE, _issues(0, 5))
    query = connection_query(ISSUES, backward=False)
    two = _order_by([("state", "ASC"), ("satisfaction", "DESC")])
    cursor = api.data(query, {"first": 2, "orderBy": two})["list"]["pageInfo"]["endCursor"]
    for other in (_order_by([("state", "ASC")]), _order_by([("satisfaction", "DESC")]), None):
        error = api.error(query, {"first": 2, "after": cursor, "orderBy": other})
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "ordered by state, satisfaction" in error["message"]
    # The direction is no part of a position: the same keys page on from it either way.
    flipped = _order_by([("state", "DESC"), ("satisfaction", "ASC")])
    assert api.data(query, {"first": 2, "after": cursor, "orderBy": flipped})["list"]
    offset_and_cursor = api.error(
        "query($a: String) { issues(first: 2, after: $a, offset: 2) { nodes { id } } }",
        {"a": cursor},
    )
    assert offset_and_cursor["extensions"]["code"] == "BAD_USER_INPUT"


# --- A masked name sorts as it is shown -------------------------------------------------------

PEOPLE = """query($after: String, $orderBy: [PersonOrder!]) {
  people(first: 2, after: $after, orderBy: $orderBy) {
    edges { node { id name } } pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
def observer(settings: Settings) -> Iterator[TestClient]:
    """An observer: every resident but itself is shown to it masked."""
    with client_for(settings, Role.OBSERVER, sub="person/obs") as client:
        yield client


def _people_walk(client: TestClient, order_by: list[Json]) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    after: Any = None
    for _ in range(20):
        found = run(client, PEOPLE, after=after, orderBy=order_by)["people"]
        seen += [(key_of(edge["node"]["id"]), edge["node"]["name"]) for edge in found["edges"]]
        if not found["pageInfo"]["hasNextPage"]:
            return seen
        after = found["pageInfo"]["endCursor"]
    raise AssertionError("paging did not end")


async def test_people_sort_by_the_name_the_reader_is_shown(
    store: Neo4jStore, api: Api, observer: TestClient
) -> None:
    resident = ["RESIDENT"]
    await store.upsert_nodes(
        Label.PERSON,
        [
            {"key": "person/obs", "name": "观察员", "roles": ["OBSERVER", "RESIDENT"]},
            # Whole, 王乙 sorts before 王甲; masked, both are 王* and the key decides (descending,
            # as the last sort key goes).
            {"key": "person/r1", "name": "王乙", "roles": resident, "title": "居民"},
            {"key": "person/r2", "name": "王甲", "roles": resident, "title": "居民"},
            {"key": "person/r3", "name": "王五一", "roles": resident},
            {"key": "person/s1", "name": "王二", "roles": ["STAFF"], "title": "干部"},
            {"key": "person/s2", "name": "李四", "roles": ["STAFF"]},
        ],
    )
    by_name = [{"field": "NAME"}, {"field": "TITLE", "direction": "DESC"}]
    # Paged two at a time, the masked reader's cursors compare the shown names only.
    assert _people_walk(observer, by_name) == [
        ("person/s2", "李四"),
        ("person/r2", "王*"),
        ("person/r1", "王*"),
        ("person/r3", "王**"),
        ("person/s1", "王二"),
        ("person/obs", "观察员"),
    ]
    whole = _people_walk(api.client, by_name)
    assert [key for key, _ in whole] == [
        "person/s2",
        "person/r1",
        "person/s1",
        "person/r3",
        "person/r2",
        "person/obs",
    ]


async def test_a_sort_no_index_provides_is_refused_beyond_the_scan_limit(
    store: Neo4jStore, settings: Settings
) -> None:
    await store.upsert_nodes(Label.ISSUE, _issues(0, 12))
    page = "{ issues(first: 2, orderBy: [%s]%s) { %s } }"
    by_satisfaction = "{field: SATISFACTION}"
    tight = settings.model_copy(update={"where_scan_limit": 10})
    with client_for(tight) as client:
        refused = post(client, page % (by_satisfaction, "", "nodes { id }"))
        answered = [
            post(client, page % ("{field: REPORTED_AT}, " + by_satisfaction, "", "nodes { id }")),
            post(client, page % (by_satisfaction, ", where: {state: {eq: CLOSED}}", "nodes {id}")),
            post(client, page % (by_satisfaction, "", "totalCount")),
        ]
    with client_for(tight, Role.COORDINATOR, sub="test-coordinator", org="org/unit") as coordinator:
        # A coordinator's page starts from its own organization's issues, not from every one.
        answered.append(post(coordinator, page % (by_satisfaction, "", "nodes { id }")))
    with client_for(settings) as client:
        answered.append(post(client, page % (by_satisfaction, "", "nodes { id }")))
    [error] = refused["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "LIMIT_EXCEEDED",
        "orderBy",
    )
    assert "all 12 Issue nodes by satisfaction" in error["message"]
    assert "reportedAt" in error["message"]
    assert [body.get("errors") for body in answered] == [None] * 5
