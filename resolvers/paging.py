"""Keyset paging: Relay arguments, opaque cursors over (sort values, key), and pages."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from resolvers.errors import BadUserInput, LimitExceeded

T = TypeVar("T")

_DECODERS: dict[str, Callable[[Any], Any]] = {
    "s": lambda v: v,
    "i": int,
    "f": float,
    "d": dt.date.fromisoformat,
    "t": dt.datetime.fromisoformat,
}


# Version 2 cursors hold every sort key; a version 1 cursor (one sort key) is still read.
_VERSION = 2
# Deepest a page jump goes: every skipped row is still read, so the cost grows with it.
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class Cursor:
    """A position in a sorted list: the sort keys, the row's values of them, and its key.

    The key breaks ties and is no sort key here: a list ordered by key alone has none.
    """

    fields: tuple[str, ...]
    values: tuple[Any, ...]
    key: str

    @classmethod
    def one(cls, sort: str, value: Any, key: str) -> Cursor:
        """The cursor of a list with one sort key (or ordered by key alone)."""
        return cls((), (), key) if sort == "key" else cls((sort,), (value,), key)

    def encode(self) -> str:
        """The opaque string clients pass back as `after`/`before`."""
        values = [list(_encode_value(value)) for value in self.values]
        raw = json.dumps(
            [_VERSION, list(self.fields), values, self.key],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Parse a cursor string, or raise BadUserInput."""
        try:
            padded = text + "=" * (-len(text) % 4)
            raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
            if raw[0] == _VERSION:
                _, fields, values, key = raw
                if len(fields) != len(values) or not all(isinstance(f, str) for f in fields):
                    raise ValueError("one value per sort key")
                decoded = tuple(_decoded_value(kind, value) for kind, value in values)
                return cls(tuple(fields), decoded, str(key))
            # Version 1: [sort, kind, value, key].
            sort, kind, value, key = raw
            return cls.one(str(sort), _decoded_value(kind, value), str(key))
        except (ValueError, KeyError, TypeError, IndexError, binascii.Error) as error:
            raise BadUserInput(f"invalid cursor {text!r}", field="cursor") from error

    def positions(self, fields: tuple[str, ...]) -> tuple[tuple[Any, ...], str]:
        """The values and key to page from, if the cursor was made for this order."""
        if fields != self.fields:
            raise BadUserInput(
                f"this cursor belongs to a list ordered by {_spelled(self.fields)},"
                f" not {_spelled(fields)}",
                field="cursor",
            )
        return self.values, self.key

    def position(self, sort: str) -> tuple[Any, str]:
        """The (value, key) pair to page from, if the cursor was made for this one sort key."""
        fields = () if sort == "key" else (sort,)
        values, key = self.positions(fields)
        return (values[0] if values else key), key


def _spelled(fields: tuple[str, ...]) -> str:
    return ", ".join(fields) or "key"


def _decoded_value(kind: str, value: Any) -> Any:
    return None if value is None else _DECODERS[kind](value)


def _encode_value(value: Any) -> tuple[str, Any]:
    if isinstance(value, dt.datetime):
        return "t", value.isoformat()
    if isinstance(value, dt.date):
        return "d", value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return "s", value
    if isinstance(value, int):
        return "i", value
    if isinstance(value, float):
        return "f", value
    return "s", str(value)


