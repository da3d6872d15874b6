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
from graph.records import Projected

# A page is a keyset over its sort keys and the key (graph.cypher.order): "after" means strictly
# past the cursor's values, so rows inserted while a client pages never shift or repeat the rows
# it has not yet seen.

# Located in the area or one below it. Spelled as "the place itself, or below it": most rows
# tested lie elsewhere, and one walk up from their place costs a fifth of the `PART_OF*0..`
# search from every row (measured on the demo graph).
_IN_AREA = (
    "EXISTS { MATCH (n)-[:LOCATED_IN]->(place:Area) WHERE place.key = $area"
    " OR EXISTS { (place)-[:PART_OF*1..]->(:Area {key: $area}) } }"
)

# Each filter a client may give is one predicate; a statement holds only the filters given, so
# that Neo4j plans each combination for its indexes (an `$x IS NULL OR …` clause defeats them).
FILTERS: dict[Label, dict[str, str]] = {
    Label.ORGANIZATION: {
        "kinds": "n.kind IN $kinds",
        "namePrefix": "n.name STARTS WITH $namePrefix",
        "area": _IN_AREA,
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
        "area": _IN_AREA,
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

# Sorts that an index on (property, sort) also serves: given a list of the property's values,
# a page reads each value's run of that index in sort order and merges the runs, so a list of
# rare states costs their few rows and a common one stops after a page (graph/cypher/schema.py).
# Each entry names the property and the fixed filter that gives a list of its values; it applies
# when the sort leads the order.
SPLITS: dict[tuple[Label, str], tuple[str, str]] = {
    (Label.ISSUE, "reportedAt"): ("state", "states"),
}

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

# Each value's run is read in index order (the value first in ORDER BY lets the planner see
# that the index provides it), cut at a page, and the runs' pages are merged.
_SPLIT_PAGE = (
    "CALL () {{ {total} }} "
    "CALL () {{ UNWIND ${split} AS value WITH DISTINCT value "
    "CALL (value) {{ {source} WHERE n.{prop} = value AND {where} "
    "WITH n ORDER BY n.{prop} {lead}, {order} LIMIT $limit "
    "RETURN n }} "
    "WITH n ORDER BY {order} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "RETURN total, nodes"
)

_TOTAL = "{source} WHERE {where} RETURN count(n) AS total"
NO_TOTAL = "RETURN null AS total"
# Only the total was asked for: no rows are read in order, none are projected.
_TOTAL_ONLY = "CALL () {{ {total} }} RETURN total, [] AS nodes"

_RELATED_PAGE = (
    "UNWIND $keys AS parentKey "
    "MATCH (a:{parent} {{key: parentKey}}) "
    "CALL (a) {{ MATCH {pattern} WHERE {where} "
    "WITH n ORDER BY {order} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "CALL (a) {{ {total} }} "
    "RETURN parentKey, nodes, total"
)
# With a list of values to split by, a parent with few related rows has them read whole, as
# above; a parent with many (its degree, read without touching them, is over FANOUT) has each
# value's index run read in order instead, keeping those rows related to it, and the runs merged.
FANOUT = 2000
_RELATED_SPLIT_PAGE = (
    "UNWIND $keys AS parentKey "
    "MATCH (a:{parent} {{key: parentKey}}) "
    "CALL (a) {{ "
    "CALL (a) {{ WITH a WHERE COUNT {{ {degree} }} <= {fanout} "
    "MATCH {pattern} WHERE {where} "
    "WITH n ORDER BY {order} LIMIT $limit RETURN n "
    "UNION ALL WITH a WHERE COUNT {{ {degree} }} > {fanout} "
    "UNWIND ${split} AS value WITH DISTINCT a, value "
    "CALL (a, value) {{ MATCH (n:{target}) WHERE n.{prop} = value AND {where} "
    "AND EXISTS {{ {pattern} }} "
    "WITH n ORDER BY n.{prop} {lead}, {order} LIMIT $limit "
    "RETURN n }} RETURN n }} "
    "WITH n ORDER BY {order} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "CALL (a) {{ {total} }} "
    "RETURN parentKey, nodes, total"
)
_RELATED_TOTAL = "MATCH {pattern} WHERE {filters} RETURN count(n) AS total"
# Each parent's total alone: one count per parent, nothing sorted or collected.
_RELATED_TOTALS = (
    "UNWIND $keys AS parentKey "
    "MATCH (a:{parent} {{key: parentKey}}) "
    "OPTIONAL MATCH {pattern} WHERE {filters} "
    "RETURN parentKey, [] AS nodes, count(n) AS total"
)

# Totals of a list of rare values (open states) start from those values' index entries; a
# bounded probe of the index tells rare from common at run time, and common values are
# counted per parent instead, so neither case reads much more than the other plan would.
SPLIT_PROBE = 1000
_RELATED_SPLIT_TOTALS = (
    "CALL () {{ MATCH (n:{target}) WHERE n.{prop} IN ${split} WITH n LIMIT {probe} "
    "RETURN count(n) < {probe} AS few }} "
    "CALL (few) {{ WITH few WHERE few "
    "MATCH {pattern} USING INDEX n:{target}({prop}) "
    "WHERE n.{prop} IN ${split} AND a:{parent} AND a.key IN $keys AND {filters} "
    "RETURN a.key AS parentKey, count(n) AS total "
    "UNION ALL WITH few WHERE NOT few "
    "UNWIND $keys AS parentKey MATCH (a:{parent} {{key: parentKey}}) "
    "OPTIONAL MATCH {pattern} WHERE {filters} "
    "RETURN parentKey, count(n) AS total }} "
    "RETURN parentKey, [] AS nodes, total"
)

_PATTERNS = {
    "OUT": "(a)-[:{rel}]->(n:{target})",
    "IN": "(a)<-[:{rel}]-(n:{target})",
}
# A parent's degree over the relationship: Neo4j reads it from the node, not the rows.
_DEGREES = {"OUT": "(a)-[:{rel}]->()", "IN": "(a)<-[:{rel}]-()"}


def reads_whole_label(label: Label, role: str) -> bool:
    """Whether a root page of `label` starts from every node of it, not from the role's own."""
    return not (label is Label.ISSUE and role in _ISSUE_SCOPES)


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
    # The parameter holding the list of values whose index runs a page merges (SPLITS), if any.
    split: str = ""
    # The properties the reader selected, or None for every one (graph.records.Projected).
    props: Projected | None = None

    @property
    def scoped(self) -> bool:
        """Whether the rows come from the role's own issues rather than the whole label."""
        return not reads_whole_label(self.label, self.role)

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

    def split_by(self) -> tuple[str, str] | None:
        """The (property, filter) whose index runs this page merges, if its values were listed."""
        if not self.split or len(self.order) < 2:
            return None
        return SPLITS.get((self.label, self.order[0][0]))

    def lead(self) -> str:
        """The direction of the leading sort key."""
        return "ASC" if self.order[0][1] else "DESC"

    def _after(self) -> str:
        return keyset(self.label, self.values(), self.order, self.cursor)


@cache
def page(shape: PageShape, with_total: bool, with_nodes: bool = True) -> str:
    """One keyset page of a label's nodes, and their total if asked; only the total if no rows."""
    label = Label(shape.label)
    source = shape.source()
    where = shape.where(paged=False, scoped=shape.scoped)
    total = _TOTAL.format(source=source, where=where) if with_total else NO_TOTAL
    if not with_nodes:
        return _TOTAL_ONLY.format(total=total)
    template = _PAGE
    split = shape.split_by()
    # A restricted role's own issues are few already: its scope is read whole, not split.
    if split is not None and not shape.scoped:
        template = _SPLIT_PAGE
    return template.format(
        total=total,
        source=source,
        where=shape.where(scoped=shape.scoped),
        order=shape.order_by(),
        skip=" SKIP $offset" if shape.skip else "",
        projection=projection(label, shape.role, props=shape.props),
        split=shape.split,
        prop=split[0] if split else "",
        lead=shape.lead(),
    )


@cache
def related_page(
    parent: Label,
    rel: Rel,
    direction: str,
    shape: PageShape,
    with_total: bool,
    with_nodes: bool = True,
) -> str:
    """One keyset page of related nodes for each of many parents, and each one's total if asked.

    Without rows (only totals asked for), each parent's total alone.
    """
    pattern = _PATTERNS[direction].format(rel=Rel(rel), target=Label(shape.label))
    split = shape.split_by()
    if not with_nodes:
        template = _RELATED_SPLIT_TOTALS if split else _RELATED_TOTALS
        return template.format(
            parent=Label(parent),
            target=Label(shape.label),
            pattern=pattern,
            filters=shape.where(paged=False),
            split=shape.split,
            prop=split[0] if split else "",
            probe=SPLIT_PROBE,
        )
    total = _RELATED_TOTAL.format(pattern=pattern, filters=shape.where(paged=False))
    return (_RELATED_SPLIT_PAGE if split else _RELATED_PAGE).format(
        target=Label(shape.label),
        degree=_DEGREES[direction].format(rel=Rel(rel)),
        fanout=FANOUT,
        split=shape.split,
        prop=split[0] if split else "",
        lead=shape.lead(),
        parent=Label(parent),
        pattern=pattern,
        where=shape.where(),
        total=total if with_total else NO_TOTAL,
        order=shape.order_by(),
        projection=projection(shape.label, shape.role, props=shape.props),
    )
