"""Keyed: what every node type shares (global IDs over keys, loading rows, batch refetch)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import cache
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar, cast

from strawberry import relay
from strawberry.types import Info

from graph.model import Label
from graph.records import Node
from resolvers.errors import BadUserInput, NotFound
from schema.context import Context

T_co = TypeVar("T_co", covariant=True)
K = TypeVar("K", bound="Keyed")

_BY_LABEL: dict[Label, type[Keyed]] = {}


class Keyed:
    """Mixin for node types: built from a store row, refetched by key through a loader."""

    LABEL: ClassVar[Label]
    # What each computed field reads besides the key, by GraphQL name. A type that lists them
    # lets a page read only the properties a query selects (schema.selection); a field missing
    # here, or a type without the list, reads every property.
    READS: ClassVar[Mapping[str, tuple[str, ...]] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered as the class is made, so type modules build each other's nodes by
        # label (NodeType) instead of importing each other at run time.
        _BY_LABEL[cls.LABEL] = cls

    @classmethod
    def from_row(cls, row: Node) -> Self:
        """The node type's value for one store row (camelCase properties)."""
        values = {}
        for name, prop, convert in _fields(cls):  # type: ignore[arg-type]
            value = row.get(prop)
            values[name] = convert(value) if convert is not None and value is not None else value
        return cls(**values)

    @classmethod
    def from_rows(cls, rows: Iterable[Node]) -> list[Self]:
        """Many rows at once."""
        return [cls.from_row(row) for row in rows]

    @classmethod
    async def resolve_nodes(
        cls,
        *,
        info: Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Self | None]:
        """Refetch nodes by key, batched through the request's loader."""
        keys = list(node_ids)
        rows = await info.context.loaders.nodes(cls.LABEL).load_many(keys)
        if required:
            missing = [key for key, row in zip(keys, rows, strict=True) if row is None]
            if missing:
                raise NotFound(f"no {cls.__name__} with key {missing[0]!r}", key=missing[0])
        return [cls.from_row(row) if row is not None else None for row in rows]


class Builds(Protocol[T_co]):
    """What relation helpers need of a node type: its label, and its value for a row."""

    @property
    def LABEL(self) -> Label: ...

    def from_row(self, row: Node) -> T_co: ...


class NodeType(Generic[K]):
    """A node type named by its label, for modules that must not import its class."""

    def __init__(self, label: Label) -> None:
        self.LABEL = label

    def from_row(self, row: Node) -> K:
        """The node type's value for one store row."""
        return cast("K", _BY_LABEL[self.LABEL].from_row(row))


def node_from_row(row: Node) -> relay.Node | None:
    """The node type value for a row of any label."""
    # A community's row also carries the Area label, the only one with a node type.
    for label in row.get("_labels", ()):
        if label in _BY_LABEL:
            return cast("relay.Node", _BY_LABEL[label].from_row(row))
    return None


def node_class(label: Label) -> type[Keyed] | None:
    """The node type made for `label`, if there is one."""
    return _BY_LABEL.get(label)


def key_of(global_id: relay.GlobalID | None, *type_names: str, field: str = "id") -> str | None:
    """The key inside a global ID, checking that it names one of the given types."""
    if global_id is None:
        return None
    names = set(type_names)
    if global_id.type_name not in names:
        raise BadUserInput(
            f"expected the ID of a {' or '.join(sorted(names))}, "
            f"got one of a {global_id.type_name}",
            field=field,
        )
    return global_id.node_id


def id_of(id: relay.GlobalID | None, *type_names: str, field: str) -> str | None:
    """As key_of, refusing another type's ID in words a clerk reads (Chinese) with what to do."""
    if id is None:
        return None
    if id.type_name not in type_names:
        raise BadUserInput(
            f"{field} 须是 {' 或 '.join(type_names)} 的 ID，"
            f"收到的是 {id.type_name} 的；请从列表中选择",
            field=field,
        )
    return id.node_id


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@cache
def _fields(cls: type) -> list[tuple[str, str, Any]]:
    # (field, property, enum): worked out once per type, not once per row and field.
    hints = typing.get_type_hints(cls, include_extras=False)
    result = []
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        result.append((field.name, _camel(field.name), _enum_of(hints.get(field.name))))
    return result


def _enum_of(hint: Any) -> type[Enum] | None:
    candidates = typing.get_args(hint) or (hint,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None
