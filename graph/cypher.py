"""Every Cypher statement Lianxin runs, as named constants with $parameters.

Labels and relationship types cannot be parameters in Cypher, so a few statements are
templates filled from the closed enums in `graph.model`, never from user input.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.model import KEYED_LABELS, Label, Rel

_KEY_CONSTRAINT = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"

KEY_CONSTRAINTS: tuple[str, ...] = tuple(
    _KEY_CONSTRAINT.format(name=f"{label.lower()}_key", label=label) for label in KEYED_LABELS
)

INDEXES: tuple[str, ...] = (
    "CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind)",
    "CREATE INDEX area_level IF NOT EXISTS FOR (n:Area) ON (n.level)",
    "CREATE INDEX issue_state IF NOT EXISTS FOR (n:Issue) ON (n.state)",
    "CREATE INDEX issue_reported_at IF NOT EXISTS FOR (n:Issue) ON (n.reportedAt)",
    "CREATE INDEX issue_channel IF NOT EXISTS FOR (n:Issue) ON (n.channel)",
    "CREATE INDEX person_phone IF NOT EXISTS FOR (n:Person) ON (n.phone)",
    "CREATE INDEX issue_event_seq IF NOT EXISTS FOR (n:IssueEvent) ON (n.seq)",
    "CREATE INDEX project_kind IF NOT EXISTS FOR (n:Project) ON (n.kind)",
    "CREATE INDEX observation_indicator IF NOT EXISTS FOR (n:Observation) ON (n.indicator)",
    # Bigrams for Chinese text: the default analyzer would index a whole title as one token.
    "CREATE FULLTEXT INDEX search IF NOT EXISTS "
    "FOR (n:Issue|Organization|Person|Project|Area) ON EACH [n.title, n.description, n.name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    "CREATE CONSTRAINT issue_client_request IF NOT EXISTS "
    "FOR (n:Issue) REQUIRE n.clientRequestId IS UNIQUE",
)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# Each key constraint is backed by an index of the same name, so indexes list both.
SHOW_SCHEMA = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"

# Temporal values travel as ISO strings and are parsed by Neo4j: the driver's own encoding
# of Python datetimes costs ~150 µs each, which dominated bulk loads.
_SET_TEMPORAL = {
    "datetimes": "FOREACH (k IN keys(row.datetimes) | SET {var}[k] = datetime(row.datetimes[k]))",
    "localDatetimes": (
        "FOREACH (k IN keys(row.localDatetimes) | "
        "SET {var}[k] = localdatetime(row.localDatetimes[k]))"
    ),
    "dates": "FOREACH (k IN keys(row.dates) | SET {var}[k] = date(row.dates[k]))",
}

# The keys of a row's temporal maps, as graph.records.split_temporals names them.
TEMPORAL_KINDS: frozenset[str] = frozenset(_SET_TEMPORAL)

_SET_TEMPORALS = " ".join(_SET_TEMPORAL.values())

_UPSERT_NODES = (
    "UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n += row.props "
    + _SET_TEMPORALS.format(var="n")
)

# Communities are areas with a second label; they merge on the Area key.
_UPSERT_COMMUNITIES = (
    "UNWIND $rows AS row MERGE (n:Area {key: row.key}) SET n:Community, n += row.props "
    + _SET_TEMPORALS.format(var="n")
)

UPSERT_NODES: dict[Label, str] = {
    label: _UPSERT_COMMUNITIES if label is Label.COMMUNITY else _UPSERT_NODES.format(label=label)
    for label in Label
}

_UPSERT_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}}) "
    "MATCH (b:{end} {{key: row.end}}) "
    "MERGE (a)-[r:{rel}]->(b) SET r += row.props "
    + _SET_TEMPORALS.format(var="r")
    + " RETURN count(r) AS written"
)


@cache
def upsert_relationships(rel: Rel, start: Label, end: Label) -> str:
    """The MERGE statement for relationships of one type between two labels."""
    return _UPSERT_RELATIONSHIPS.format(rel=Rel(rel), start=Label(start), end=Label(end))


# --- Bulk writes ------------------------------------------------------------------------------
# Each FOREACH over a temporal map puts an Eager barrier in the plan even when the map is
# empty, so bulk writes name only the kinds their batch holds. CREATE skips MERGE's lookup and
# its locks; it is for keys the caller made up itself and knows to be new (bench/generate.py).

_WRITE_NODES = "UNWIND $rows AS row {verb} (n:{label} {{key: row.key}}) SET n += row.props"
_WRITE_COMMUNITIES = {
    "MERGE": "UNWIND $rows AS row MERGE (n:Area {key: row.key}) SET n:Community, n += row.props",
    "CREATE": "UNWIND $rows AS row CREATE (n:Area:Community {key: row.key}) SET n += row.props",
}

_WRITE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}}) "
    "MATCH (b:{end} {{key: row.end}}) "
    "{verb} (a)-[r:{rel}]->(b) SET r += row.props{temporals} "
    "RETURN count(r) AS written"
)


def _temporal_clauses(var: str, kinds: frozenset[str]) -> str:
    unknown = kinds - TEMPORAL_KINDS
    if unknown:
        raise ValueError(f"not a temporal kind: {sorted(unknown)}")
    # Dict order, not set order, so one batch shape always yields one statement text.
    return "".join(
        " " + clause.format(var=var) for kind, clause in _SET_TEMPORAL.items() if kind in kinds
    )


@cache
def write_nodes(label: Label, temporals: frozenset[str], create: bool = False) -> str:
    """MERGE (or CREATE) nodes of one label, parsing only the given temporal kinds."""
    verb = "CREATE" if create else "MERGE"
    if label is Label.COMMUNITY:
        head = _WRITE_COMMUNITIES[verb]
    else:
        head = _WRITE_NODES.format(verb=verb, label=Label(label))
    return head + _temporal_clauses("n", temporals)


@cache
def write_relationships(
    rel: Rel, start: Label, end: Label, temporals: frozenset[str], create: bool = False
) -> str:
    """MERGE (or CREATE) relationships of one type, parsing only the given temporal kinds."""
    return _WRITE_RELATIONSHIPS.format(
        verb="CREATE" if create else "MERGE",
        rel=Rel(rel),
        start=Label(start),
        end=Label(end),
        temporals=_temporal_clauses("r", temporals),
    )


# --- Access -----------------------------------------------------------------------------------
# The row rules of resolvers/access.py, as predicates on a node variable that read the
# `$viewer` map {role, org, person}. ADMIN reads every row whole, so its statements carry none.

FULL_ACCESS = "ADMIN"
# Roles whose reads carry no predicate: admins, and the coordinators of a center.
UNRESTRICTED = frozenset({FULL_ACCESS, "CENTER"})

_CENTER_VIEWER = "EXISTS {{ MATCH (c:Organization {{key: $viewer.org}}) WHERE c.kind = 'CENTER' }}"

_ISSUE_RULES = {
    "COORDINATOR": (
        "(" + _CENTER_VIEWER
        + " OR EXISTS {{ ({v})-[:ASSIGNED_TO]->(:Organization)-[:PART_OF*0..]->"
        "(:Organization {{key: $viewer.org}}) }}"
        " OR EXISTS {{ ({v})<-[:ABOUT]-(:Whistle)-[:SUMMONS]->"
        "(:Organization {{key: $viewer.org}}) }})"
    ),
    "OBSERVER": (
        "(EXISTS {{ ({v})-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Community)"
        "<-[:OBSERVES]-(:Person {{key: $viewer.person}}) }}"
        " OR EXISTS {{ ({v})<-[:REPORTED]-(:Person {{key: $viewer.person}}) }})"
    ),
    "VIEWER": "false",
}

# A private resident: observers, coordinators and staff are residents too, but public ones.
_RESIDENT = (
    "('RESIDENT' IN coalesce({v}.roles, [])"
    " AND none(role IN {v}.roles WHERE role IN ['OBSERVER', 'COORDINATOR', 'STAFF']))"
)

_PERSON_RULES = {"VIEWER": "NOT " + _RESIDENT}

# Whose name and phone number a role sees whole: its own, and for a coordinator those of
# residents who reported an issue its organization handles (a center handles them all).
_UNMASKED = {
    "COORDINATOR": (
        "({v}.key = $viewer.person OR " + _CENTER_VIEWER
        + " OR EXISTS {{ ({v})-[:REPORTED]->(:Issue)-[:ASSIGNED_TO]->(:Organization)"
        "-[:PART_OF*0..]->(:Organization {{key: $viewer.org}}) }})"
    ),
    "OBSERVER": "{v}.key = $viewer.person",
    "VIEWER": "false",
}

_PLAIN = "{v} {{.*, _labels: labels({v})}}"
_MASKED = (
    "{v} {{.*, _labels: labels({v}),"
    " name: left({v}.name, 1) + reduce(s = '', c IN range(2, size({v}.name)) | s + '*'),"
    " phone: CASE WHEN {v}.phone IS NULL THEN null WHEN size({v}.phone) >= 8"
    " THEN left({v}.phone, 3) + '****' + right({v}.phone, 4) ELSE '****' END}}"
)


def visible(label: Label | None, role: str, var: str = "n") -> str:
    """The row rule for `role` on nodes bound to `var`, of `label` or of any label if None."""
    if role in UNRESTRICTED:
        return "true"
    rules = []
    for ruled, table in ((Label.ISSUE, _ISSUE_RULES), (Label.PERSON, _PERSON_RULES)):
        rule = table.get(role)
        if rule is None or label not in (ruled, None):
            continue
        rule = rule.format(v=var)
        rules.append(rule if label is not None else f"(NOT {var}:{ruled} OR {rule})")
    return " AND ".join(rules) or "true"


def projection(label: Label | None, role: str, var: str = "n") -> str:
    """A node as a map with its labels, residents' names and phones masked where the role must."""
    plain = _PLAIN.format(v=var)
    if role in UNRESTRICTED or label not in (Label.PERSON, None):
        return plain
    person = f"{var}:Person AND " if label is None else ""
    masked = f"{person}{_RESIDENT.format(v=var)} AND NOT {_UNMASKED[role].format(v=var)}"
    return f"CASE WHEN {masked} THEN {_MASKED.format(v=var)} ELSE {plain} END"


