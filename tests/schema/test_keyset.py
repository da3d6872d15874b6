"""Keyset paging stays stable while issues are reported between pages."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Label
from graph.store import Neo4jStore
from tests.support.graphql import Api, Json, gid, key_of
from tests.support.graphs import T0
from tests.support.paging import ISSUES, MEETINGS, connection_query

SIZE = 4


def _issue(key: str, minutes: int) -> Json:
    return {
        "key": key,
        "title": key,
        "state": "RECEIVED",
        "channel": "PHONE",
        "reportedAt": T0 + dt.timedelta(minutes=minutes),
    }


def _sort_key(row: Json) -> tuple[dt.datetime, str]:
    return row["reportedAt"], row["key"]


def _in_list_order(rows: list[Json], ascending: bool) -> list[Json]:
    return sorted(rows, key=_sort_key, reverse=not ascending)


@pytest.mark.parametrize("ascending", [True, False], ids=["ASC", "DESC"])
@pytest.mark.parametrize("backward", [False, True], ids=["forward", "backward"])
async def test_reports_between_pages_neither_repeat_nor_skip_rows(
    store: Neo4jStore, api: Api, ascending: bool, backward: bool
) -> None:
    # Pairs of originals share an instant, so ties are broken by key throughout.
    originals = [_issue(f"issue/m{i:02}", 10 * (i // 2)) for i in range(14)]
    await store.upsert_nodes(Label.ISSUE, originals)
    rows = {row["key"]: row for row in originals}
    order_by = {"field": "REPORTED_AT", "direction": "ASC" if ascending else "DESC"}
    size_arg, cursor_arg, cursor_field = (
        ("last", "before", "startCursor") if backward else ("first", "after", "endCursor")
    )
    query = connection_query(ISSUES, backward=backward)

    def still_to_come(row: Json, cursor: Json) -> bool:
        # In list order, forward walks have yet to reach rows after the cursor; backward walks,
        # rows before it.
        after = (
            _sort_key(row) > _sort_key(cursor) if ascending else _sort_key(row) < _sort_key(cursor)
        )
        return after != backward

    pages: list[list[str]] = []
    expected_extra: list[Json] = []
    cursor: str | None = None
    for round_ in range(20):
        variables = {size_arg: SIZE, cursor_arg: cursor, "orderBy": order_by}
        connection = api.data(query, variables)["list"]
        keys = [key_of(edge["node"]["id"]) for edge in connection["edges"]]
        assert connection["totalCount"] == len(rows)
        pages.append(keys)
        if not connection["pageInfo"]["hasNextPage" if not backward else "hasPreviousPage"]:
            break
        cursor = connection["pageInfo"][cursor_field]
        edge_row = rows[keys[0] if backward else keys[-1]]
        # Report issues at both ends of the list and tied with the cursor row on both sides.
        at = edge_row["reportedAt"]
        minutes = int((at - T0).total_seconds() // 60)
        inserted = [
            _issue(f"issue/n{round_:02}-early", -1000 - round_),
            _issue(f"issue/n{round_:02}-late", 1000 + round_),
            _issue(f"{edge_row['key']}-tie-above", minutes),
            _issue(f"issue/a{round_:02}-tie-below", minutes),
        ]
        await store.upsert_nodes(Label.ISSUE, inserted)
        for row in inserted:
            rows[row["key"]] = row
            if still_to_come(row, edge_row):
                expected_extra.append(row)
    else:
        pytest.fail("paging did not end")

    seen = [key for page in (reversed(pages) if backward else pages) for key in page]
    expected = [row["key"] for row in _in_list_order([*originals, *expected_extra], ascending)]
    assert seen == expected
    assert len(seen) == len(set(seen))
    original_keys = {row["key"] for row in originals}
    assert [key for key in seen if key in original_keys] == [
        row["key"] for row in _in_list_order(originals, ascending)
    ]
    # Every round reported rows on both sides of the cursor: some were seen, some were not.
    assert expected_extra
    assert len(rows) - len(originals) > len(expected_extra)


async def test_cursor_of_another_order_is_refused(store: Neo4jStore, api: Api) -> None:
    await store.upsert_nodes(Label.ISSUE, [_issue(f"issue/k{i}", i) for i in range(3)])
    query = connection_query(ISSUES, backward=False)
    by_key = {"field": "KEY", "direction": "ASC"}
    cursor = api.data(query, {"first": 1, "orderBy": by_key})["list"]["pageInfo"]["endCursor"]
    error = api.error(query, {"first": 1, "after": cursor})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "ordered by key" in error["message"]
    # The same cursor pages on in its own order.
    page = api.data(query, {"first": 5, "after": cursor, "orderBy": by_key})["list"]
    assert [edge["node"]["id"] for edge in page["edges"]] == [
        gid("Issue", "issue/k1"),
        gid("Issue", "issue/k2"),
    ]


async def test_rows_without_the_sort_value_are_still_listed(store: Neo4jStore, api: Api) -> None:
    await store.upsert_nodes(
        Label.MEETING,
        [
            {"key": "meeting/1", "title": "一", "heldOn": dt.date(2024, 1, 1)},
            {"key": "meeting/2", "title": "二"},
            {"key": "meeting/3", "title": "三", "heldOn": dt.date(2024, 1, 3)},
            {"key": "meeting/4", "title": "四"},
        ],
    )
    # Neo4j sorts missing values last ascending and first descending; keys break ties.
    expected = {
        ("ASC", False): ["meeting/1", "meeting/3", "meeting/2", "meeting/4"],
        ("DESC", False): ["meeting/4", "meeting/2", "meeting/3", "meeting/1"],
        ("ASC", True): ["meeting/1", "meeting/3", "meeting/2", "meeting/4"],
        ("DESC", True): ["meeting/4", "meeting/2", "meeting/3", "meeting/1"],
    }
    for (direction, backward), order in expected.items():
        query = connection_query(MEETINGS, backward=backward)
        size, cursor_arg, more = (
            ("last", "before", "hasPreviousPage") if backward else ("first", "after", "hasNextPage")
        )
        order_by = {"field": "HELD_ON", "direction": direction}
        seen: list[str] = []
        cursor: str | None = None
        for _ in range(5):
            variables = {size: 1, cursor_arg: cursor, "orderBy": order_by}
            connection = api.data(query, variables)["list"]
            assert connection["totalCount"] == 4
            keys = [key_of(edge["node"]["id"]) for edge in connection["edges"]]
            seen = keys + seen if backward else seen + keys
            if not connection["pageInfo"][more]:
                break
            cursor = connection["pageInfo"]["startCursor" if backward else "endCursor"]
        assert seen == order, (direction, backward)
