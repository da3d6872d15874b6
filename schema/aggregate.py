"""Aggregates and groups as GraphQL: `<list>Aggregate` and `<list>GroupBy` beside each list.

Their types are made from the compiler's catalog (`graph.cypher.where.FIELDS` and
`graph.cypher.aggregate.GROUPS`): every number and date of a label has its figures, and every
grouping the catalog knows is a value of the label's GroupBy enum.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeAlias

import strawberry
from strawberry import relay
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from graph.cypher.aggregate import GROUPS, figure_names
from graph.cypher.where import FIELDS, Kind
from graph.model import Label
from resolvers.aggregate import Figures, aggregate
from schema.context import Context
from schema.node import node_from_row


@strawberry.type(description="Figures of an integer field over the rows.")
class IntFigures:
    min: int | None = None
    max: int | None = None
    avg: float | None = None
    sum: int | None = None


@strawberry.type(description="Figures of a decimal field over the rows.")
class FloatFigures:
    min: float | None = None
    max: float | None = None
    avg: float | None = None
    sum: float | None = None


@strawberry.type(description="The earliest and latest date over the rows.")
class DateFigures:
    min: dt.date | None = None
    max: dt.date | None = None


@strawberry.type(description="The earliest and latest instant over the rows.")
class DateTimeFigures:
    min: dt.datetime | None = None
    max: dt.datetime | None = None


_FIGURE_TYPES: dict[Kind, type] = {
    Kind.INT: IntFigures,
    Kind.FLOAT: FloatFigures,
    Kind.DATE: DateFigures,
    Kind.DATETIME: DateTimeFigures,
}


def _type_name(label: Label) -> str:
    return "Area" if label is Label.COMMUNITY else label.value


def _make(name: str, annotations: dict[str, Any], description: str, **defaults: Any) -> type:
    namespace = {"__module__": __name__, "__annotations__": annotations, **defaults}
    cls = strawberry.type(type(name, (), namespace), description=description)
    setattr(sys.modules[__name__], name, cls)
    return cls


def _aggregate_type(label: Label) -> type:
    name = f"{_type_name(label)}Aggregate"
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    props = {prop: FIELDS[label][prop].kind for prop in figure_names(label)}
    annotations: dict[str, Any] = {"count": int}
    annotations |= {prop: _FIGURE_TYPES[kind] | None for prop, kind in props.items()}
    defaults = {
        "count": strawberry.field(description="How many rows pass the filter."),
        **{prop: None for prop in props},
    }
    return _make(name, annotations, f"Figures over the {_type_name(label)} rows.", **defaults)


def _group_by(label: Label) -> type[Enum]:
    name = f"{_type_name(label)}GroupBy"
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    members = {_upper(group): group for group in GROUPS[label]}
    enum = Enum(name, members)
    enum.__module__ = __name__
    strawberry.enum(enum, description=f"What {_type_name(label)} rows may be grouped by.")
    setattr(sys.modules[__name__], name, enum)
    return enum


# Group types whose plain name is already a node type's (a VisitGroup is a 走访小组).
_GROUP_NAMES = {Label.VISIT: "VisitRowGroup"}


def _group_type(label: Label) -> type:
    name = _GROUP_NAMES.get(label, f"{_type_name(label)}Group")
    made = getattr(sys.modules[__name__], name, None)
    if made is not None:
        return made  # type: ignore[no-any-return]
    annotations = {
        "value": str | None,
        "node": relay.Node | None,
        "count": int,
        "aggregate": _aggregate_type(label),
    }
    defaults = {
        "value": strawberry.field(
            description="The group's value; for a related node, its key. Null: rows without one."
        ),
        "node": strawberry.field(description="The related node the group is of, if it is one."),
        "count": strawberry.field(description="How many rows are in the group."),
        "aggregate": strawberry.field(description="Figures over the group's rows."),
    }
    return _make(name, annotations, f"One group of {_type_name(label)} rows.", **defaults)


def _upper(name: str) -> str:
    return "".join("_" + c if c.isupper() else c.upper() for c in name)


AGGREGATES: dict[Label, type] = {label: _aggregate_type(label) for label in GROUPS}
GROUP_BY: dict[Label, type[Enum]] = {label: _group_by(label) for label in GROUPS}
GROUP_TYPES: dict[Label, type] = {label: _group_type(label) for label in GROUPS}


def built(label: Label, figures: Figures) -> Any:
    """The label's aggregate type for a row of figures."""
    kinds = {prop: FIELDS[label][prop].kind for prop in figure_names(label)}
    values = {prop: _FIGURE_TYPES[kinds[prop]](**found) for prop, found in figures.values.items()}
    return AGGREGATES[label](count=figures.count, **values)