_GET_NODES = (
    "UNWIND $keys AS key "
    "OPTIONAL MATCH (n:{label} {{key: key}}) WHERE {visible} "
    "RETURN key, CASE WHEN n IS NULL THEN null ELSE {projection} END AS node"
)


@cache
def get_nodes(label: Label, role: str) -> str:
    """Nodes of one label by key, as the role may see them; null where absent or hidden."""
    return _GET_NODES.format(
        label=Label(label), visible=visible(label, role), projection=projection(label, role)
    )


_NEIGHBORS = {
    "OUT": "(a)-[r:{rel}]->(b{target})",
    "IN": "(a)<-[r:{rel}]-(b{target})",
    "BOTH": "(a)-[r:{rel}]-(b{target})",
}

_NEIGHBORS_QUERY = (
    "UNWIND $keys AS key "
    "MATCH (a:{label} {{key: key}}) "
    "MATCH {pattern} WHERE {visible} "
    "RETURN key, {projection} AS node, properties(r) AS rel "
    "ORDER BY key, b.key"
)


@cache
def neighbors(
    label: Label, rel: Rel, direction: str, target: Label | None, role: str
) -> str:
    """The batched neighbour read for one label, relationship, direction, target and role."""
    only = f":{Label(target)}" if target is not None else ""
    pattern = _NEIGHBORS[direction].format(rel=Rel(rel), target=only)
    return _NEIGHBORS_QUERY.format(
        label=Label(label),
        pattern=pattern,
        visible=visible(target, role, "b"),
        projection=projection(target, role, "b"),
    )


# COUNT { } over a bare label or type is answered from Neo4j's count store, not a scan.
COUNT_BY_LABEL = "RETURN {{{}}} AS counts".format(
    ", ".join(f"{label}: COUNT {{ (:{label}) }}" for label in Label)
)

COUNT_BY_RELATIONSHIP = "RETURN {{{}}} AS counts".format(
    ", ".join(f"{rel}: COUNT {{ ()-[:{rel}]->() }}" for rel in Rel)
)

DELETE_ALL = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

DOMAIN_STATS = """
CALL () { MATCH (c:Community) RETURN count(c) AS communities }
CALL () {
  MATCH (o:Organization {kind: 'REGIONAL_UNIT'}) RETURN count(o) AS regionalUnits
}
CALL () {
  MATCH (p:Person)-[:OBSERVES]->(:Community) WHERE 'OBSERVER' IN p.roles
  RETURN count(DISTINCT p) AS observers
}
CALL () { MATCH (s:Station) RETURN count(s) AS stations }
CALL () {
  MATCH (p:Person)-[:STATIONED_AT]->(:Station) RETURN count(DISTINCT p) AS stationStaff
}
CALL () { MATCH (p:Project {kind: 'LIVELIHOOD'}) RETURN count(p) AS livelihoodProjects }
CALL () {
  MATCH (:Meeting)-[:RESOLVED]->(i:Issue) RETURN count(DISTINCT i) AS jointlyResolvedIssues
}
RETURN communities, regionalUnits, observers, stations, stationStaff, livelihoodProjects,
       jointlyResolvedIssues
"""

RELOCATION_SUMMARIES = """
MATCH (p:Project {kind: 'RELOCATION'})
CALL (p) {
  OPTIONAL MATCH (p)-[:RELOCATES]->(s:Site)
  RETURN count(s) AS compounds, sum(s.landMu) AS landMu
}
CALL (p) {
  OPTIONAL MATCH (p)-[:RELOCATES]->(:Site)-[:OWNED_BY]->(u:Organization)
  RETURN count(DISTINCT u) AS units
}
RETURN p.key AS key, p.name AS name, units, compounds, landMu,
       COUNT { (:Meeting)-[:ABOUT]->(p) } AS meetings,
       duration.inDays(p.startDate, p.endDate).days AS days
ORDER BY p.key
"""

