"""Coordination analytics: the organizations-and-people graph in one read, and its version."""

from __future__ import annotations

from graph.cypher.access import visible
from graph.model import Label

# A private resident is a person the VIEWER row rule hides: the same predicate, negated.
_PRIVATE = "NOT (" + visible(Label.PERSON, "VIEWER", "n") + ")"

# A trivial read whose only use is the bookmark Neo4j returns with it: the graph's version.
COORDINATION_VERSION = "RETURN 1 AS ok"

# The coordination graph in one read: every organization and person (and whether it is a
# private resident), every linked pair (ids "Label:key", a < b) with its evidence count, kinds
# and evidence, and what the issue row rules read about every issue evidence comes from.
# Evidence from an issue carries its key and is returned whole, as each reader sees a different
# part of it; other evidence is public and only its first $evidencePerLink are returned.
COORDINATION_GRAPH = (
    """
CALL () {
  MATCH (n) WHERE n:Organization OR n:Person
  WITH n, CASE WHEN n:Organization THEN 'Organization' ELSE 'Person' END AS label
  RETURN collect({
    id: label + ':' + n.key, label: label, key: n.key, name: n.name,
    kind: CASE WHEN label = 'Organization' THEN n.kind END,
    private: label = 'Person' AND """
    + _PRIVATE
    + """
  }) AS parties
}
CALL () {
  MATCH (i:Issue) WHERE EXISTS { (i)-[:ASSIGNED_TO]->(:Organization) }
  RETURN collect({
    key: i.key,
    organizations: COLLECT {
      MATCH (i)-[:ASSIGNED_TO]->(:Organization)-[:PART_OF*0..]->(o:Organization)
      RETURN DISTINCT o.key
    },
    summoned: COLLECT {
      MATCH (i)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(o:Organization) RETURN DISTINCT o.key
    },
    observers: COLLECT {
      MATCH (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Community)<-[:OBSERVES]-(p:Person)
      RETURN DISTINCT p.key
    },
    reporters: COLLECT { MATCH (i)<-[:REPORTED]-(p:Person) RETURN DISTINCT p.key }
  }) AS issues
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
           {kind: 'ISSUE', label: 'Issue', key: i.key, title: i.title, issue: i.key} AS evidence
    UNION ALL
    MATCH (w:Whistle)-[:ABOUT]->(i:Issue)-[:ASSIGNED_TO {role: 'LEAD'}]->(a:Organization),
          (w)-[:SUMMONS]->(b:Organization)
    RETURN 'Organization:' + a.key AS a, 'Organization:' + b.key AS b,
           {kind: 'WHISTLE', label: 'Whistle', key: w.key, title: coalesce(w.reason, i.title),
            issue: i.key} AS evidence
    UNION ALL
    MATCH (p:Person)-[:REPORTED]->(i:Issue)-[:ASSIGNED_TO]->(o:Organization)
    RETURN 'Person:' + p.key AS a, 'Organization:' + o.key AS b,
           {kind: 'REPORTED', label: 'Issue', key: i.key, title: i.title, issue: i.key} AS evidence
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
       collect(evidence) AS evidence
  RETURN collect({
    a: a, b: b, evidenceCount: evidenceCount, kinds: kinds,
    evidence: [e IN evidence WHERE e.issue IS NULL][..$evidencePerLink]
      + [e IN evidence WHERE e.issue IS NOT NULL]
  }) AS links
}
RETURN parties, links, issues
"""
)
