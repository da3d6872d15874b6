"""`where` inputs for every connection, made from the compiler's own catalog of fields.

The inputs and `graph.cypher.where` share `FIELDS` and `RELATIONS`, so the schema offers
exactly the fields and operators the compiler accepts. A resolver receives an input's value as
the plain mapping the compiler reads: GraphQL names, enum values, no unset fields.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeAlias

import strawberry
from strawberry.types.arguments import InputContext
from strawberry.types.base import get_object_definition

from graph.cypher.where import FIELDS, OPERATORS, RELATIONS, Kind
from graph.model import Label
from schema.enums import (
    AreaLevel,
    Channel,
    IssueState,
    MeetingKind,
    MoveStatus,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Qualifier,
    SiteKind,
    SuggestionStatus,
    VisitStatus,
)

# The enum a field's values come from, for the fields whose kind is ENUM or TAGS.
ENUMS: dict[tuple[Label, str], type[Enum]] = {
    (Label.ISSUE, "state"): IssueState,
    (Label.ISSUE, "channel"): Channel,
    (Label.ORGANIZATION, "kind"): OrgKind,
    (Label.PERSON, "roles"): PersonRole,
    (Label.AREA, "level"): AreaLevel,
    (Label.PROJECT, "kind"): ProjectKind,
    (Label.PROJECT, "status"): ProjectStatus,
    (Label.MEETING, "kind"): MeetingKind,
    (Label.SITE, "kind"): SiteKind,
    (Label.VISIT, "status"): VisitStatus,
    (Label.SUGGESTION, "status"): SuggestionStatus,
    (Label.OBSERVATION, "qualifier"): Qualifier,
    (Label.MOVE, "status"): MoveStatus,
}

_SCALARS: dict[Kind, type] = {
    Kind.TEXT: str,
    Kind.INT: int,
    Kind.FLOAT: float,
    Kind.DATE: dt.date,
    Kind.DATETIME: dt.datetime,
    Kind.BOOLEAN: bool,
}
_KIND_NAMES = {
    Kind.TEXT: "Text",
    Kind.INT: "Int",
    Kind.FLOAT: "Float",
    Kind.DATE: "Date",
    Kind.DATETIME: "DateTime",
    Kind.BOOLEAN: "Boolean",
    Kind.TAGS: "Tags",
}
_OPERATOR_DOCS = {
    "eq": "Equal to.",
    "in": "Equal to one of.",
    "lt": "Less than.",
    "lte": "Less than or equal to.",
    "gt": "Greater than.",
    "gte": "Greater than or equal to.",
    "startsWith": "Begins with.",
    "contains": "Holds this text (2 to 50 characters).",
    "isNull": "true: has no value; false: has one.",
    "includes": "Holds this value.",
    "includesAny": "Holds one of these values.",
}
_ORDER = (
    "eq",
    "in",
    "lt",
    "lte",
    "gt",
    "gte",
    "startsWith",
    "contains",
    "includes",
    "includesAny",
    "isNull",
)


def _input(name: str, fields: dict[str, tuple[Any, str | None]], description: str) -> type:
    """A Strawberry input class named `name` whose optional fields are `graphql name → type`."""
    python = {graphql: _python_name(graphql) for graphql in fields}
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__annotations__": {python[g]: _optional(kind) for g, (kind, _) in fields.items()},
    }
    for graphql, (_, doc) in fields.items():
        namespace[python[graphql]] = strawberry.field(default=None, name=graphql, description=doc)
    cls = strawberry.input(type(name, (), namespace), description=description)
    get_object_definition(cls, strict=True).from_input = _as_given
    setattr(sys.modules[__name__], name, cls)
    return cls


def _optional(kind: Any) -> Any:
    # Inputs not made yet are named by string, resolved in this module when the schema is built.
    return f"{kind} | None" if isinstance(kind, str) else kind | None


def _python_name(graphql: str) -> str:
    if graphql in ("in", "AND", "OR", "NOT"):
        return graphql.lower() + "_"
    return "".join("_" + c.lower() if c.isupper() else c for c in graphql)


def _condition(kind: Kind, enum: type[Enum] | None) -> type:
    """The operator input for one kind of value (one per enum, so values are checked)."""
    name = f"{enum.__name__ if enum else _KIND_NAMES[kind]}Condition"
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    value: Any = enum if enum is not None else _SCALARS[kind]
    fields: dict[str, tuple[Any, str | None]] = {}
    for op in _ORDER:
        if op not in OPERATORS[kind]:
            continue
        many = op in ("in", "includesAny")
        operand = bool if op == "isNull" else list[value] if many else value
        fields[op] = (operand, _OPERATOR_DOCS[op])
    return _input(name, fields, f"Conditions on a {name.removesuffix('Condition')} value.")


def _type_name(label: Label) -> str:
    return "Area" if label is Label.COMMUNITY else label.value


def _where(label: Label) -> type:
    """The `where` input of one label, with its relations' inputs, made once."""
    name = f"{_type_name(label)}Where"
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    fields: dict[str, tuple[Any, str | None]] = {
        "AND": (f"list[{name}]", "Every one of these holds."),
        "OR": (f"list[{name}]", "At least one of these holds."),
        "NOT": (name, "This does not hold."),
    }
    for field_name, prop in FIELDS[label].items():
        enum = ENUMS.get((label, field_name))
        fields[field_name] = (_condition(prop.kind, enum), None)
    for relation_name, relation in RELATIONS[label].items():
        target = _type_name(relation.target)
        fields[relation_name] = (
            _relation(target),
            f"Whether some (or none) of the related {target} nodes match.",
        )
    cls = _input(name, fields, f"Which {_type_name(label)} nodes to keep.")
    return cls


def _relation(target: str) -> type:
    name = f"{target}Related"
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    where = f"{target}Where"
    return _input(
        name,
        {
            "some": (where, "At least one related node matches this."),
            "none": (where, "No related node matches this."),
        },
        f"A filter on related {target} nodes.",
    )


def _as_given(cls: type, value: Mapping[str, Any], context: InputContext) -> dict[str, Any]:
    """An input as the compiler reads it, taken whole from the value GraphQL checked."""
    # GraphQL has already coerced every operand and enum; building an input object per field
    # only to read it back cost half of a 50-connection query's time (measured).
    return _given(value)  # type: ignore[no-any-return]


def _given(value: Any) -> Any:
    """A coerced input value with its unset (null) fields left out, lists kept in order."""
    if isinstance(value, Mapping):
        return {name: _given(item) for name, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_given(item) for item in value]
    return value


# Every relation's target is in FIELDS, so each input named by another is made here too.
WHERE: dict[Label, type] = {label: _where(label) for label in FIELDS}

# Made above at import; to the type checker they are plain inputs of any shape.
if TYPE_CHECKING:
    IssueWhere: TypeAlias = Any
    OrganizationWhere: TypeAlias = Any
    PersonWhere: TypeAlias = Any
    AreaWhere: TypeAlias = Any
    CategoryWhere: TypeAlias = Any
    ProjectWhere: TypeAlias = Any
    MeetingWhere: TypeAlias = Any
    SiteWhere: TypeAlias = Any
    StationWhere: TypeAlias = Any
    VisitWhere: TypeAlias = Any
    VisitGroupWhere: TypeAlias = Any
    SuggestionWhere: TypeAlias = Any
    IntakeLinkWhere: TypeAlias = Any
    RoutingRuleWhere: TypeAlias = Any
    WhistleWhere: TypeAlias = Any
    ObservationWhere: TypeAlias = Any
    MoveWhere: TypeAlias = Any
