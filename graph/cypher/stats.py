"""Graph statistics: counts by label and type, and the headline facts of the domain."""

from __future__ import annotations

from graph.model import Label, Rel

# COUNT { } over a bare label or type is answered from Neo4j's count store, not a scan.
COUNT_BY_LABEL = "RETURN {{{}}} AS counts".format(
    ", ".join(f"{label}: COUNT {{ (:{label}) }}" for label in Label)
)

COUNT_BY_RELATIONSHIP = "RETURN {{{}}} AS counts".format(
    ", ".join(f"{rel}: COUNT {{ ()-[:{rel}]->() }}" for rel in Rel)
)

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
  MATCH (:Meeting)-[:DECIDED]->(:Decision)-[:RESOLVED]->(i:Issue)
  RETURN count(DISTINCT i) AS jointlyResolvedIssues
}
RETURN communities, regionalUnits, observers, stations, stationStaff, livelihoodProjects,
       jointlyResolvedIssues
"""

# What each relocation moved, from its DONE moves: a unit counts once every move of it is done.
RELOCATION_SUMMARIES = """
MATCH (p:Project {kind: 'RELOCATION'})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_MOVE]->(m:Move {status: 'DONE'})-[:FROM_SITE]->(s:Site)
  RETURN count(DISTINCT s) AS compounds, sum(m.landMu) AS landMu
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_MOVE]->(:Move)-[:MOVES]->(u:Organization)
  WHERE NOT EXISTS {
    MATCH (p)-[:HAS_MOVE]->(other:Move)-[:MOVES]->(u) WHERE other.status <> 'DONE'
  }
  RETURN count(DISTINCT u) AS units
}
RETURN p.key AS key, p.name AS name, units, compounds, landMu,
       COUNT { (:Meeting)-[:ABOUT]->(p) } AS meetings,
       duration.inDays(p.startDate, p.endDate).days AS days
ORDER BY p.key
"""
