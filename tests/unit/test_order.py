"""Several sort keys: the domain order, its refusals, cursors over it and the stop test."""

from __future__ import annotations

import base64
import itertools
import json
from dataclasses import dataclass
from enum import Enum
from functools import cmp_to_key

import pytest

from graph.cypher.order import keyset, order_by
from graph.cypher.where import FIELDS, Kind
from graph.model import Label
from resolvers.browse import Order
from resolvers.errors import BadUserInput, LimitExceeded
from resolvers.paging import MAX_OFFSET, Cursor, PageRequest, page_from_rows, precedes
from schema.enums import OrderDirection
from schema.order import MAX_SORT_KEYS, SORT_FIELDS, order_of

Row = tuple[int | None, str | None, str]


@dataclass
class Key:
    """Stands in for a GraphQL order input."""

    field: Enum
    direction: OrderDirection = OrderDirection.ASC


def test_every_sortable_scalar_field_of_the_filter_catalog_is_a_sort_field() -> None:
    for label, enum in SORT_FIELDS.items():
        sortable = {name for name, prop in FIELDS[label].items() if prop.kind is not Kind.TAGS}
        assert {member.value for member in enum} == sortable, label


def test_the_key_ends_every_order_in_the_last_keys_direction() -> None:
    assert Order().keys == (("key", True),)
    assert Order("reportedAt", False).keys == (("reportedAt", False), ("key", False))
    order = Order("state", True, (("reportedAt", False),))
    assert order.keys == (("state", True), ("reportedAt", False), ("key", False))
    assert order.fields == ("state", "reportedAt")
    assert order.fetched(False) == (("state", False), ("reportedAt", True), ("key", True))
    # Keys after the key never decide anything.
    assert Order("key", False, (("name", True),)).keys == (("key", False),)


def test_order_by_lists_several_keys_and_refuses_too_many_or_repeated() -> None:
    issue = SORT_FIELDS[Label.ISSUE]
    default = Order("reportedAt", False)
    assert order_of(None, default) == default
    assert order_of([], default) == default
    keys = [Key(issue("state")), Key(issue("satisfaction"), OrderDirection.DESC)]
    asked = order_of(keys, default)
    assert asked == Order("state", True, (("satisfaction", False),), asked=True)
    # A default order is ours, not the client's: only an asked one is checked for its cost.
    assert not order_of(None, default).asked
    too_many = [Key(member) for member in list(issue)[: MAX_SORT_KEYS + 1]]
    with pytest.raises(BadUserInput, match="at most 3 sort keys"):
        order_of(too_many, default)
    with pytest.raises(BadUserInput, match="state more than once"):
        order_of([Key(issue("state")), Key(issue("state"), OrderDirection.DESC)], default)


def test_a_cursor_of_several_keys_round_trips_and_names_its_order() -> None:
    cursor = Cursor(("state", "satisfaction"), ("CLOSED", None), "issue/1")
    decoded = Cursor.decode(cursor.encode())
    assert decoded == cursor
    assert decoded.positions(("state", "satisfaction")) == (("CLOSED", None), "issue/1")
    with pytest.raises(BadUserInput, match="ordered by state, satisfaction, not state"):
        decoded.positions(("state",))


def test_a_one_key_cursor_of_the_first_version_is_still_read() -> None:
    raw = json.dumps(["heldOn", "d", "2024-03-01", "meeting/1"]).encode()
    text = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    cursor = Cursor.decode(text)
    assert cursor.fields == ("heldOn",)
    assert cursor.positions(("heldOn",))[1] == "meeting/1"
    by_key = base64.urlsafe_b64encode(json.dumps(["key", "s", "k", "k"]).encode()).decode()
    assert Cursor.decode(by_key).fields == ()


@pytest.mark.parametrize("text", ["WzIsWyJhIl0sW10sImsiXQ", "WzIsWzFdLFtbInMiLCJ4Il1dLCJrIl0"])
def test_a_cursor_whose_values_do_not_match_its_keys_is_refused(text: str) -> None:
    # [2, ["a"], [], "k"] and [2, [1], [["s", "x"]], "k"].
    with pytest.raises(BadUserInput):
        Cursor.decode(text)


