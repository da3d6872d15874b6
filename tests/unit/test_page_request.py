"""Relay arguments checked into one page request, cursors that round-trip, pages trimmed."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest

from resolvers.errors import BadUserInput, LimitExceeded
from resolvers.paging import Cursor, PageRequest, page_from_rows

CURSOR = Cursor.one("name", "瑞景", "community/ruijing")


def _request(
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> PageRequest:
    return PageRequest.from_args(first, after, last, before, default=20, maximum=100)


@pytest.mark.parametrize(
    ("args", "forward", "size"),
    [
        ({}, True, 20),
        ({"first": 5}, True, 5),
        ({"first": 100}, True, 100),
        ({"last": 7}, False, 7),
        # `before` alone pages backwards with the default size.
        ({"before": CURSOR.encode()}, False, 20),
        ({"after": CURSOR.encode()}, True, 20),
    ],
)
def test_direction_and_size(args: dict[str, Any], forward: bool, size: int) -> None:
    request = _request(**args)
    assert (request.forward, request.size) == (forward, size)
    assert request.cursor == (CURSOR if "after" in args or "before" in args else None)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"first": 1, "last": 1}, "first"),
        ({"first": 0}, "first"),
        ({"first": -3}, "first"),
        ({"last": 0}, "last"),
        ({"after": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_arguments_name_the_offending_one(args: dict[str, Any], field: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        _request(**args)
    assert refused.value.code == "BAD_USER_INPUT"
    assert refused.value.details["field"] == field


@pytest.mark.parametrize(("args", "field"), [({"first": 101}, "first"), ({"last": 500}, "last")])
def test_a_page_over_the_maximum_is_a_limit(args: dict[str, Any], field: str) -> None:
    with pytest.raises(LimitExceeded) as refused:
        _request(**args)
    assert refused.value.details == {"field": field, "maximum": 100}


def test_a_default_over_the_maximum_is_a_limit_too() -> None:
    with pytest.raises(LimitExceeded):
        PageRequest.from_args(None, None, None, None, default=50, maximum=10)


@pytest.mark.parametrize(
    "value",
    [
        "医保",
        "",
        None,
        42,
        -1,
        2.5,
        True,
        dt.date(2024, 3, 1),
        dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    ],
    ids=lambda value: type(value).__name__,
)
def test_a_cursor_round_trips_with_its_value_type(value: object) -> None:
    cursor = Cursor.one("sort", value, "issue/1")
    text = cursor.encode()
    assert "=" not in text
    decoded = Cursor.decode(text)
    assert decoded == cursor
    assert type(decoded.values[0]) is type(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "%%%",
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(b'["s", "q", 1, "k"]').decode(),
        base64.urlsafe_b64encode(b'["s", "d", "not a date", "k"]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
    ids=["empty", "not-base64", "too-short", "unknown-kind", "bad-date", "not-utf8"],
)
def test_a_cursor_that_is_not_ours_is_bad_input(text: str) -> None:
    with pytest.raises(BadUserInput, match="invalid cursor") as refused:
        Cursor.decode(text)
    assert refused.value.details["field"] == "cursor"


def test_a_cursor_pages_only_the_order_it_was_made_for() -> None:
    assert CURSOR.position("name") == ("瑞景", "community/ruijing")
    with pytest.raises(BadUserInput, match="ordered by name, not reportedAt"):
        CURSOR.position("reportedAt")


def _cursor(row: int) -> Cursor:
    return Cursor.one("n", row, f"k{row}")


@pytest.mark.parametrize(
    ("request_", "rows", "items", "has_next", "has_previous"),
    [
        # One row more than the page was fetched: there is a next page.
        (PageRequest(True, 3, None), [1, 2, 3, 4], [1, 2, 3], True, False),
        (PageRequest(True, 3, None), [1, 2, 3], [1, 2, 3], False, False),
        (PageRequest(True, 3, _cursor(0)), [1, 2], [1, 2], False, True),
        # Backward pages are fetched in reverse and shown in list order.
        (PageRequest(False, 2, None), [9, 8, 7], [8, 9], False, True),
        (PageRequest(False, 2, _cursor(10)), [9, 8], [8, 9], True, False),
    ],
    ids=["forward-more", "forward-last", "forward-after", "backward-more", "backward-before"],
)
def test_a_page_is_trimmed_and_oriented(
    request_: PageRequest, rows: list[int], items: list[int], has_next: bool, has_previous: bool
) -> None:
    page = page_from_rows(rows, request_, _cursor, total=42)
    assert page.items == items
    assert (page.has_next, page.has_previous, page.total) == (has_next, has_previous, 42)
    assert [Cursor.decode(text) for text in page.cursors] == [_cursor(i) for i in items]


AFTER, BEFORE = Cursor.one("name", "甲", "k1"), Cursor.one("name", "癸", "k9")


@pytest.mark.parametrize(
    ("args", "forward", "size", "start", "stop"),
    [
        # The Relay spec applies both cursors, then `first` from the front or `last` from the back.
        ({"after": AFTER, "before": BEFORE}, True, 20, AFTER, BEFORE),
        ({"first": 2, "after": AFTER, "before": BEFORE}, True, 2, AFTER, BEFORE),
        ({"last": 2, "after": AFTER, "before": BEFORE}, False, 2, BEFORE, AFTER),
        ({"first": 2, "before": BEFORE}, True, 2, None, BEFORE),
        ({"last": 2, "after": AFTER}, False, 2, None, AFTER),
    ],
    ids=["both", "first-both", "last-both", "first-before", "last-after"],
)
def test_after_and_before_together_bound_the_page(
    args: dict[str, Any], forward: bool, size: int, start: Cursor | None, stop: Cursor
) -> None:
    given: dict[str, Any] = {
        name: value.encode() if isinstance(value, Cursor) else value for name, value in args.items()
    }
    request = _request(**given)
    assert (request.forward, request.size, request.cursor, request.stop) == (
        forward,
        size,
        start,
        stop,
    )


def _lettered(row: str) -> Cursor:
    return Cursor.one("name", row, f"k-{row}")


@pytest.mark.parametrize(
    ("request_", "ascending", "rows", "items", "has_next", "has_previous"),
    [
        # Forward from b, stopping before f: the rows at or past the stop are dropped.
        (
            PageRequest(True, 3, _lettered("b"), _lettered("f")),
            True,
            list("cdef"),
            list("cde"),
            False,
            True,
        ),
        (
            PageRequest(True, 2, _lettered("b"), _lettered("f")),
            True,
            list("cde"),
            list("cd"),
            True,
            True,
        ),
        # Backward from f down to b, fetched in reverse.
        (
            PageRequest(False, 5, _lettered("f"), _lettered("b")),
            True,
            list("edcba"),
            list("cde"),
            True,
            False,
        ),
        # A descending order fetches the other way round.
        (
            PageRequest(True, 5, _lettered("f"), _lettered("b")),
            False,
            list("edcba"),
            list("edc"),
            False,
            True,
        ),
        # A stop row that is gone still bounds the page by its position.
        (
            PageRequest(True, 5, None, Cursor.one("name", "cc", "k-cc")),
            True,
            list("abcd"),
            list("abc"),
            False,
            False,
        ),
    ],
    ids=["forward", "forward-more", "backward", "descending", "stop-row-gone"],
)
def test_a_page_stops_at_the_second_cursor(
    request_: PageRequest,
    ascending: bool,
    rows: list[str],
    items: list[str],
    has_next: bool,
    has_previous: bool,
) -> None:
    page = page_from_rows(rows, request_, _lettered, total=9, ascending=ascending)
    assert page.items == items
    assert (page.has_next, page.has_previous) == (has_next, has_previous)


def test_rows_without_a_sort_value_stand_last_ascending_and_first_descending() -> None:
    def cursor(row: tuple[int | None, str]) -> Cursor:
        return Cursor.one("n", row[0], row[1])

    rows: list[tuple[int | None, str]] = [(2, "a"), (3, "b"), (None, "c"), (None, "d")]
    stop = PageRequest(True, 9, None, Cursor.one("n", None, "d"))
    assert page_from_rows(rows, stop, cursor, None).items == rows[:3]
    descending = list(reversed(rows))
    stop = PageRequest(True, 9, None, Cursor.one("n", 2, "a"))
    assert page_from_rows(descending, stop, cursor, None, ascending=False).items == descending[:3]
