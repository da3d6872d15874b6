"""Keyset pages of a label's nodes, or of each parent's related nodes, with their totals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.cypher.access import matchable, projection, shown_name, visible
from graph.cypher.intake import INTAKE_LINK_FILTERS
from graph.cypher.order import Sort, keyset, order_by, sort_property
from graph.cypher.suggestions import SUGGESTION_FILTERS
from graph.cypher.visits import VISIT_FILTERS
from graph.model import Label, Rel

# A page is a keyset over its sort keys and the key (graph.cypher.order): "after" means strictly
# past the cursor's values, so rows inserted while a client pages never shift or repeat the rows
# it has not yet seen.

# Each filter a client may give is one predicate; a statement holds only the filters given, so
# that Neo4j plans each combination for its indexes (an `$x IS NULL OR …` clause defeats them).
FILTERS: dict[Label, dict[str, str]] = {
    Label.ORGANIZATION: {
        "kinds": "n.kind IN $kinds",
        "namePrefix": "n.name STARTS WITH $namePrefix",
        "area": "EXISTS { (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Area {key: $area}) }",
    },
    Label.PERSON: {
        "roles": "any(role IN n.roles WHERE role IN $roles)",
        "namePrefix": "n.name STARTS WITH $namePrefix",
        "organization": "EXISTS { (n)-[:MEMBER_OF]->(:Organization {key: $organization}) }",
    },
    Label.AREA: {
        "levels": "n.level IN $levels",
        "namePrefix": "n.name STARTS WITH $namePrefix",
        "area": "EXISTS { (n)-[:PART_OF*1..]->(:Area {key: $area}) }",
    },
    Label.ISSUE: {
        "states": "n.state IN $states",
        "channels": "n.channel IN $channels",
        "from": "n.reportedAt >= $from",
        "to": "n.reportedAt < $to",
        "titlePrefix": "n.title STARTS WITH $titlePrefix",
        "category": (
            "EXISTS { (n)-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..]->"
            "(:Category {key: $category}) }"
        ),
        "area": "EXISTS { (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Area {key: $area}) }",
        "organization": "EXISTS { (n)-[:ASSIGNED_TO]->(:Organization {key: $organization}) }",
    },
    Label.PROJECT: {
        "kinds": "n.kind IN $kinds",
        "statuses": "n.status IN $statuses",
        "namePrefix": "n.name STARTS WITH $namePrefix",
        "from": "n.startDate >= $from",
        "to": "n.startDate < $to",
    },
    Label.MEETING: {
        "kinds": "n.kind IN $kinds",
        "from": "n.heldOn >= $from",
        "to": "n.heldOn < $to",
        "titlePrefix": "n.title STARTS WITH $titlePrefix",
    },
}

FILTERS[Label.COMMUNITY] = FILTERS[Label.AREA]
FILTERS[Label.INTAKE_LINK] = INTAKE_LINK_FILTERS
FILTERS[Label.SUGGESTION] = SUGGESTION_FILTERS
FILTERS[Label.VISIT] = VISIT_FILTERS

# Filters that match a name: on a person, they hold only where the reader sees the name whole.
_NAME_FILTERS = frozenset({"namePrefix"})

# Where a restricted role's issues are found: from its organization or person, not by testing
# every issue (a small unit's first page would read the whole index for its few issues).
_ISSUE_SCOPES = {
    "COORDINATOR": (
        "CALL () {{"
        " MATCH (:Organization {{key: $viewer.org}})<-[:PART_OF*0..]-(:Organization)"
        "<-[:ASSIGNED_TO]-(n:Issue) RETURN n"
        " UNION MATCH (:Organization {{key: $viewer.org}})<-[:SUMMONS]-(:Whistle)-[:ABOUT]->"
        "(n:Issue) RETURN n"
        " UNION MATCH (c:Organization {{key: $viewer.org}}) WHERE c.kind = 'CENTER'"
        " MATCH (n:Issue) RETURN n }} WITH n"
    ),
    "OBSERVER": (
        "CALL () {{"
        " MATCH (:Person {{key: $viewer.person}})-[:OBSERVES]->(:Community)<-[:PART_OF*0..]-"
        "(:Area)<-[:LOCATED_IN]-(n:Issue) RETURN n"
        " UNION MATCH (:Person {{key: $viewer.person}})-[:REPORTED]->(n:Issue) RETURN n }} WITH n"
    ),
    "VIEWER": "MATCH (n:Issue) WHERE false WITH n",
}

_PAGE = (
    "CALL () {{ {total} }} "
    "CALL () {{ {source} WHERE {where} "
    "WITH n ORDER BY {order}{skip} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "RETURN total, nodes"
)

_TOTAL = "{source} WHERE {where} RETURN count(n) AS total"
NO_TOTAL = "RETURN null AS total"

_RELATED_PAGE = (
    "UNWIND $keys AS parentKey "
    "MATCH (a:{parent} {{key: parentKey}}) "
    "CALL (a) {{ MATCH {pattern} WHERE {where} "
    "WITH n ORDER BY {order} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "CALL (a) {{ {total} }} "
    "RETURN parentKey, nodes, total"
)
_RELATED_TOTAL = "MATCH {pattern} WHERE {filters} RETURN count(n) AS total"

_PATTERNS = {
    "OUT": "(a)-[:{rel}]->(n:{target})",
    "IN": "(a)<-[:{rel}]-(n:{target})",
}


@dataclass(frozen=True)
class PageShape:
    """What decides a page statement: label, order, the filters given, the cursor, the role."""

    label: Label
    # The sort keys in fetch direction, ending with the key (graph.cypher.order).
    order: tuple[Sort, ...]
    filters: frozenset[str]
    # Per sort key before the key, whether the cursor row has a value; None without a cursor.
    cursor: tuple[bool, ...] | None
    role: str
    # A compiled `where` (graph.cypher.where), its values among the statement's parameters.
    where_text: str = "true"
    # Whether rows are skipped ($offset) before the page: a table's page jump.
    skip: bool = False

    @property
    def scoped(self) -> bool:
        """Whether the rows come from the role's own issues rather than the whole label."""
        return self.label is Label.ISSUE and self.role in _ISSUE_SCOPES

    def source(self) -> str:
        """Where the rows come from: the role's own issues, or every node of the label."""
        if self.scoped:
            return _ISSUE_SCOPES[self.role].format()
        return f"MATCH (n:{Label(self.label)})"

    def where(self, *, paged: bool = True, scoped: bool = False) -> str:
        """The filters given, the role's row rule unless `scoped`, and the keyset if `paged`."""
        known = FILTERS.get(self.label, {})
        unknown = self.filters - set(known)
        if unknown:
            raise ValueError(f"unknown {self.label} filters: {sorted(unknown)}")
        parts = [known[name] for name in sorted(self.filters)] + [self.where_text]
        if self.filters & _NAME_FILTERS:
            parts.append(matchable(self.label, self.role))
        rule = "true" if scoped else visible(self.label, self.role)
        if rule != "true":
            parts.append(rule)
        if paged:
            parts.append(self._after())
        return " AND ".join(part for part in parts if part and part != "true") or "true"

    def values(self) -> list[str]:
        """Row `n`'s sort values as the reader is shown them: order and cursors reveal no more."""
        return [self._shown(name) for name, _ in self.order[:-1]]

    def order_by(self) -> str:
        """The statement's ORDER BY list, the key last."""
        return order_by(self.values(), self.order)

    def _shown(self, name: str) -> str:
        name = sort_property(name)
        return shown_name(self.label, self.role) if name == "name" else f"n.{name}"

    def _after(self) -> str:
        return keyset(self.label, self.values(), self.order, self.cursor)


@cache
def page(shape: PageShape, with_total: bool) -> str:
    """One keyset page of a label's nodes, and their total if asked."""
    label = Label(shape.label)
    source = shape.source()
    where = shape.where(paged=False, scoped=shape.scoped)
    total = _TOTAL.format(source=source, where=where) if with_total else NO_TOTAL
    return _PAGE.format(
        total=total,
        source=source,
        where=shape.where(scoped=shape.scoped),
        order=shape.order_by(),
        skip=" SKIP $offset" if shape.skip else "",
        projection=projection(label, shape.role),
    )


@cache
def related_page(
    parent: Label, rel: Rel, direction: str, shape: PageShape, with_total: bool
) -> str:
    """One keyset page of related nodes for each of many parents, and each one's total if asked."""
    pattern = _PATTERNS[direction].format(rel=Rel(rel), target=Label(shape.label))
    total = _RELATED_TOTAL.format(pattern=pattern, filters=shape.where(paged=False))
    return _RELATED_PAGE.format(
        parent=Label(parent),
        pattern=pattern,
        where=shape.where(),
        total=total if with_total else NO_TOTAL,
        order=shape.order_by(),
        projection=projection(shape.label, shape.role),
    )