def _neo4j_order(directions: tuple[bool, bool, bool]) -> list[Row]:
    """Every row of a small grid in Neo4j's order: missing values last ascending."""
    rows: list[Row] = [
        (a, b, key) for a, b, key in itertools.product((1, 2, None), ("x", "y", None), ("k1", "k2"))
    ]

    def compare(left: Row, right: Row) -> int:
        for value, other, ascending in zip(left, right, directions, strict=True):
            if value == other:
                continue
            # None sorts after every value ascending, so before every one descending.
            missing = value is None or other is None
            low = other is None if missing else value < other  # type: ignore[operator]
            return -1 if low == ascending else 1
        return 0

    return sorted(rows, key=cmp_to_key(compare))


@pytest.mark.parametrize("directions", list(itertools.product((True, False), repeat=3)))
def test_the_stop_test_follows_neo4js_order_on_several_keys(
    directions: tuple[bool, bool, bool],
) -> None:
    ordered = _neo4j_order(directions)
    cursors = [Cursor(("a", "b"), row[:2], row[2]) for row in ordered]
    for (i, row), (j, stop) in itertools.product(enumerate(cursors), repeat=2):
        assert precedes(row, stop, directions) is (i < j), (ordered[i], ordered[j])


def test_a_page_stops_short_of_the_second_cursor_on_several_keys() -> None:
    directions = (True, False, False)
    ordered = _neo4j_order(directions)

    def cursor_of(row: Row) -> Cursor:
        return Cursor(("a", "b"), row[:2], row[2])

    stop = cursor_of(ordered[7])
    forward = PageRequest(True, 20, cursor_of(ordered[2]), stop)
    page = page_from_rows(ordered[3:], forward, cursor_of, None, directions=directions)
    assert page.items == ordered[3:7]
    backward = PageRequest(False, 20, stop, cursor_of(ordered[2]))
    fetched = list(reversed(ordered[:7]))
    page = page_from_rows(fetched, backward, cursor_of, None, directions=directions)
    assert page.items == ordered[3:7]


def test_the_keyset_test_nests_keys_and_places_missing_values() -> None:
    order = (("satisfaction", True), ("resolvedAt", False), ("key", False))
    values = ["n.satisfaction", "n.resolvedAt"]
    assert order_by(values, order) == "n.satisfaction ASC, n.resolvedAt DESC, n.key DESC"
    assert keyset(Label.ISSUE, values, order, (True, True)) == (
        "(n.satisfaction > $cursor0 OR n.satisfaction IS NULL OR (n.satisfaction = $cursor0 AND"
        " (n.resolvedAt < $cursor1 OR (n.resolvedAt = $cursor1 AND n.key < $cursorKey))))"
    )
    # A missing ascending value has only missing values after it.
    assert keyset(Label.ISSUE, values, order, (False, False)) == (
        "(n.satisfaction IS NULL AND (n.resolvedAt IS NOT NULL OR (n.resolvedAt IS NULL AND"
        " n.key < $cursorKey)))"
    )
    # No cursor, nothing nullable to read in order: no test at all.
    assert keyset(Label.ISSUE, values, order, None) == ""


def test_an_always_set_leading_key_is_a_range_on_its_index() -> None:
    order = (("reportedAt", True), ("state", True), ("key", True))
    values = ["n.reportedAt", "n.state"]
    assert keyset(Label.ISSUE, values, order, None) == "n.reportedAt IS NOT NULL"
    assert keyset(Label.ISSUE, values, order, (True, True)).startswith(
        "n.reportedAt >= $cursor0 AND (n.reportedAt > $cursor0 OR "
    )
    # A nullable one ascending cannot be: missing values come after the cursor.
    nullable = (("resolvedAt", True), ("key", True))
    assert keyset(Label.ISSUE, ["n.resolvedAt"], nullable, (True,)).startswith("(n.resolvedAt >")


def test_an_offset_is_bounded_and_never_comes_with_a_cursor() -> None:
    request = PageRequest.from_args(5, None, None, None, default=20, maximum=100)
    assert request.skipping(40).offset == 40
    assert request.skipping(None) is request
    with pytest.raises(LimitExceeded) as refused:
        request.skipping(MAX_OFFSET + 1)
    assert refused.value.details == {"field": "offset", "maximum": MAX_OFFSET}
    with pytest.raises(BadUserInput):
        request.skipping(-1)
    after = PageRequest.from_args(
        5, Cursor.one("key", "k", "k").encode(), None, None, default=20, maximum=100
    )
    with pytest.raises(BadUserInput, match="does not combine"):
        after.skipping(20)
