"""A ledger kind and its columns: Chinese headers, fields, types and how references link."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.model import Label, Rel

# `parts` is text split into child nodes (a meeting's 议定事项 into decisions); `refkey` is the
# hidden column export writes beside a reference, holding the keys its names stand for.
ColumnType = Literal[
    "key", "text", "int", "float", "date", "datetime", "enum", "ref", "parts", "refkey"
]
# The hidden key column beside a reference column is headed by its header and this.
KEY_SUFFIX = "编号"


@dataclass(frozen=True)
class Column:
    """One ledger column: its headers (the first is canonical), field, type and rules."""

    field: str
    headers: tuple[str, ...]
    type: ColumnType
    required: bool = False
    names: Mapping[str, tuple[str, ...]] | None = None
    many: bool = False
    rel: Rel | None = None
    target: Label | None = None
    # The ledger kind in the same file a reference may name, before looking in the graph.
    kind: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    # A link written from the target to the row's node: (:Project)-[:HAS_MOVE]->(:Move).
    incoming: bool = False

    @property
    def key_column(self) -> Column:
        """The hidden column of keys export writes beside this reference column."""
        return Column(self.field, (self.headers[0] + KEY_SUFFIX,), "refkey", many=self.many)


@dataclass(frozen=True)
class Ledger:
    """One kind of ledger: the label it fills and its columns."""

    kind: str
    label: Label
    sheet: str
    prefix: str
    natural: tuple[str, ...]
    columns: tuple[Column, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    sheet_names: tuple[str, ...] = ()
    # The property a clerk names a row by (a meeting by its title).
    name_field: str = "name"

    def column(self, name: str) -> Column:
        """The column filling field `name`."""
        return next(c for c in self.columns if c.field == name)

    @property
    def links(self) -> tuple[Column, ...]:
        """The reference columns, written as relationships."""
        return tuple(c for c in self.columns if c.type == "ref")

    @property
    def parts(self) -> tuple[Column, ...]:
        """The columns whose text is split into child nodes."""
        return tuple(c for c in self.columns if c.type == "parts")

    @property
    def required(self) -> tuple[Column, ...]:
        """The columns a file must have."""
        return tuple(c for c in self.columns if c.required)


def key() -> Column:
    """The 编号 column every ledger has."""
    return Column("key", ("编号", "编码", "key"), "key")


def ref(
    name: str,
    headers: tuple[str, ...],
    rel: Rel,
    target: Label,
    kind: str | None = None,
    *,
    many: bool = False,
    incoming: bool = False,
    required: bool = False,
) -> Column:
    """A reference column: names or keys of nodes the row links to."""
    return Column(
        name,
        headers,
        "ref",
        required=required,
        many=many,
        rel=rel,
        target=target,
        kind=kind,
        incoming=incoming,
    )


def community(rel: Rel = Rel.LOCATED_IN, many: bool = False) -> Column:
    """The 所属社区 column: a community or 片区 by name or key."""
    return ref("community", ("所属社区", "社区", "小区"), rel, Label.AREA, "communities", many=many)
