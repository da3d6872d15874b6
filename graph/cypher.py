"""Every Cypher statement Lianxin runs, as named constants with $parameters.

Labels and relationship types cannot be parameters in Cypher, so a few statements are
templates filled from the closed enums in `graph.model`, never from user input.
"""

from __future__ import annotations

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
    "CREATE INDEX issue_event_seq IF NOT EXISTS FOR (n:IssueEvent) ON (n.seq)",
    "CREATE INDEX project_kind IF NOT EXISTS FOR (n:Project) ON (n.kind)",
    "CREATE INDEX observation_indicator IF NOT EXISTS FOR (n:Observation) ON (n.indicator)",
)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# Each key constraint is backed by an index of the same name, so indexes list both.
SHOW_SCHEMA = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"

_UPSERT_NODES = "UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n += row"

# Communities are areas with a second label; they merge on the Area key.
_UPSERT_COMMUNITIES = (
    "UNWIND $rows AS row MERGE (n:Area {key: row.key}) SET n:Community, n += row"
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
    "RETURN count(r) AS written"
)


@cache
def upsert_relationships(rel: Rel, start: Label, end: Label) -> str:
    """The MERGE statement for relationships of one type between two labels."""
    return _UPSERT_RELATIONSHIPS.format(rel=Rel(rel), start=Label(start), end=Label(end))


_GET_NODES = (
    "UNWIND $keys AS key "
    "OPTIONAL MATCH (n:{label} {{key: key}}) "
    "RETURN key, properties(n) AS props, labels(n) AS labels"
)

GET_NODES: dict[Label, str] = {label: _GET_NODES.format(label=label) for label in Label}

_NEIGHBORS = {
    "OUT": "(a)-[r:{rel}]->(b)",
    "IN": "(a)<-[r:{rel}]-(b)",
    "BOTH": "(a)-[r:{rel}]-(b)",
}

_NEIGHBORS_QUERY = (
    "UNWIND $keys AS key "
    "MATCH (a:{label} {{key: key}}) "
    "MATCH {pattern} "
    "RETURN key, properties(b) AS props, labels(b) AS labels, properties(r) AS rel "
    "ORDER BY key, b.key"
)


@cache
def neighbors(label: Label, rel: Rel, direction: str) -> str:
    """The batched neighbour read for one label, relationship type and direction."""
    pattern = _NEIGHBORS[direction].format(rel=Rel(rel))
    return _NEIGHBORS_QUERY.format(label=Label(label), pattern=pattern)


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