# --- Paging -----------------------------------------------------------------------------------
# A page is a keyset over (sort property, key): "after" means strictly past the cursor's pair,
# so rows inserted while a client pages never shift or repeat the rows it has not yet seen.

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

# Sort properties every node of the label has: intake, ledgers and the seed all set an issue's
# reportedAt. For them the keyset test is a range on the property's index, which also hands
# rows over in order, so page 500 costs what page 1 does.
SET_SORTS: frozenset[tuple[Label, str]] = frozenset({(Label.ISSUE, "reportedAt")})

# Where a sort property may be missing, Neo4j puts those rows last ascending and first
# descending; the "past the cursor" test then spells out where they stand (no index helps).
_AFTER_NULLABLE = {
    True: (
        "(CASE WHEN $cursorValue IS NULL THEN n.{sort} IS NULL AND n.key > $cursorKey"
        " ELSE n.{sort} > $cursorValue OR (n.{sort} = $cursorValue AND n.key > $cursorKey)"
        " OR n.{sort} IS NULL END)"
    ),
    False: (
        "(CASE WHEN $cursorValue IS NULL THEN n.{sort} IS NOT NULL OR n.key < $cursorKey"
        " ELSE n.{sort} < $cursorValue OR (n.{sort} = $cursorValue AND n.key < $cursorKey) END)"
    ),
}
_AFTER_SET = {
    True: "n.{sort} >= $cursorValue AND (n.{sort} > $cursorValue OR n.key > $cursorKey)",
    False: "n.{sort} <= $cursorValue AND (n.{sort} < $cursorValue OR n.key < $cursorKey)",
}
_AFTER_KEY = {True: "n.key > $cursorKey", False: "n.key < $cursorKey"}

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
    "WITH n ORDER BY n.{sort} {direction}, n.key {direction} LIMIT $limit "
    "RETURN collect({projection}) AS nodes }} "
    "RETURN total, nodes"
)

_TOTAL = "{source} WHERE {where} RETURN count(n) AS total"
_NO_TOTAL = "RETURN null AS total"

