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
    """Validated Relay arguments: which way, how many, from where."""

    forward: bool
    size: int
    cursor: Cursor | None

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
        """Check the four Relay arguments and turn them into one request."""
        if first is not None and last is not None:
            raise BadUserInput("pass either `first` or `last`, not both", field="first")
        if after is not None and before is not None:
            raise BadUserInput("pass either `after` or `before`, not both", field="after")
        if last is not None and after is not None:
            raise BadUserInput("`last` pages backwards: pair it with `before`", field="after")
        if first is not None and before is not None:
            raise BadUserInput("`first` pages forwards: pair it with `after`", field="before")
        forward = last is None and before is None
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
        text = after if forward else before
        return cls(forward, size, Cursor.decode(text) if text is not None else None)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of items in display order, with their cursors."""

    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    total: int | None


def page_from_rows(
    rows: list[T], request: PageRequest, cursor_of: Callable[[T], Cursor], total: int | None
) -> Page[T]:
    """Trim the one extra row fetched to learn whether more exist, and orient the page."""
    more = len(rows) > request.size
    rows = rows[: request.size]
    if not request.forward:
        rows.reverse()
    cursors = [cursor_of(row).encode() for row in rows]
    if request.forward:
        return Page(rows, cursors, has_next=more, has_previous=request.cursor is not None,
                    total=total)
    return Page(rows, cursors, has_next=request.cursor is not None, has_previous=more,
                total=total)
