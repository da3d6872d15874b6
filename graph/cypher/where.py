"""`where` filters compiled to Cypher: per-field operators, AND/OR/NOT and relationship filters.

A filter arrives as a plain mapping (the GraphQL input, converted): field names to operator
maps, `AND`/`OR` lists, a `NOT`, and relationship names to `{some: …}` / `{none: …}` over the
related label's own filter. Property names and relationship patterns come only from `FIELDS`
and `RELATIONS`; every value becomes a `$parameter`, named by its position in the tree, so the
same shape of filter always compiles to the same text (and Neo4j's plan cache reuses it).
Only the predicates given are compiled: an absent operator is absent from the Cypher.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph.cypher.access import matchable, visible
from graph.model import Label


class Kind(StrEnum):
    """What a filterable property holds, which decides its operators."""

    TEXT = "text"
    ENUM = "enum"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    TAGS = "tags"


_ORDERED = {"eq": "=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
OPERATORS: dict[Kind, frozenset[str]] = {
    Kind.TEXT: frozenset({"eq", "in", "startsWith", "contains", "isNull"}),
    Kind.ENUM: frozenset({"eq", "in", "isNull"}),
    Kind.BOOLEAN: frozenset({"eq", "isNull"}),
    Kind.TAGS: frozenset({"includes", "includesAny"}),
    **{
        kind: frozenset({*_ORDERED, "in", "isNull"})
        for kind in (Kind.INT, Kind.FLOAT, Kind.DATE, Kind.DATETIME)
    },
}
# Operators an index answers without reading every node of the label.
_SEEKS = frozenset({"eq", "in", "startsWith", "lt", "lte", "gt", "gte"})
# Text a `contains` looks for: long enough to mean something, short enough to stay cheap.
CONTAINS_MIN, CONTAINS_MAX = 2, 50


@dataclass(frozen=True)
class Prop:
    """A filterable property: its stored name, kind, and whether an index covers it."""

    name: str
    kind: Kind
    indexed: bool = False


@dataclass(frozen=True)
class Relation:
    """A relationship filter: the path from the node to the related one, and that one's label.

    `path` spells `{v}` for the filtered node and `{m}` for the related one.
    """

    path: str
    target: Label


@dataclass
class Compiled:
    """A predicate's text, its parameters, and whether an index can start the search."""

    text: str
    params: dict[str, Any] = field(default_factory=dict)
    anchored: bool = False
    # Indexed properties a top-level `in` names, each with the parameter holding its list: a
    # page may read each value's run of an index in order instead of one long ordered scan.
    lists: dict[str, str] = field(default_factory=dict)