_RELATED_PAGE = (
    "UNWIND $keys AS parentKey "
    "MATCH (a:{parent} {{key: parentKey}}) "
    "CALL (a) {{ MATCH {pattern} WHERE {where} "
    "WITH n ORDER BY n.{sort} {direction}, n.key {direction} LIMIT $limit "
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
    sort: str
    ascending: bool
    filters: frozenset[str]
    # "none", "value" (the cursor row has the sort value) or "null" (it has none).
    cursor: str
    role: str

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
        parts = [known[name] for name in sorted(self.filters)]
        rule = "true" if scoped else visible(self.label, self.role)
        if rule != "true":
            parts.append(rule)
        if paged:
            parts.append(self._after())
        return " AND ".join(part for part in parts if part) or "true"

    def _after(self) -> str:
        sort = _sort_property(self.sort)
        indexed = sort == "key" or (self.label, sort) in SET_SORTS
        if self.cursor == "none":
            # Naming the property lets Neo4j read the rows from its index, in order.
            return f"n.{sort} IS NOT NULL" if indexed else ""
        if sort == "key":
            return _AFTER_KEY[self.ascending]
        if indexed and self.cursor == "value":
            return _AFTER_SET[self.ascending].format(sort=sort)
        return _AFTER_NULLABLE[self.ascending].format(sort=sort)


@cache
def page(shape: PageShape, with_total: bool) -> str:
    """One keyset page of a label's nodes, and their total if asked."""
    label = Label(shape.label)
    source = shape.source()
    where = shape.where(paged=False, scoped=shape.scoped)
    total = _TOTAL.format(source=source, where=where) if with_total else _NO_TOTAL
    return _PAGE.format(
        total=total,
        source=source,
        where=shape.where(scoped=shape.scoped),
        sort=_sort_property(shape.sort),
        direction="ASC" if shape.ascending else "DESC",
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
        total=total if with_total else _NO_TOTAL,
        sort=_sort_property(shape.sort),
        direction="ASC" if shape.ascending else "DESC",
        projection=projection(shape.label, shape.role),
    )


def _sort_property(sort: str) -> str:
    # Sort properties come from the schema's OrderBy enums; refuse anything else outright.
    if not sort.isidentifier():
        raise ValueError(f"not a property name: {sort!r}")
    return sort


# --- Issue lifecycle -------------------------------------------------------------------------

# Writing to the issue first takes its write lock, so two transitions of one issue serialize
# and each sees the state the other left.
LOCK_ISSUE = (
    "MATCH (i:Issue {key: $key}) SET i.version = coalesce(i.version, 0) + 1 "
    "RETURN i.state AS state"
)

# Event numbers come from one Sequence node, created at the highest seq already stored.
APPEND_ISSUE_EVENT = """
MATCH (i:Issue {key: $key})
CALL () {
  OPTIONAL MATCH (e:IssueEvent) WHERE e.seq IS NOT NULL
  WITH e ORDER BY e.seq DESC LIMIT 1
  RETURN coalesce(e.seq, 0) AS top
}
MERGE (s:Sequence {key: 'issue-event'}) ON CREATE SET s.value = top
SET s.value = s.value + 1
SET i.state = $to, i += $props
FOREACH (k IN keys($datetimes) | SET i[k] = datetime($datetimes[k]))
FOREACH (k IN $increments | SET i[k] = coalesce(i[k], 0) + 1)
CREATE (i)-[:HAS_EVENT]->(e:IssueEvent {
  key: $eventKey, seq: s.value, at: datetime($at), fromState: $fromState, toState: $to,
  note: $note, actor: $actor
})
RETURN e.seq AS seq
"""

# With a clientRequestId, MERGE on its uniqueness constraint makes resubmission return the
# first issue instead of a second one, even when both requests race.
REPORT_ISSUE_ONCE = """
MERGE (i:Issue {clientRequestId: $clientRequestId})
ON CREATE SET i += $props, i.key = $key, i.state = 'RECEIVED', i.reportedAt = datetime($at),
  i.created = true
WITH i, i.created IS NOT NULL AS created
REMOVE i.created
RETURN i.key AS key, created
"""

REPORT_ISSUE = """
CREATE (i:Issue {key: $key})
SET i += $props, i.state = 'RECEIVED', i.reportedAt = datetime($at)
RETURN i.key AS key, true AS created
"""

LINK_REPORTED_ISSUE = """
MATCH (i:Issue {key: $key})
MATCH (c:Category {key: $category})
MATCH (a:Area {key: $area})
MERGE (i)-[:IN_CATEGORY]->(c)
MERGE (i)-[:LOCATED_IN]->(a)
WITH i
OPTIONAL MATCH (p:Person {key: $reporter})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END |
  MERGE (p)-[:REPORTED {at: i.reportedAt}]->(i))
WITH i
// A resident is stored once: found by phone number, made on the first report.
CALL (i) {
  WITH i WHERE $resident IS NOT NULL
  MERGE (r:Person {phone: $resident.phone})
  ON CREATE SET r.key = $resident.key, r.name = $resident.name, r.roles = ['RESIDENT']
  MERGE (r)-[:REPORTED {at: i.reportedAt}]->(i)
}
RETURN count(i) AS linked
"""

# A new dispatch replaces the lead (after 退单 the old lead no longer handles it).
ASSIGN_LEAD = """
MATCH (i:Issue {key: $key})
MATCH (o:Organization {key: $organization})
OPTIONAL MATCH (i)-[old:ASSIGNED_TO {role: 'LEAD'}]->()
DELETE old
MERGE (i)-[r:ASSIGNED_TO]->(o)
SET r.role = 'LEAD', r.viaRule = $viaRule, r.assignedAt = datetime($at), r.reason = $reason
RETURN count(r) AS assigned
"""

BLOW_WHISTLE = """
MATCH (i:Issue {key: $key})
CREATE (w:Whistle {key: $whistleKey, blownAt: datetime($at), reason: $reason})-[:ABOUT]->(i)
WITH i, w
UNWIND $summoned AS summon
MATCH (o:Organization {key: summon.organization})
CREATE (w)-[:SUMMONS {dueAt: datetime(summon.dueAt), level: summon.level}]->(o)
MERGE (i)-[r:ASSIGNED_TO]->(o)
ON CREATE SET r.role = 'ASSIST', r.assignedAt = datetime($at), r.viaWhistle = $whistleKey
RETURN count(o) AS summoned
"""

MARK_DUPLICATE = """
MATCH (i:Issue {key: $key})
MATCH (o:Issue {key: $original})
MERGE (i)-[:DUPLICATE_OF]->(o)
RETURN count(o) AS linked
"""

# --- Reference data -------------------------------------------------------------------------

_REPLACE_LINKS = """
MATCH (a:{label} {{key: $key}})
OPTIONAL MATCH {pattern}
DELETE old
WITH DISTINCT a
UNWIND $links AS link
MATCH (b:{target} {{key: link.key}})
MERGE {merge}
SET r += link.props
RETURN count(r) AS linked
"""

_REPLACE_PATTERNS = {
    "OUT": ("(a)-[old:{rel}]->(:{target})", "(a)-[r:{rel}]->(b)"),
    "IN": ("(a)<-[old:{rel}]-(:{target})", "(a)<-[r:{rel}]-(b)"),
}


@cache
def replace_links(label: Label, rel: Rel, target: Label, direction: str) -> str:
    """Make a node's links of one type to one label exactly the given ones."""
    old, new = _REPLACE_PATTERNS[direction]
    return _REPLACE_LINKS.format(
        label=Label(label),
        target=Label(target),
        pattern=old.format(rel=Rel(rel), target=Label(target)),
        merge=new.format(rel=Rel(rel)),
    )

# --- Routing: who handles an issue ----------------------------------------------------------

# One statement answers a routing question: every step below used to be its own round trip.
# It expects `category`, `area` and `on` (the date rules must be valid on) to be bound.
#
# Candidates: every rule matching the category or an ancestor and the area or an ancestor,
# with how far up each match was found (0 = the exact category or area), most specific first.
# The community: the first Community at or above the area.
# Similar issues: past issues of the same category that were solved, same community first,
# newest first. Walking down from the community touches only its own issues; the whole
# category is scanned only when the community has fewer than $similar of them, or when the
# area has no community (a street or the district holds too many issues to walk down).
# Parties: the lead, assists and escalation chain of the first valid candidate.
_ROUTE_BODY = """
CALL (category, area, on) {
  MATCH (c:Category {key: category})
  MATCH (a:Area {key: area})
  MATCH cpath = (c)-[:PART_OF*0..8]->(cat:Category)
  MATCH (cat)<-[:FOR_CATEGORY]-(r:RoutingRule)
  MATCH apath = (a)-[:PART_OF*0..8]->(ar:Area)
  MATCH (ar)<-[:FOR_AREA]-(r)
  WITH r, cat, ar, length(cpath) AS cd, length(apath) AS ad
  ORDER BY cd, ad
  WITH r, head(collect({cd: cd, ad: ad, category: cat.name, area: ar.name})) AS best
  WITH r, best,
       (r.validFrom IS NULL OR r.validFrom <= on) AND (r.validTo IS NULL OR r.validTo >= on)
         AS valid
  WITH {rule: r.key, name: r.name, priority: coalesce(r.priority, 0), valid: valid,
        categoryDistance: best.cd, areaDistance: best.ad,
        matchedCategory: best.category, matchedArea: best.area} AS candidate
  ORDER BY candidate.valid DESC, candidate.categoryDistance, candidate.areaDistance,
           candidate.priority DESC, candidate.rule
  LIMIT $candidates
  RETURN collect(candidate) AS candidates
}
CALL (area) {
  OPTIONAL MATCH (:Area {key: area})-[:PART_OF*0..8]->(c:Community)
  RETURN c.key AS community LIMIT 1
}
CALL (category, community) {
  WITH community WHERE community IS NOT NULL
  MATCH (:Area {key: community})<-[:PART_OF*0..8]-(:Area)<-[:LOCATED_IN]-(i:Issue)
  WHERE i.state IN ['RESOLVED', 'CLOSED'] AND i.resolvedAt IS NOT NULL AND i.key <> $exclude
    AND {visible}
    AND EXISTS { (i)-[:IN_CATEGORY]->(:Category {key: category}) }
  WITH DISTINCT i
  ORDER BY i.resolvedAt DESC, i.key
  LIMIT $similar
  RETURN collect(i) AS nearby
}
CALL (category, area, community, nearby) {
  WITH area, community, nearby WHERE size(nearby) < $similar
  MATCH (:Category {key: category})<-[:IN_CATEGORY]-(i:Issue)
  WHERE i.state IN ['RESOLVED', 'CLOSED'] AND i.resolvedAt IS NOT NULL AND i.key <> $exclude
    AND {visible}
    AND NOT i IN nearby
  WITH i, CASE WHEN community IS NULL
               THEN EXISTS { (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(:Area {key: area}) }
               ELSE false END AS same
  ORDER BY same DESC, i.resolvedAt DESC, i.key
  LIMIT $similar
  RETURN collect({issue: i, same: same}) AS farther
}
CALL (nearby, farther) {
  WITH [i IN nearby | {issue: i, same: true}] + farther AS picked
  UNWIND range(0, size(picked) - 1) AS rank
  WITH rank, picked[rank].issue AS i, picked[rank].same AS sameCommunity
  WHERE rank < $similar
  ORDER BY rank
  RETURN collect({
    issue: i {.*, _labels: labels(i)},
    sameCommunity: sameCommunity,
    solvedBy: COLLECT {
      MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(o:Organization) RETURN o.key
    }[0],
    secondsTaken: duration.inSeconds(i.reportedAt, i.resolvedAt).seconds
  }) AS similar
}
WITH *, [c IN candidates WHERE c.valid][0].rule AS chosen
CALL (chosen) {
  OPTIONAL MATCH (r:RoutingRule {key: chosen})
  RETURN r {.*} AS rule,
         COLLECT { MATCH (r)-[:LEAD]->(o:Organization) RETURN o.key ORDER BY o.key } AS leads,
         COLLECT { MATCH (r)-[:ASSIST]->(o:Organization) RETURN o.key ORDER BY o.key } AS assists,
         COLLECT {
           MATCH (r)-[e:ESCALATE]->(o:Organization)
           RETURN {organization: o.key, level: e.level, afterHours: e.afterHours}
           ORDER BY e.level, o.key
         } AS escalations
}
RETURN candidates, community, similar, rule, leads, assists, escalations,
       COLLECT {
         MATCH (o:Organization {kind: 'CENTER'}) RETURN o.key ORDER BY o.key LIMIT 1
       }[0] AS center
"""

# Who handles an issue of $category in $area, by the rules valid on $on.
_ROUTE = "WITH $category AS category, $area AS area, $on AS on" + _ROUTE_BODY

# The same for a filed issue, from its own category and area as of its dispatch (or report,
# or $now), with its properties and the rule it was dispatched under.
_ISSUE_ROUTE = (
    """
MATCH (issue:Issue {key: $key}) WHERE {issue_visible}
WITH issue,
     COLLECT { MATCH (issue)-[:IN_CATEGORY]->(c:Category) RETURN c.key }[0] AS category,
     COLLECT { MATCH (issue)-[:LOCATED_IN]->(a:Area) RETURN a.key }[0] AS area,
     COLLECT {
       MATCH (issue)-[r:ASSIGNED_TO {role: 'LEAD'}]->(:Organization) RETURN r.viaRule
     }[0] AS viaRule
WITH issue, category, area, viaRule,
     date(coalesce(issue.dispatchedAt, issue.reportedAt, datetime($now))) AS on
"""
    + _ROUTE_BODY
    + ", issue {.*} AS issue, category, area, viaRule"
)


@cache
def route(role: str) -> str:
    """The routing answer for a category and an area, similar issues as the role sees them."""
    return _with_issue_rules(_ROUTE, role)


@cache
def issue_route(role: str) -> str:
    """The routing answer for an issue the role sees; no row if it sees none."""
    return _with_issue_rules(_ISSUE_ROUTE, role)


def _with_issue_rules(statement: str, role: str) -> str:
    # Spliced in by name: the rest of the statement is plain Cypher, braces included.
    return statement.replace("{visible}", visible(Label.ISSUE, role, "i")).replace(
        "{issue_visible}", visible(Label.ISSUE, role, "issue")
    )


# --- Overdue issues -------------------------------------------------------------------------

# An open issue is overdue from its earliest missed deadline: a response never given by its
# due time, or a resolution (or its extension) not reached.
_OVERDUE = """
MATCH (i:Issue)
WHERE i.state IN $openStates AND {visible}
  AND ($organization IS NULL OR EXISTS {
    (i)-[:ASSIGNED_TO]->(:Organization {key: $organization}) })
  AND ($area IS NULL OR EXISTS {
    (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(:Area {key: $area}) })
  AND ($category IS NULL OR EXISTS {
    (i)-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..8]->(:Category {key: $category}) })
WITH i,
  CASE WHEN i.respondedAt IS NULL AND i.responseDueAt < datetime($now)
       THEN i.responseDueAt END AS missedResponse,
  CASE WHEN i.resolvedAt IS NULL AND coalesce(i.extendedTo, i.resolveDueAt) < datetime($now)
       THEN coalesce(i.extendedTo, i.resolveDueAt) END AS missedResolution
WITH i, CASE WHEN missedResponse IS NOT NULL
              AND (missedResolution IS NULL OR missedResponse < missedResolution)
             THEN missedResponse ELSE missedResolution END AS overdueSince
WHERE overdueSince IS NOT NULL
"""

_OVERDUE_AFTER = """
  AND ($cursorKey IS NULL OR overdueSince {op} datetime($cursorValue)
       OR (overdueSince = datetime($cursorValue) AND i.key {op} $cursorKey))
WITH i, overdueSince ORDER BY overdueSince {direction}, i.key {direction} LIMIT $limit
RETURN collect(i {{.*, _labels: labels(i), overdueSince: overdueSince}}) AS nodes
"""


@cache
def overdue_page(ascending: bool, with_total: bool, role: str) -> str:
    """A keyset page of the overdue issues a role sees, most overdue first, and their total."""
    overdue = _with_issue_rules(_OVERDUE, role)
    total = overdue + " RETURN count(i) AS total" if with_total else _NO_TOTAL
    page = overdue + _OVERDUE_AFTER.format(
        op=">" if ascending else "<", direction="ASC" if ascending else "DESC"
    )
    return f"CALL () {{ {total} }} CALL () {{ {page} }} RETURN total, nodes"

# --- Dispatch and whistles ----------------------------------------------------------------

ASSIGN_ASSISTS = """
MATCH (i:Issue {key: $key})
UNWIND $assists AS assist
MATCH (o:Organization {key: assist})
MERGE (i)-[r:ASSIGNED_TO]->(o)
ON CREATE SET r.role = 'ASSIST', r.viaRule = $viaRule, r.assignedAt = datetime($at)
RETURN count(r) AS assigned
"""

# The lowest escalation level of the issue's rule whose organizations no whistle has summoned.
NEXT_ESCALATION = """
MATCH (i:Issue {key: $key})-[a:ASSIGNED_TO {role: 'LEAD'}]->(:Organization)
MATCH (r:RoutingRule {key: a.viaRule})-[e:ESCALATE]->(o:Organization)
WHERE NOT EXISTS { (i)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(o) }
WITH e.level AS level, collect(o.key) AS organizations
ORDER BY level
RETURN level, organizations
LIMIT 1
"""

REPORT_IN = """
MATCH (w:Whistle {key: $whistle})-[s:SUMMONS]->(o:Organization {key: $organization})
SET s.reportedAt = coalesce(s.reportedAt, datetime($at))
RETURN s.reportedAt AS reportedAt, s.dueAt AS dueAt
"""

# --- Search and planning ------------------------------------------------------------------

# Ranked by text relevance times a connectedness prior, so the one issue the center worked on
# (events, whistles, meetings) is not buried under hundreds of one-line hotline calls.
_SEARCH = """
CALL db.index.fulltext.queryNodes('search', $query) YIELD node AS n, score
WHERE ($labels IS NULL OR any(label IN labels(n) WHERE label IN $labels)) AND {visible}
WITH n, score * (1 + log10(1 + COUNT {{ (n)--() }})) AS rank
ORDER BY rank DESC, n.key
WITH collect({{node: n, rank: rank}}) AS hits
WITH size(hits) AS total,
     [hit IN hits WHERE $cursorKey IS NULL OR hit.rank < $cursorScore
        OR (hit.rank = $cursorScore AND hit.node.key > $cursorKey)][..$limit] AS page
CALL (page) {{
  UNWIND page AS hit
  WITH hit.node AS n, hit.rank AS rank
  RETURN collect({{score: rank, node: {projection}}}) AS hits
}}
RETURN total, hits
"""


@cache
def search(role: str) -> str:
    """Full-text hits the role may see, best first, one page and the total."""
    return _SEARCH.format(visible=visible(None, role), projection=projection(None, role))


# A relocation project with every compound it moved, its owner and the site it moved to.
RELOCATION_MAP = """
MATCH (p:Project {key: $key})
RETURN p.kind AS kind, p.name AS name,
       COLLECT {
         MATCH (p)-[r:RELOCATES]->(c:Site)
         RETURN {
           key: c.key, name: c.name, lat: c.lat, lon: c.lon, landMu: c.landMu,
           movedOn: r.movedOn,
           owner: COLLECT { MATCH (c)-[:OWNED_BY]->(o:Organization) RETURN o.name }[0],
           site: COLLECT {
             MATCH (s:Site {key: r.toSite}) RETURN s {.key, .name, .lat, .lon}
           }[0]
         }
         ORDER BY r.movedOn, c.key
       } AS moves
"""

# --- Analytics -------------------------------------------------------------------------------

# A trivial read whose only use is the bookmark Neo4j returns with it: the graph's version.
COORDINATION_VERSION = "RETURN 1 AS ok"

# The coordination graph in one read: every organization and person, and every linked pair
# (ids "Label:key", a < b) with its evidence count, kinds and first evidence nodes.
COORDINATION_GRAPH = """
CALL () {
  MATCH (n) WHERE n:Organization OR n:Person
  WITH n, CASE WHEN n:Organization THEN 'Organization' ELSE 'Person' END AS label
  RETURN collect({
    id: label + ':' + n.key, label: label, key: n.key, name: n.name,
    kind: CASE WHEN label = 'Organization' THEN n.kind END
  }) AS parties
}
CALL () {
  CALL () {
    MATCH (m:Meeting)-[:ATTENDED_BY]->(a:Organization), (m)-[:ATTENDED_BY]->(b:Organization)
    WHERE a.key < b.key
    RETURN 'Organization:' + a.key AS a, 'Organization:' + b.key AS b,
           {kind: 'MEETING', label: 'Meeting', key: m.key, title: m.title} AS evidence
    UNION ALL
    MATCH (i:Issue)-[:ASSIGNED_TO {role: 'LEAD'}]->(a:Organization),
          (i)-[:ASSIGNED_TO {role: 'ASSIST'}]->(b:Organization)
    RETURN 'Organization:' + a.key AS a, 'Organization:' + b.key AS b,
           {kind: 'ISSUE', label: 'Issue', key: i.key, title: i.title} AS evidence
    UNION ALL
    MATCH (w:Whistle)-[:ABOUT]->(i:Issue)-[:ASSIGNED_TO {role: 'LEAD'}]->(a:Organization),
          (w)-[:SUMMONS]->(b:Organization)
    RETURN 'Organization:' + a.key AS a, 'Organization:' + b.key AS b,
           {kind: 'WHISTLE', label: 'Whistle', key: w.key, title: coalesce(w.reason, i.title)}
             AS evidence
    UNION ALL
    MATCH (p:Person)-[:REPORTED]->(i:Issue)-[:ASSIGNED_TO]->(o:Organization)
    RETURN 'Person:' + p.key AS a, 'Organization:' + o.key AS b,
           {kind: 'REPORTED', label: 'Issue', key: i.key, title: i.title} AS evidence
    UNION ALL
    MATCH (v:Visit)-[:CONDUCTED_BY]->(g:VisitGroup)-[:LED_BY]->(p:Person),
          (v)-[:VISITED]->(o:Organization)
    RETURN 'Person:' + p.key AS a, 'Organization:' + o.key AS b,
           {kind: 'VISIT', label: 'Visit', key: v.key,
            title: coalesce(g.name, g.key) + coalesce(' ' + toString(v.visitedOn), '')}
             AS evidence
    UNION ALL
    MATCH (p:Person)-[r:MEMBER_OF]->(o:Organization)
    RETURN 'Person:' + p.key AS a, 'Organization:' + o.key AS b,
           {kind: 'MEMBERSHIP', label: 'Organization', key: o.key,
            title: coalesce(o.name, o.key) + coalesce(' · ' + r.role, '')} AS evidence
    UNION ALL
    MATCH (p:Person)-[:STATIONED_AT]->(s:Station)-[:PART_OF]->(o:Organization)
    RETURN 'Person:' + p.key AS a, 'Organization:' + o.key AS b,
           {kind: 'STATION', label: 'Station', key: s.key, title: s.name} AS evidence
    UNION ALL
    MATCH (c:Organization)-[:PART_OF]->(o:Organization)
    RETURN 'Organization:' + c.key AS a, 'Organization:' + o.key AS b,
           {kind: 'PART_OF', label: 'Organization', key: o.key, title: o.name} AS evidence
  }
  WITH a, b, evidence WHERE a <> b
  WITH CASE WHEN a < b THEN a ELSE b END AS a, CASE WHEN a < b THEN b ELSE a END AS b,
       evidence {.*, title: coalesce(evidence.title, evidence.key)} AS evidence
  ORDER BY a, b, evidence.kind, evidence.key
  WITH a, b, count(*) AS evidenceCount, collect(DISTINCT evidence.kind) AS kinds,
       collect(evidence)[..$evidencePerLink] AS evidence
  RETURN collect({a: a, b: b, evidenceCount: evidenceCount, kinds: kinds, evidence: evidence})
    AS links
}
RETURN parties, links
"""

# --- Impact -----------------------------------------------------------------------------------
# The counts behind the hotline "three rates" and their companions, per group, in one pass
# over the issues reported in [$from, $to). Both bounds are always bound (far-off instants
# when open) so the reportedAt index serves the window instead of a scan of every issue.

_IMPACT_WINDOW = """
MATCH (i:Issue)
WHERE i.reportedAt >= datetime($from) AND i.reportedAt < datetime($to)
"""

# How an issue finds its group `g`; DISTINCT because two paths may reach one group.
_IMPACT_GROUPS: dict[str, str] = {
    "COMMUNITY": """
MATCH (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(g:Community)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "ORGANIZATION": """
MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(g:Organization)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "CATEGORY": """
MATCH (i)-[:IN_CATEGORY]->(g:Category)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "ROOT_CATEGORY": """
MATCH (i)-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..8]->(g:Category)
WHERE NOT EXISTS { (g)-[:PART_OF]->(:Category) } AND ($ids IS NULL OR g.key IN $ids)
WITH DISTINCT g, i
""",
    "MONTH": """
WITH date.truncate('month', datetime({datetime: i.reportedAt, timezone: $timezone})) AS g, i
""",
}

# Each count is one term of a rate; the domain module pairs them up (see resolvers.impact).
_IMPACT_COUNTS = """
WITH g, i, datetime($now) AS now,
     i.state IN $excludedStates AS excluded,
     i.state IN $resolvedStates AS resolved,
     coalesce(i.extendedTo, i.resolveDueAt) AS resolveBy,
     coalesce(i.reopenCount, 0) > 0 AS reopened
WITH g, {
  received: count(i),
  valid: count(CASE WHEN NOT excluded THEN 1 END),
  responseDue: count(CASE WHEN NOT excluded AND i.responseDueAt IS NOT NULL
                           AND (i.respondedAt IS NOT NULL OR i.responseDueAt <= now) THEN 1 END),
  respondedInTime: count(CASE WHEN NOT excluded AND i.respondedAt <= i.responseDueAt THEN 1 END),
  evaluated: count(CASE WHEN NOT excluded
                         AND (resolved OR resolveBy IS NULL OR resolveBy <= now) THEN 1 END),
  resolved: count(CASE WHEN NOT excluded AND resolved THEN 1 END),
  rated: count(CASE WHEN NOT excluded AND i.satisfaction IS NOT NULL THEN 1 END),
  satisfied: count(CASE WHEN NOT excluded AND i.satisfaction >= $satisfiedFrom THEN 1 END),
  resolvedWithDeadline: count(CASE WHEN NOT excluded AND resolved
                                    AND i.resolvedAt IS NOT NULL AND resolveBy IS NOT NULL
                                   THEN 1 END),
  resolvedInTime: count(CASE WHEN NOT excluded AND resolved AND i.resolvedAt <= resolveBy
                             THEN 1 END),
  everResolved: count(CASE WHEN NOT excluded AND (resolved OR reopened) THEN 1 END),
  reopened: count(CASE WHEN NOT excluded AND reopened THEN 1 END),
  whistled: count(CASE WHEN NOT excluded AND EXISTS { (:Whistle)-[:ABOUT]->(i) } THEN 1 END)
} AS counts
"""

_GROUP_NODE = "g.key AS key, g.name AS name, g {.*, _labels: labels(g)} AS node, null AS month"
_GROUP_MONTH = "left(toString(g), 7) AS key, left(toString(g), 7) AS name, null AS node, g AS month"


def _identity(scope: str) -> str:
    return _GROUP_MONTH if scope == "MONTH" else _GROUP_NODE


IMPACT: dict[str, str] = {
    scope: _IMPACT_WINDOW
    + group
    + _IMPACT_COUNTS
    + f"RETURN {_identity(scope)}, counts ORDER BY name, key"
    for scope, group in _IMPACT_GROUPS.items()
}

# The metric's two counts are named by $numerator and $denominator; groups under the minimum
# volume drop out, and ties go to the larger group, then to the name.
_RANKING_ORDER = """
WITH {identity}, counts, counts[$numerator] AS numerator, counts[$denominator] AS denominator
WHERE denominator >= $minVolume AND denominator > 0
WITH key, name, node, month, counts, numerator, denominator,
     toFloat(numerator) / denominator AS rate
ORDER BY CASE WHEN $ascending THEN rate ELSE -rate END, denominator DESC, name, key
LIMIT $limit
RETURN key, name, node, month, counts, numerator, denominator
"""

RANKING: dict[str, str] = {
    scope: _IMPACT_WINDOW
    + _IMPACT_GROUPS[scope]
    + _IMPACT_COUNTS
    + _RANKING_ORDER.format(identity=_identity(scope))
    for scope in ("COMMUNITY", "ORGANIZATION")
}

# Yearly (calendar year in $timezone) and per-channel issue counts, with the documents' own
# figures for the same indicator beside them.
ISSUE_VOLUME = """
CALL () {
  MATCH (i:Issue)
  WHERE i.reportedAt >= datetime($from) AND i.reportedAt < datetime($to)
    AND ($channels IS NULL OR i.channel IN $channels)
  WITH CASE WHEN $byYear
            THEN datetime({datetime: i.reportedAt, timezone: $timezone}).year END AS year,
       CASE WHEN $byChannel THEN i.channel END AS channel
  WITH year, channel, count(*) AS issues
  ORDER BY year, channel
  RETURN collect({year: year, channel: channel, issues: issues}) AS rows
}
CALL () {
  MATCH (o:Observation) WHERE o.indicator STARTS WITH $indicator
  WITH o ORDER BY o.indicator, o.key
  RETURN collect(o {.*, _labels: labels(o)}) AS observations
}
RETURN rows, observations
"""

# Units involved: the lead, the owners of the compounds it relocates, and the attendees of
# meetings about it.
PROJECT_IMPACT = """
MATCH (p:Project)
WHERE p.kind IN $kinds
WITH p ORDER BY p.kind, p.peopleServed IS NULL, p.peopleServed DESC, p.name, p.key
LIMIT $limit
RETURN p {.*, _labels: labels(p)} AS project,
       COLLECT {
         MATCH (p)-[:AFFECTS]->(c:Area) RETURN c {.*, _labels: labels(c)} ORDER BY c.name, c.key
       } AS communities,
       COLLECT {
         CALL (p) {
           MATCH (p)-[:LED_BY]->(o:Organization) RETURN o
           UNION
           MATCH (p)-[:RELOCATES]->(:Site)-[:OWNED_BY]->(o:Organization) RETURN o
           UNION
           MATCH (p)<-[:ABOUT]-(:Meeting)-[:ATTENDED_BY]->(o:Organization) RETURN o
         }
         RETURN o {.*, _labels: labels(o)} ORDER BY o.name, o.key
       } AS units,
       COLLECT {
         MATCH (p)<-[:ABOUT]-(o:Observation)
         RETURN o {.*, _labels: labels(o)} ORDER BY o.indicator, o.key
       } AS observations
"""

# --- Open311 -----------------------------------------------------------------------------------

# Every category is a service; its group is its parent category's name.
OPEN311_SERVICES = """
MATCH (c:Category)
RETURN c.key AS code, c.name AS name, c.description AS description, c.keywords AS keywords,
       COLLECT { MATCH (c)-[:PART_OF]->(p:Category) RETURN p.name ORDER BY p.key }[0] AS grp
ORDER BY c.key
"""

OPEN311_SERVICE = "MATCH (c:Category {key: $code}) RETURN c.key AS code, c.name AS name"

# Public fields only: nothing about the reporter is read. Listed ids override every other
# filter, as the spec says; otherwise the window, states and category all apply.
# Coordinates come from the issue's area or the nearest area above it that has them.
OPEN311_REQUESTS = """
MATCH (i:Issue)
WHERE CASE WHEN $ids IS NOT NULL THEN i.key IN $ids
      ELSE i.reportedAt >= datetime($start) AND i.reportedAt <= datetime($end)
           AND i.state IN $states
           AND ($serviceCode IS NULL
                OR EXISTS { (i)-[:IN_CATEGORY]->(:Category {key: $serviceCode}) })
      END
WITH i ORDER BY i.reportedAt DESC, i.key DESC LIMIT $limit
RETURN i.key AS key, i.state AS state, i.description AS description, i.title AS title,
       i.reportedAt AS reportedAt, i.resolveDueAt AS resolveDueAt,
       COLLECT {
         MATCH (i)-[:HAS_EVENT]->(e:IssueEvent) RETURN e.at ORDER BY e.at DESC LIMIT 1
       }[0] AS updatedAt,
       COLLECT { MATCH (i)-[:IN_CATEGORY]->(c:Category) RETURN c {.key, .name} }[0] AS category,
       COLLECT { MATCH (i)-[:LOCATED_IN]->(a:Area) RETURN a {.key, .name} }[0] AS area,
       COLLECT {
         MATCH path = (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(a:Area)
         WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL
         RETURN a {.lat, .lon} ORDER BY length(path) LIMIT 1
       }[0] AS position,
       COLLECT {
         MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(o:Organization) RETURN o.name
       }[0] AS agency
"""

OPEN311_NEAREST_COMMUNITY = """
MATCH (c:Community)
WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL
WITH c, point.distance(
  point({latitude: c.lat, longitude: c.lon}), point({latitude: $lat, longitude: $lon})
) AS metres
RETURN c.key AS key, c.name AS name, metres
ORDER BY metres, c.key
LIMIT 1
"""

# Areas an address names: by key, by exact name, or whose name the address contains; depth
# counts the areas above, so the most specific one can win.
OPEN311_AREAS_NAMED = """
MATCH (a:Area)
WHERE a.key = $text OR a.name = $text OR (size(a.name) >= 2 AND $text CONTAINS a.name)
RETURN a.key AS key, a.name AS name, a.key = $text OR a.name = $text AS exact,
       COUNT { (a)-[:PART_OF*1..8]->(:Area) } AS depth
"""


# --- Ledgers ---------------------------------------------------------------------------------

_LEDGER_LOOKUP = (
    "UNWIND $values AS v "
    "RETURN v.value AS value, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.key IN v.keys RETURN n.key }} AS byKey, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.name = v.value RETURN n.key ORDER BY n.key }} AS byName"
)

# Ledger cells name nodes by key or by name; the key wins when both match.
LEDGER_LOOKUP: dict[Label, str] = {label: _LEDGER_LOOKUP.format(label=label) for label in Label}

_LEDGER_UNLINK = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}})-[r:{rel}]->(b:{end}) "
    "WHERE NOT b.key IN row.ends DELETE r"
)


@cache
def ledger_unlink(rel: Rel, start: Label, end: Label) -> str:
    """Delete a ledger row's links of one type to nodes its row no longer names."""
    return _LEDGER_UNLINK.format(rel=Rel(rel), start=Label(start), end=Label(end))


@cache
def ledger_rows(label: Label, links: tuple[tuple[str, Rel, Label], ...]) -> str:
    """Every node of a label with the keys it links to, one list per (name, rel, target)."""
    fields = "".join(
        f", COLLECT {{ MATCH (n)-[:{Rel(rel)}]->(b:{Label(end)}) RETURN b.key ORDER BY b.key }}"
        f" AS `{name}`"
        for name, rel, end in links
    )
    return f"MATCH (n:{Label(label)}) RETURN properties(n) AS props{fields} ORDER BY n.key"

# --- Bench ---------------------------------------------------------------------------------

# The organization with the most open issues: the one whose overdue list a bench asks for.
BUSIEST_ORGANIZATION = """
MATCH (i:Issue)-[:ASSIGNED_TO]->(o:Organization) WHERE i.state IN $open
RETURN o.key AS key, count(*) AS n ORDER BY n DESC, key LIMIT 1
"""

# A unit with the fewest assigned issues that still fill a page: a typical coordinator's view.
QUIET_ORGANIZATION = """
MATCH (o:Organization) WHERE o.kind <> 'CENTER'
WITH o, COUNT { (o)<-[:ASSIGNED_TO]-(:Issue) } AS n WHERE n > $page
RETURN o.key AS key, n ORDER BY n, key LIMIT 1
"""

SERVER_VERSION = "CALL dbms.components() YIELD versions RETURN versions[0] AS v"

# --- Live updates --------------------------------------------------------------------------
# The subscription poller tails the IssueEvent log by seq. Each row carries the issue's facts
# the access rules and filters need, so that the poller decides in Python who gets an event.

# What the row rules of the Access section read about issue `i`, and where it sits.
_ISSUE_SCOPE = """
i.key AS issue,
COLLECT { MATCH (i)-[:ASSIGNED_TO]->(o:Organization) RETURN DISTINCT o.key } AS assigned,
COLLECT {
  MATCH (i)-[:ASSIGNED_TO]->(:Organization)-[:PART_OF*0..]->(o:Organization)
  RETURN DISTINCT o.key
} AS organizations,
COLLECT {
  MATCH (i)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(o:Organization) RETURN DISTINCT o.key
} AS summoned,
COLLECT {
  MATCH (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Community)<-[:OBSERVES]-(p:Person)
  RETURN DISTINCT p.key
} AS observers,
COLLECT { MATCH (i)<-[:REPORTED]-(p:Person) RETURN p.key }[0] AS reporter,
COLLECT { MATCH (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(a:Area) RETURN DISTINCT a.key } AS areas
"""

# Where the log ends now: a subscriber without afterSeq starts here.
EVENT_LOG_HEAD = """
OPTIONAL MATCH (e:IssueEvent) WHERE e.seq IS NOT NULL
WITH e ORDER BY e.seq DESC LIMIT 1
RETURN coalesce(e.seq, 0) AS head
"""

# Events past $after (and up to $upTo), in seq order. Seqs are taken under the Sequence node's
# write lock, held to commit, so commits follow seq order and no smaller seq can appear later.
EVENTS_AFTER = (
    """
MATCH (e:IssueEvent) WHERE e.seq > $after AND e.seq <= $upTo
WITH e ORDER BY e.seq LIMIT $limit
OPTIONAL MATCH (i:Issue)-[:HAS_EVENT]->(e)
RETURN e.seq AS seq, e.key AS key, e.at AS at, e.fromState AS fromState, e.toState AS toState,
       e.note AS note, e.actor AS actor,
"""
    + _ISSUE_SCOPE
    + "ORDER BY seq"
)

# Open issues past a deadline, one row per missed deadline (the definition of _OVERDUE).
OVERDUE_DEADLINES = """
MATCH (i:Issue) WHERE i.state IN $openStates
WITH i, datetime($now) AS now, coalesce(i.extendedTo, i.resolveDueAt) AS resolveBy
UNWIND [
  CASE WHEN i.respondedAt IS NULL AND i.responseDueAt < now
       THEN {deadline: 'RESPONSE', since: i.responseDueAt} END,
  CASE WHEN i.resolvedAt IS NULL AND resolveBy < now
       THEN {deadline: 'RESOLUTION', since: resolveBy} END
] AS missed
WITH i, missed WHERE missed IS NOT NULL
RETURN i.key AS issue, missed.deadline AS deadline, missed.since AS since
"""

ISSUE_SCOPES = "UNWIND $keys AS key MATCH (i:Issue {key: key}) RETURN " + _ISSUE_SCOPE

CENTER_KEYS = "MATCH (o:Organization {kind: 'CENTER'}) RETURN collect(o.key) AS keys"
