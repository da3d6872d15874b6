"""Aggregates over a label's filtered nodes: count, min/max/avg/sum, and groups, in Neo4j.

The rows are the ones a page of the same filter would list (the reader's scope, row rules,
fixed filters and `where`); only the figures asked for are computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.cypher.access import visible
from graph.cypher.paging import PageShape
from graph.cypher.where import FIELDS, Kind
from graph.model import Label

# Which figures each kind of property has; the others (text, enums) are grouped, not summed.
FIGURES: dict[Kind, tuple[str, ...]] = {
    Kind.INT: ("min", "max", "avg", "sum"),
    Kind.FLOAT: ("min", "max", "avg", "sum"),
    Kind.DATE: ("min", "max"),
    Kind.DATETIME: ("min", "max"),
}


@dataclass(frozen=True)
class Group:
    """What rows are grouped by: a property's value, an expression, or a related node."""

    expression: str = ""
    # A related node: the pattern from `n` to `g`, and g's label for the row rule.
    pattern: str = ""
    target: Label | None = None


_COMMUNITY = Group(
    pattern="(n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(g:Community)", target=Label.COMMUNITY
)

GROUPS: dict[Label, dict[str, Group]] = {
    Label.ISSUE: {
        "state": Group("n.state"),
        "channel": Group("n.channel"),
        "satisfaction": Group("toString(n.satisfaction)"),
        "reportedYear": Group("toString(n.reportedAt.year)"),
        "reportedMonth": Group("left(toString(n.reportedAt), 7)"),
        "assignedTo": Group(
            pattern="(n)-[:ASSIGNED_TO]->(g:Organization)", target=Label.ORGANIZATION
        ),
        "category": Group(pattern="(n)-[:IN_CATEGORY]->(g:Category)", target=Label.CATEGORY),
        "community": _COMMUNITY,
    },
    Label.ORGANIZATION: {
        "kind": Group("n.kind"),
        "partOf": Group(pattern="(n)-[:PART_OF]->(g:Organization)", target=Label.ORGANIZATION),
        "community": _COMMUNITY,
    },
    Label.PERSON: {
        "memberOf": Group(pattern="(n)-[:MEMBER_OF]->(g:Organization)", target=Label.ORGANIZATION),
    },
    Label.AREA: {
        "level": Group("n.level"),
        "partOf": Group(pattern="(n)-[:PART_OF]->(g:Area)", target=Label.AREA),
    },
    Label.CATEGORY: {
        "partOf": Group(pattern="(n)-[:PART_OF]->(g:Category)", target=Label.CATEGORY),
    },
    Label.PROJECT: {
        "kind": Group("n.kind"),
        "status": Group("n.status"),
        "startYear": Group("toString(n.startDate.year)"),
        "ledBy": Group(pattern="(n)-[:LED_BY]->(g:Organization)", target=Label.ORGANIZATION),
    },
    Label.MEETING: {
        "kind": Group("n.kind"),
        "heldYear": Group("toString(n.heldOn.year)"),
        "heldMonth": Group("left(toString(n.heldOn), 7)"),
    },
    Label.SITE: {
        "kind": Group("n.kind"),
        "ownedBy": Group(pattern="(n)-[:OWNED_BY]->(g:Organization)", target=Label.ORGANIZATION),
    },
    Label.STATION: {},
}
GROUPS[Label.COMMUNITY] = GROUPS[Label.AREA]
GROUPS |= {
    Label.VISIT: {
        "status": Group("n.status"),
        "visitedYear": Group("toString(n.visitedOn.year)"),
        "visitedMonth": Group("left(toString(n.visitedOn), 7)"),
        "group": Group(pattern="(n)-[:CONDUCTED_BY]->(g:VisitGroup)", target=Label.VISIT_GROUP),
        "organization": Group(
            pattern="(n)-[:VISITED]->(g:Organization)", target=Label.ORGANIZATION
        ),
    },
    Label.SUGGESTION: {
        "status": Group("n.status"),
        "collectedYear": Group("toString(n.collectedOn.year)"),
        "collectedMonth": Group("left(toString(n.collectedOn), 7)"),
        "submittedTo": Group(
            pattern="(n)-[:SUBMITTED_TO]->(g:Organization)", target=Label.ORGANIZATION
        ),
    },
}

_TOTALS = "{source} WHERE {where} RETURN count(n) AS count{figures}"

_BY_VALUE = (
    "{source} WHERE {where} WITH n, {expression} AS value "
    "WITH value, count(n) AS count{figures} "
    "ORDER BY count DESC, value LIMIT $limit "
    "RETURN value, null AS node, count{names}"
)

# A row with no related node counts in the group whose node is null; one with several counts
# in each of theirs.
_BY_NODE = (
    "{source} WHERE {where} "
    "OPTIONAL MATCH {pattern} WHERE {rule} "
    "WITH g, count(n) AS count{figures} "
    "ORDER BY count DESC, g.key LIMIT $limit "
    "RETURN g.key AS value, g {{.*, _labels: labels(g)}} AS node, count{names}"
)


def figure_names(label: Label) -> dict[str, tuple[str, ...]]:
    """The label's properties that have figures, with the figures each has."""
    return {
        name: FIGURES[prop.kind]
        for name, prop in FIELDS.get(label, {}).items()
        if prop.kind in FIGURES
    }


def totals(shape: PageShape, figures: dict[str, tuple[str, ...]]) -> str:
    """Count and figures of the shape's rows, in one row."""
    return _TOTALS.format(
        source=shape.source(),
        where=shape.where(paged=False, scoped=shape.scoped),
        figures=_figures(figures),
    )


def groups(shape: PageShape, by: str, figures: dict[str, tuple[str, ...]]) -> str:
    """The shape's rows in groups, largest first, up to $limit groups."""
    group = GROUPS[shape.label][by]
    names = "".join(f", {column}" for column in _columns(figures))
    common = {
        "source": shape.source(),
        "where": shape.where(paged=False, scoped=shape.scoped),
        "figures": _figures(figures),
        "names": names,
    }
    if group.target is None:
        return _BY_VALUE.format(expression=group.expression, **common)
    return _BY_NODE.format(
        pattern=group.pattern, rule=visible(group.target, shape.role, "g"), **common
    )


def _columns(figures: dict[str, tuple[str, ...]]) -> list[str]:
    return [f"{prop}_{figure}" for prop, wanted in figures.items() for figure in wanted]


def _figures(figures: dict[str, tuple[str, ...]]) -> str:
    parts = []
    for prop, wanted in figures.items():
        if not prop.isidentifier():
            raise ValueError(f"not a property name: {prop!r}")
        parts += [f", {figure}(n.{prop}) AS {prop}_{figure}" for figure in wanted]
    return "".join(parts)