@dataclass(frozen=True)
class PageRequest:
    """Validated Relay arguments: which way, how many, from where, and where to stop."""

    forward: bool
    size: int
    cursor: Cursor | None
    # The other cursor (`before` going forward, `after` going back): the page ends short of it.
    stop: Cursor | None = None
    # Rows skipped before the page, a table's page jump; only without cursors.
    offset: int = 0

    @classmethod
    def from_args(
        cls,
        first: int | None,
        after: str | None,
        last: int | None,
        before: str | None,
        *,
        default: int,
        maximum: int,
    ) -> PageRequest:
        """Check the four Relay arguments and turn them into one request.

        As the Relay connection spec's ApplyCursorsToEdges: both cursors bound the list, then
        `first` counts from the front of what is left, or `last` from its back.
        """
        if first is not None and last is not None:
            raise BadUserInput("pass either `first` or `last`, not both", field="first")
        # `before` alone pages backwards, as it always has; `last` always does.
        forward = last is None and (before is None or after is not None or first is not None)
        requested = first if forward else last
        name = "first" if forward else "last"
        if requested is not None and requested < 1:
            raise BadUserInput(f"`{name}` must be at least 1", field=name)
        size = requested or default
        if size > maximum:
            raise LimitExceeded(
                f"`{name}` is {size}, more than the maximum page size {maximum}",
                field=name,
                maximum=maximum,
            )
        start, stop = (after, before) if forward else (before, after)
        return cls(forward, size, _decoded(start), _decoded(stop))

    def skipping(self, offset: int | None) -> PageRequest:
        """This request jumping `offset` rows into the list (from its end when paging back)."""
        if offset is None or offset == 0:
            return self
        if self.cursor is not None or self.stop is not None:
            raise BadUserInput(
                "`offset` jumps to a page by position; it does not combine with `after` or"
                " `before`",
                field="offset",
            )
        if offset < 0:
            raise BadUserInput("`offset` must not be negative", field="offset")
        if offset > MAX_OFFSET:
            raise LimitExceeded(
                f"`offset` is {offset}, more than {MAX_OFFSET}: every skipped row is read, so"
                " page on with the `after` cursor instead",
                field="offset",
                maximum=MAX_OFFSET,
            )
        return replace(self, offset=offset)


def _decoded(text: str | None) -> Cursor | None:
    return Cursor.decode(text) if text is not None else None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of items in display order, with their cursors."""

    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    total: int | None


def page_from_rows(
    rows: list[T],
    request: PageRequest,
    cursor_of: Callable[[T], Cursor],
    total: int | None,
    *,
    ascending: bool = True,
    directions: Sequence[bool] = (),
) -> Page[T]:
    """Trim the one extra row fetched to learn whether more exist, and orient the page.

    `directions` are the list's own order, one per sort key and then the key's (by default
    `ascending` throughout); rows come fetched in `request`'s direction along it. A stop
    cursor drops the rows at or past it, so `more` counts only rows between the two.
    """
    if request.stop is not None:
        listed = tuple(directions) or (ascending,) * (len(request.stop.fields) + 1)
        fetched = tuple(way == request.forward for way in listed)
        rows = _short_of(rows, request.stop, cursor_of, fetched)
    more = len(rows) > request.size
    rows = rows[: request.size]
    if not request.forward:
        rows.reverse()
    cursors = [cursor_of(row).encode() for row in rows]
    # Rows lie behind the page when it starts past a cursor or jumps past the first rows.
    behind = request.cursor is not None or request.offset > 0
    if request.forward:
        return Page(rows, cursors, has_next=more, has_previous=behind, total=total)
    return Page(rows, cursors, has_next=behind, has_previous=more, total=total)


def _short_of(
    rows: list[T], stop: Cursor, cursor_of: Callable[[T], Cursor], directions: tuple[bool, ...]
) -> list[T]:
    """The leading rows that come strictly before `stop` in the fetch order."""
    kept: list[T] = []
    for row in rows:
        # Through the cursor text, so the row's values have the types the stop cursor decoded to.
        made = Cursor.decode(cursor_of(row).encode())
        stop.positions(made.fields)
        if not precedes(made, stop, directions):
            break
        kept.append(row)
    return kept


def precedes(row: Cursor, stop: Cursor, directions: Sequence[bool]) -> bool:
    """Whether `row` comes before `stop` in Neo4j's order along `directions` (keys, then key)."""
    # Key by key: by value, missing values last ascending and first descending; then the key.
    for value, bound, ascending in zip(row.values, stop.values, directions, strict=False):
        if (value is None) != (bound is None):
            return bound is None if ascending else value is None
        if value is not None and value != bound:
            return bool(value < bound) if ascending else bool(value > bound)
    key_ascending = directions[len(row.values)]
    return row.key < stop.key if key_ascending else row.key > stop.key