def wanted_figures(
    selections: Iterable[Selection], under: str | None = None
) -> dict[str, set[str]]:
    """The figures a selection asks for, `{property: {figure, …}}`, below field `under` if given."""
    wanted: dict[str, set[str]] = {}
    for selection in selections:
        if not isinstance(selection, SelectedField):
            for prop, figures in wanted_figures(selection.selections, under).items():
                wanted.setdefault(prop, set()).update(figures)
            continue
        if under is not None:
            if selection.name == under:
                for prop, figures in wanted_figures(selection.selections).items():
                    wanted.setdefault(prop, set()).update(figures)
            continue
        wanted.setdefault(selection.name, set()).update(_names(selection.selections))
    return wanted


def _names(selections: Iterable[Selection]) -> set[str]:
    names: set[str] = set()
    for selection in selections:
        if isinstance(selection, SelectedField):
            names.add(selection.name)
        else:
            names |= _names(selection.selections)
    return names


async def figures_of(
    info: Info[Context, None],
    label: Label,
    filters: Mapping[str, Any],
    where: Any,
) -> Any:
    """A list's aggregate: one row of figures for what it would list."""
    context = info.context
    [figures] = await aggregate(
        context.store,
        label,
        filters=filters,
        where=where,
        viewer=context.principal.viewer,
        wanted=wanted_figures(info.selected_fields[0].selections),
        scan_limit=context.settings.where_scan_limit,
    )
    return built(label, figures)


async def groups_of(
    info: Info[Context, None],
    label: Label,
    by: Enum,
    first: int,
    filters: Mapping[str, Any],
    where: Any,
) -> list[Any]:
    """A list's rows in groups, largest first, each with its figures."""
    context = info.context
    rows = await aggregate(
        context.store,
        label,
        filters=filters,
        where=where,
        viewer=context.principal.viewer,
        wanted=wanted_figures(info.selected_fields[0].selections, under="aggregate"),
        scan_limit=context.settings.where_scan_limit,
        by=str(by.value),
        limit=first,
    )
    group = GROUP_TYPES[label]
    return [
        group(
            value=row.value,
            node=node_from_row(row.node) if row.node is not None else None,
            count=row.count,
            aggregate=built(label, row),
        )
        for row in rows
    ]


# Made above at import; to the type checker they are plain values of any shape.
if TYPE_CHECKING:
    IssueAggregate: TypeAlias = Any
    IssueGroup: TypeAlias = Any
    IssueGroupBy: TypeAlias = Any
    OrganizationAggregate: TypeAlias = Any
    OrganizationGroup: TypeAlias = Any
    OrganizationGroupBy: TypeAlias = Any
    PersonAggregate: TypeAlias = Any
    PersonGroup: TypeAlias = Any
    PersonGroupBy: TypeAlias = Any
    AreaAggregate: TypeAlias = Any
    AreaGroup: TypeAlias = Any
    AreaGroupBy: TypeAlias = Any
    ProjectAggregate: TypeAlias = Any
    ProjectGroup: TypeAlias = Any
    ProjectGroupBy: TypeAlias = Any
    MeetingAggregate: TypeAlias = Any
    MeetingGroup: TypeAlias = Any
    MeetingGroupBy: TypeAlias = Any
    SiteAggregate: TypeAlias = Any
    SiteGroup: TypeAlias = Any
    SiteGroupBy: TypeAlias = Any
    VisitAggregate: TypeAlias = Any
    VisitRowGroup: TypeAlias = Any
    VisitGroupBy: TypeAlias = Any
    SuggestionAggregate: TypeAlias = Any
    SuggestionGroup: TypeAlias = Any
    SuggestionGroupBy: TypeAlias = Any
    CategoryAggregate: TypeAlias = Any
    CategoryGroup: TypeAlias = Any
    CategoryGroupBy: TypeAlias = Any