class WhereError(ValueError):
    """A filter that names an unknown field or operator, or gives an unusable value."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


_KEY = Prop("key", Kind.TEXT, indexed=True)
_NAME = Prop("name", Kind.TEXT)
_INDEXED_NAME = Prop("name", Kind.TEXT, indexed=True)  # organizations', areas' (schema.py)


def _props(**kinds: Kind) -> dict[str, Prop]:
    """The key and properties no index covers, each filtered under its stored name."""
    return {"key": _KEY, **{name: Prop(name, kind) for name, kind in kinds.items()}}


FIELDS: dict[Label, dict[str, Prop]] = {
    Label.ISSUE: {
        "key": _KEY,
        "title": Prop("title", Kind.TEXT),
        "state": Prop("state", Kind.ENUM, indexed=True),
        "channel": Prop("channel", Kind.ENUM, indexed=True),
        "reportedAt": Prop("reportedAt", Kind.DATETIME, indexed=True),
        "resolvedAt": Prop("resolvedAt", Kind.DATETIME, indexed=True),
        "respondBy": Prop("respondBy", Kind.DATETIME),
        "resolveBy": Prop("resolveBy", Kind.DATETIME),
        "satisfaction": Prop("satisfaction", Kind.INT),
        "peopleAffected": Prop("peopleAffected", Kind.INT),
    },
    Label.ORGANIZATION: {
        "key": _KEY,
        "name": _INDEXED_NAME,
        "kind": Prop("kind", Kind.ENUM, indexed=True),
    },
    Label.PERSON: {
        "key": _KEY,
        "name": _NAME,
        "roles": Prop("roles", Kind.TAGS),
        "title": Prop("title", Kind.TEXT),
    },
    Label.AREA: {
        "key": _KEY,
        "name": _INDEXED_NAME,
        "level": Prop("level", Kind.ENUM, indexed=True),
        "population": Prop("population", Kind.INT),
    },
    Label.CATEGORY: {"key": _KEY, "name": _NAME},
    Label.PROJECT: {
        "key": _KEY,
        "name": _NAME,
        "kind": Prop("kind", Kind.ENUM, indexed=True),
        "status": Prop("status", Kind.ENUM),
        "startDate": Prop("startDate", Kind.DATE, indexed=True),
        "endDate": Prop("endDate", Kind.DATE),
    },
    Label.MEETING: {
        "key": _KEY,
        "title": Prop("title", Kind.TEXT),
        "kind": Prop("kind", Kind.ENUM),
        "heldOn": Prop("heldOn", Kind.DATE, indexed=True),
    },
    Label.SITE: {
        "key": _KEY,
        "name": _NAME,
        "kind": Prop("kind", Kind.ENUM),
        "landMu": Prop("landMu", Kind.FLOAT),
    },
    Label.STATION: {"key": _KEY, "name": _NAME},
}
FIELDS[Label.COMMUNITY] = FIELDS[Label.AREA]
# Field work, rules and figures: no property but the key is indexed, so a filter on them is
# bounded by the scan limit unless it names a key.
FIELDS |= {
    Label.VISIT: _props(
        status=Kind.ENUM,
        plannedOn=Kind.DATE,
        visitedOn=Kind.DATE,
        memberCount=Kind.INT,
        purpose=Kind.TEXT,
        summary=Kind.TEXT,
        feedbackOn=Kind.DATE,
    ),
    Label.VISIT_GROUP: _props(name=Kind.TEXT, cadence=Kind.TEXT, programme=Kind.TEXT),
    Label.SUGGESTION: _props(
        title=Kind.TEXT,
        status=Kind.ENUM,
        collectedOn=Kind.DATE,
        adoptedOn=Kind.DATE,
        implementedOn=Kind.DATE,
        declinedOn=Kind.DATE,
        peopleBenefited=Kind.INT,
    ),
    Label.INTAKE_LINK: _props(
        label=Kind.TEXT, createdAt=Kind.DATETIME, expiresOn=Kind.DATE, revokedAt=Kind.DATETIME
    ),
    Label.ROUTING_RULE: _props(
        name=Kind.TEXT,
        priority=Kind.INT,
        responseHours=Kind.INT,
        resolveDays=Kind.INT,
        validFrom=Kind.DATE,
        validTo=Kind.DATE,
    ),
    Label.WHISTLE: _props(blownAt=Kind.DATETIME, reason=Kind.TEXT),
    Label.OBSERVATION: {
        **_props(value=Kind.FLOAT, qualifier=Kind.ENUM, unit=Kind.TEXT),
        "indicator": Prop("indicator", Kind.TEXT, indexed=True),
    },
    Label.MOVE: _props(status=Kind.ENUM, plannedOn=Kind.DATE, movedOn=Kind.DATE, landMu=Kind.FLOAT),
}

_WITHIN_AREA = "-[:PART_OF*0..]->({m}:Area)"
RELATIONS: dict[Label, dict[str, Relation]] = {
    Label.ISSUE: {
        "assignedTo": Relation("({v})-[:ASSIGNED_TO]->({m}:Organization)", Label.ORGANIZATION),
        "category": Relation("({v})-[:IN_CATEGORY]->({m}:Category)", Label.CATEGORY),
        "categoryWithin": Relation(
            "({v})-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..]->({m}:Category)", Label.CATEGORY
        ),
        "area": Relation("({v})-[:LOCATED_IN]->({m}:Area)", Label.AREA),
        "areaWithin": Relation("({v})-[:LOCATED_IN]->(:Area)" + _WITHIN_AREA, Label.AREA),
        "reporter": Relation("({v})<-[:REPORTED]-({m}:Person)", Label.PERSON),
    },
    Label.ORGANIZATION: {
        "partOf": Relation("({v})-[:PART_OF]->({m}:Organization)", Label.ORGANIZATION),
        "areaWithin": Relation("({v})-[:LOCATED_IN]->(:Area)" + _WITHIN_AREA, Label.AREA),
        "assigned": Relation("({v})<-[:ASSIGNED_TO]-({m}:Issue)", Label.ISSUE),
    },
    Label.PERSON: {
        "memberOf": Relation("({v})-[:MEMBER_OF]->({m}:Organization)", Label.ORGANIZATION),
        "observes": Relation("({v})-[:OBSERVES]->({m}:Community)", Label.COMMUNITY),
    },
    Label.AREA: {
        "within": Relation("({v})-[:PART_OF*1..]->({m}:Area)", Label.AREA),
        "issues": Relation("({v})<-[:LOCATED_IN]-({m}:Issue)", Label.ISSUE),
    },
    Label.PROJECT: {
        "areaWithin": Relation("({v})-[:LOCATED_IN]->(:Area)" + _WITHIN_AREA, Label.AREA),
        "ledBy": Relation("({v})-[:LED_BY]->({m}:Organization)", Label.ORGANIZATION),
        "affects": Relation("({v})-[:AFFECTS]->({m}:Community)", Label.COMMUNITY),
    },
    Label.MEETING: {
        "attendedBy": Relation("({v})-[:ATTENDED_BY]->({m}:Organization)", Label.ORGANIZATION),
        "about": Relation("({v})-[:ABOUT]->({m}:Project)", Label.PROJECT),
    },
    Label.SITE: {
        "ownedBy": Relation("({v})-[:OWNED_BY]->({m}:Organization)", Label.ORGANIZATION),
        "areaWithin": Relation("({v})-[:LOCATED_IN]->(:Area)" + _WITHIN_AREA, Label.AREA),
    },
    Label.CATEGORY: {
        "within": Relation("({v})-[:PART_OF*1..]->({m}:Category)", Label.CATEGORY),
    },
    Label.STATION: {},
}
RELATIONS[Label.COMMUNITY] = RELATIONS[Label.AREA]
RELATIONS |= {
    Label.VISIT: {
        "group": Relation("({v})-[:CONDUCTED_BY]->({m}:VisitGroup)", Label.VISIT_GROUP),
        "organization": Relation("({v})-[:VISITED]->({m}:Organization)", Label.ORGANIZATION),
        "site": Relation("({v})-[:VISITED]->({m}:Site)", Label.SITE),
        "area": Relation("({v})-[:VISITED]->({m}:Area)", Label.AREA),
        "attendees": Relation("({v})-[:ATTENDED_BY]->({m}:Person)", Label.PERSON),
        "issues": Relation("({v})<-[:RAISED_DURING]-({m}:Issue)", Label.ISSUE),
    },
    Label.VISIT_GROUP: {
        "leader": Relation("({v})-[:LED_BY]->({m}:Person)", Label.PERSON),
        "members": Relation("({v})<-[:MEMBER_OF]-({m}:Person)", Label.PERSON),
        "organization": Relation("({v})-[:PART_OF]->({m}:Organization)", Label.ORGANIZATION),
        "visits": Relation("({v})<-[:CONDUCTED_BY]-({m}:Visit)", Label.VISIT),
    },
    Label.SUGGESTION: {
        "submittedTo": Relation("({v})-[:SUBMITTED_TO]->({m}:Organization)", Label.ORGANIZATION),
        "submittedWithin": Relation(
            "({v})-[:SUBMITTED_TO]->(:Organization)-[:PART_OF*0..]->({m}:Organization)",
            Label.ORGANIZATION,
        ),
        "proposedByPerson": Relation("({v})-[:PROPOSED_BY]->({m}:Person)", Label.PERSON),
        "proposedByOrganization": Relation(
            "({v})-[:PROPOSED_BY]->({m}:Organization)", Label.ORGANIZATION
        ),
        "raisedDuring": Relation("({v})-[:RAISED_DURING]->({m}:Visit)", Label.VISIT),
        "trackedAs": Relation("({v})-[:TRACKED_AS]->({m}:Issue)", Label.ISSUE),
        "benefitsArea": Relation("({v})-[:BENEFITS]->({m}:Area)", Label.AREA),
    },
    Label.INTAKE_LINK: {
        "area": Relation("({v})-[:FOR]->({m}:Area)", Label.AREA),
        "organization": Relation("({v})-[:FOR]->({m}:Organization)", Label.ORGANIZATION),
    },
    Label.ROUTING_RULE: {
        "categories": Relation("({v})-[:FOR_CATEGORY]->({m}:Category)", Label.CATEGORY),
        "areas": Relation("({v})-[:FOR_AREA]->({m}:Area)", Label.AREA),
        "lead": Relation("({v})-[:LEAD]->({m}:Organization)", Label.ORGANIZATION),
        "assists": Relation("({v})-[:ASSIST]->({m}:Organization)", Label.ORGANIZATION),
    },
    Label.WHISTLE: {
        "issue": Relation("({v})-[:ABOUT]->({m}:Issue)", Label.ISSUE),
        "summons": Relation("({v})-[:SUMMONS]->({m}:Organization)", Label.ORGANIZATION),
    },
    Label.OBSERVATION: {
        "aboutProject": Relation("({v})-[:ABOUT]->({m}:Project)", Label.PROJECT),
        "aboutOrganization": Relation("({v})-[:ABOUT]->({m}:Organization)", Label.ORGANIZATION),
        "aboutArea": Relation("({v})-[:ABOUT]->({m}:Area)", Label.AREA),
    },
    Label.MOVE: {
        "unit": Relation("({v})-[:MOVES]->({m}:Organization)", Label.ORGANIZATION),
        "fromSite": Relation("({v})-[:FROM_SITE]->({m}:Site)", Label.SITE),
        "toSite": Relation("({v})-[:TO_SITE]->({m}:Site)", Label.SITE),
    },
}

# Read from the count store: no node is touched.
LABEL_COUNT = "MATCH (n:{label}) RETURN count(n) AS count"

LOGICAL = ("AND", "OR", "NOT")
QUANTIFIERS = {"some": "EXISTS", "none": "NOT EXISTS"}
MAX_DEPTH = 4
MAX_PREDICATES = 32


def compile_where(
    label: Label, where: Mapping[str, Any] | None, role: str, var: str = "n"
) -> Compiled:
    """The Cypher predicate for `where` on nodes of `label` bound to `var`, as `role` reads."""
    compiler = _Compiler(role)
    if not where:
        return Compiled("true")
    text, anchored = compiler.node(label, where, var, "where", depth=0)
    lists = {
        prop.name: compiler.lists[f"where.{name}.in"]
        for name, prop in FIELDS.get(label, {}).items()
        if prop.indexed and f"where.{name}.in" in compiler.lists
    }
    return Compiled(text, compiler.params, anchored, lists)


class _Compiler:
    def __init__(self, role: str) -> None:
        self.role = role
        self.params: dict[str, Any] = {}
        # The parameter of each `in` list, by its path in the filter.
        self.lists: dict[str, str] = {}
        self.vars = 0

    def node(
        self, label: Label, where: Mapping[str, Any], var: str, path: str, depth: int
    ) -> tuple[str, bool]:
        """An AND of the mapping's entries; anchored if any entry an index can answer is."""
        if depth > MAX_DEPTH:
            raise WhereError(f"filters nest at most {MAX_DEPTH} relationships deep", path)
        parts: list[str] = []
        anchored = False
        for name, value in where.items():
            if value is None:
                continue
            at = f"{path}.{name}"
            if name in LOGICAL:
                text, anchor = self.logical(label, name, value, var, at, depth)
            elif name in FIELDS.get(label, {}):
                text, anchor = self.prop(label, FIELDS[label][name], value, var, at)
            elif name in RELATIONS.get(label, {}):
                text, anchor = self.relation(RELATIONS[label][name], value, var, at, depth)
            else:
                raise WhereError(f"{label} has no filter field {name!r}", at)
            parts.append(text)
            anchored = anchored or anchor
        if not parts:
            return "true", False
        return (parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"), anchored

    def logical(
        self, label: Label, name: str, value: Any, var: str, path: str, depth: int
    ) -> tuple[str, bool]:
        if name == "NOT":
            text, _ = self.node(label, value, var, path, depth)
            return f"NOT {text}", False
        if not isinstance(value, list) or not value:
            raise WhereError(f"{name} takes a non-empty list of filters", path)
        compiled = [
            self.node(label, item, var, f"{path}[{n}]", depth) for n, item in enumerate(value)
        ]
        joiner = " AND " if name == "AND" else " OR "
        text = "(" + joiner.join(text for text, _ in compiled) + ")"
        # AND is anchored by any anchored member; OR only if every branch is.
        anchors = [anchor for _, anchor in compiled]
        return text, any(anchors) if name == "AND" else all(anchors)

    def prop(
        self, label: Label, prop: Prop, ops: Mapping[str, Any], var: str, path: str
    ) -> tuple[str, bool]:
        allowed = OPERATORS[prop.kind]
        parts: list[str] = []
        anchored = False
        for op, value in ops.items():
            if value is None:
                continue
            if op not in allowed:
                raise WhereError(
                    f"{prop.name} takes {', '.join(sorted(allowed))}, not {op!r}", f"{path}.{op}"
                )
            parts.append(self.compare(prop, op, value, f"{var}.{prop.name}", f"{path}.{op}"))
            anchored = anchored or (prop.indexed and op in _SEEKS)
        if not parts:
            raise WhereError(f"give {prop.name} at least one operator", path)
        if prop.name == "name" and label in (Label.PERSON, None):
            # A reader shown a masked name must not spell it out one prefix at a time.
            rule = matchable(label, self.role, var)
            if rule != "true":
                parts.append(rule)
        return (parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"), anchored

    def compare(self, prop: Prop, op: str, value: Any, subject: str, path: str) -> str:
        if op == "isNull":
            return f"{subject} IS NULL" if value else f"{subject} IS NOT NULL"
        if op == "contains":
            if not CONTAINS_MIN <= len(value) <= CONTAINS_MAX:
                raise WhereError(
                    f"contains looks for {CONTAINS_MIN} to {CONTAINS_MAX} characters", path
                )
            return f"{subject} CONTAINS {self.param(value)}"
        if op == "startsWith":
            return f"{subject} STARTS WITH {self.param(value)}"
        if op == "in":
            if not isinstance(value, list):
                raise WhereError("in takes a list", path)
            param = self.param(value)
            self.lists[path] = param[1:]
            return f"{subject} IN {param}"
        if op == "includes":
            return f"{self.param(value)} IN {subject}"
        if op == "includesAny":
            return f"any(x IN {subject} WHERE x IN {self.param(value)})"
        return f"{subject} {_ORDERED[op]} {self.param(value)}"

    def relation(
        self, relation: Relation, value: Mapping[str, Any], var: str, path: str, depth: int
    ) -> tuple[str, bool]:
        parts: list[str] = []
        for quantifier, inner in value.items():
            if inner is None:
                continue
            if quantifier not in QUANTIFIERS:
                raise WhereError(
                    f"a relationship filter takes some or none, not {quantifier!r}",
                    f"{path}.{quantifier}",
                )
            self.vars += 1
            other = f"m{self.vars}"
            text, _ = self.node(relation.target, inner, other, f"{path}.{quantifier}", depth + 1)
            # Related rows the reader may not see neither match nor fail to: they are absent.
            rule = visible(relation.target, self.role, other)
            text = " AND ".join(part for part in (text, rule) if part != "true") or "true"
            pattern = relation.path.format(v=var, m=other)
            where = "" if text == "true" else f" WHERE {text}"
            parts.append(f"{QUANTIFIERS[quantifier]} {{ MATCH {pattern}{where} }}")
        if not parts:
            raise WhereError("give some or none", path)
        # A relationship seldom anchors a search well enough to bound it; say it does not.
        return (parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"), False

    def param(self, value: Any) -> str:
        if len(self.params) >= MAX_PREDICATES:
            raise WhereError(f"a filter holds at most {MAX_PREDICATES} values", "where")
        name = f"w{len(self.params)}"
        self.params[name] = value
        return f"${name}"
