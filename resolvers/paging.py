"""Keyset paging: Relay arguments, opaque cursors over (sort value, key), and pages."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Cursor:
    """A position in a sorted list: the sort property, its value and the key that breaks ties."""

    sort: str
    value: Any
    key: str

    def encode(self) -> str:
        """The opaque string clients pass back as `after`/`before`."""
        kind, value = _encode_value(self.value)
        raw = json.dumps(
            [self.sort, kind, value, self.key], ensure_ascii=False, separators=(",", ":")
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Parse a cursor string, or raise BadUserInput."""
        try:
            padded = text + "=" * (-len(text) % 4)
            sort, kind, value, key = json.loads(base64.urlsafe_b64decode(padded.encode()))
            decoded = None if value is None else _DECODERS[kind](value)
            return cls(str(sort), decoded, str(key))
        except (ValueError, KeyError, TypeError, binascii.Error) as error:
            raise BadUserInput(f"invalid cursor {text!r}", field="cursor") from error

    def position(self, sort: str) -> tuple[Any, str]:
        """The (value, key) pair to page from, if the cursor was made for this sort order."""
        if sort != self.sort:
            raise BadUserInput(
                f"this cursor belongs to a list ordered by {self.sort}, not {sort}",
                field="cursor",
            )
        return self.value, self.key


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
) -> Page[T]:
    """Trim the one extra row fetched to learn whether more exist, and orient the page.

    `ascending` is the list's own order; rows come fetched in `request`'s direction along it.
    A stop cursor drops the rows at or past it, so `more` counts only rows between the two.
    """
    if request.stop is not None:
        rows = _short_of(rows, request.stop, cursor_of, ascending == request.forward)
    more = len(rows) > request.size
    rows = rows[: request.size]
    if not request.forward:
        rows.reverse()
    cursors = [cursor_of(row).encode() for row in rows]
    if request.forward:
        return Page(
            rows, cursors, has_next=more, has_previous=request.cursor is not None, total=total
        )
    return Page(rows, cursors, has_next=request.cursor is not None, has_previous=more, total=total)


def _short_of(
    rows: list[T], stop: Cursor, cursor_of: Callable[[T], Cursor], ascending: bool
) -> list[T]:
    """The leading rows that come strictly before `stop` in the fetch order."""
    kept: list[T] = []
    for row in rows:
        # Through the cursor text, so the row's value has the type the stop cursor decoded to.
        made = Cursor.decode(cursor_of(row).encode())
        if not _precedes(made.position(made.sort), stop.position(made.sort), ascending):
            break
        kept.append(row)
    return kept


def _precedes(row: tuple[Any, str], stop: tuple[Any, str], ascending: bool) -> bool:
    """Neo4j's order: by value, missing values last ascending and first descending, then key."""
    (value, key), (bound, bound_key) = row, stop
    if (value is None) != (bound is None):
        return bound is None if ascending else value is None
    if value is not None and value != bound:
        return bool(value < bound) if ascending else bool(value > bound)
    return key < bound_key if ascending else key > bound_key
