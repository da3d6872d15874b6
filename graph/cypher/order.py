"""A page's order over several sort keys, and its keyset test "past the cursor".

An order is a tuple of (property, ascending) pairs that always ends with ("key", …): the key
breaks every tie, so each row has one place and a cursor (the sort values and the key of a row)
names a position that rows inserted later neither shift nor repeat.

Neo4j sorts missing values last ascending and first descending; the keyset test spells out
where they stand, key by key, in the nested form
`k1 > v1 OR (k1 = v1 AND (k2 > v2 OR (k2 = v2 AND n.key > $cursorKey)))`.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Label

# (property, ascending), in the direction the rows are fetched.
Sort = tuple[str, bool]
KEY_ORDER: tuple[Sort, ...] = (("key", True),)

# Sort properties every node of the label has: intake, ledgers and the seed all set an issue's
# reportedAt. Leading an order, the keyset test is a range on the property's index, which also
# hands rows over in order, so page 500 costs what page 1 does.
SET_SORTS: frozenset[tuple[Label, str]] = frozenset({(Label.ISSUE, "reportedAt")})

_KEY = {True: "n.key > $cursorKey", False: "n.key < $cursorKey"}


def order_by(expressions: Sequence[str], order: Sequence[Sort]) -> str:
    """The ORDER BY list: each sort expression, then the key, with their directions."""
    *fields, (_, key_ascending) = order
    items = [
        f"{expression} {_direction(ascending)}"
        for expression, (_, ascending) in zip(expressions, fields, strict=True)
    ]
    return ", ".join([*items, f"n.key {_direction(key_ascending)}"])


def cursor_param(position: int) -> str:
    """The parameter holding the cursor row's value of the sort key at `position`."""
    return f"cursor{position}"


def keyset(
    label: Label, expressions: Sequence[str], order: Sequence[Sort], cursor: Sequence[bool] | None
) -> str:
    """The test that row `n` lies past the cursor in `order`; "" when nothing need be said.

    `expressions` are the rows' sort values (as the reader is shown them), one per sort key
    before the key; `cursor` says, per such key, whether the cursor row has a value.
    """
    *fields, (_, key_ascending) = order
    if len(expressions) != len(fields):
        raise ValueError("one sort expression per sort key before the key")
    leading = fields[0][0] if fields else "key"
    if cursor is None:
        # Naming an always-set property lets Neo4j read the rows from its index, in order.
        if leading == "key":
            return "n.key IS NOT NULL"
        return f"{expressions[0]} IS NOT NULL" if (label, leading) in SET_SORTS else ""
    if len(cursor) != len(fields):
        raise ValueError("one cursor value flag per sort key before the key")
    rest = _KEY[key_ascending]
    for at in range(len(fields) - 1, 0, -1):
        rest = _past(expressions[at], f"${cursor_param(at)}", fields[at][1], cursor[at], rest)
    if not fields:
        return rest
    expression, (name, ascending), valued = expressions[0], fields[0], cursor[0]
    if valued and (ascending is False or (label, name) in SET_SORTS):
        # Every row past a valued cursor has a value on this side of it (missing values come
        # first descending, and an always-set property has none missing): a range, which an
        # index answers in order.
        value = f"${cursor_param(0)}"
        wide, strict = (">=", ">") if ascending else ("<=", "<")
        return f"{expression} {wide} {value} AND ({expression} {strict} {value} OR {rest})"
    return _past(expression, f"${cursor_param(0)}", ascending, valued, rest)


def _past(expression: str, value: str, ascending: bool, valued: bool, rest: str) -> str:
    """Past the cursor on this key, or level with it and past it on the keys after."""
    if ascending and valued:
        # Missing values come after every value ascending.
        return (
            f"({expression} > {value} OR {expression} IS NULL"
            f" OR ({expression} = {value} AND {rest}))"
        )
    if ascending:
        return f"({expression} IS NULL AND {rest})"
    if valued:
        return f"({expression} < {value} OR ({expression} = {value} AND {rest}))"
    # Descending, missing values come first: every row with a value is past them.
    return f"({expression} IS NOT NULL OR ({expression} IS NULL AND {rest}))"


def sort_property(name: str) -> str:
    """A sort property's name, checked to be a plain identifier before it enters Cypher."""
    # Sort properties come from the schema's sort-field enums; refuse anything else outright.
    if not name.isidentifier():
        raise ValueError(f"not a property name: {name!r}")
    return name


def _direction(ascending: bool) -> str:
    return "ASC" if ascending else "DESC"
