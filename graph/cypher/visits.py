"""Visits (走访): groups, planned and recorded visits, problems raised, coverage and figures."""

from __future__ import annotations

# The group's leader and members, for the rule of who may record its visits; no row: no group.
GROUP_CREW = """
MATCH (g:VisitGroup {key: $group})
RETURN COLLECT { MATCH (g)-[:LED_BY]->(p:Person) RETURN p.key }
     + COLLECT { MATCH (p:Person)-[:MEMBER_OF]->(g) RETURN p.key } AS crew
"""

# Which of the keys a write names do not exist, one list per label.
MISSING = """
RETURN [k IN $organizations WHERE NOT EXISTS { MATCH (:Organization {key: k}) }] AS organizations,
       [k IN $people WHERE NOT EXISTS { MATCH (:Person {key: k}) }] AS people,
       [k IN $categories WHERE NOT EXISTS { MATCH (:Category {key: k}) }] AS categories,
       [k IN $areas WHERE NOT EXISTS { MATCH (:Area {key: k}) }] AS areas
"""

# Created or changed: a property or link not given (null) stays as it is.
SAVE_GROUP = """
MERGE (g:VisitGroup {key: $key})
SET g.name = coalesce($name, g.name), g.cadence = coalesce($cadence, g.cadence),
    g.programme = coalesce($programme, g.programme)
WITH g
CALL (g) {
  WITH g WHERE $organization IS NOT NULL
  OPTIONAL MATCH (g)-[old:PART_OF]->() DELETE old
  WITH DISTINCT g
  MATCH (o:Organization {key: $organization}) MERGE (g)-[:PART_OF]->(o)
}
CALL (g) {
  WITH g WHERE $leader IS NOT NULL
  OPTIONAL MATCH (g)-[old:LED_BY]->() DELETE old
  WITH DISTINCT g
  MATCH (p:Person {key: $leader}) MERGE (g)-[:LED_BY]->(p)
}
CALL (g) {
  WITH g WHERE $members IS NOT NULL
  OPTIONAL MATCH (:Person)-[old:MEMBER_OF]->(g) DELETE old
  WITH DISTINCT g
  UNWIND $members AS member
  MATCH (p:Person {key: member}) MERGE (p)-[:MEMBER_OF]->(g)
}
RETURN g.key AS key
"""

# A place a group can visit: an organization (a unit), a site or an area (a community).
_PLACE = (
    "CALL () { MATCH (p:Organization {key: $place}) RETURN p"
    " UNION MATCH (p:Site {key: $place}) RETURN p"
    " UNION MATCH (p:Area {key: $place}) RETURN p } "
)

# Where a problem raised at a place lies: an area is itself; a site or an organization lies
# where it, or the nearest organization above it, is located. No row: no such place.
PLACE_AREA = (
    _PLACE
    + """
CALL (p) {
  OPTIONAL MATCH path = (p)-[:PART_OF*0..]->()-[:LOCATED_IN]->(a:Area)
  WHERE NOT p:Area
  WITH a, path ORDER BY length(path) LIMIT 1
  RETURN CASE WHEN p:Area THEN p.key ELSE a.key END AS area
}
RETURN area
"""
)

CREATE_VISIT = (
    "MATCH (g:VisitGroup {key: $group}) "
    + _PLACE
    + """
CREATE (v:Visit {key: $key, status: $status, plannedOn: date($plannedOn),
  visitedOn: date($visitedOn), purpose: $purpose})
CREATE (v)-[:CONDUCTED_BY]->(g)
CREATE (v)-[:VISITED]->(p)
RETURN v.key AS key
"""
)

# Writing to the visit first takes its lock, so two recordings of one plan serialize.
LOCK_VISIT = """
MATCH (v:Visit {key: $key})
SET v.version = coalesce(v.version, 0) + 1
RETURN v.status AS status, v.visitedOn AS visitedOn,
  COLLECT { MATCH (v)-[:CONDUCTED_BY]->(g:VisitGroup) RETURN g.key }[0] AS group,
  COLLECT { MATCH (v)-[:VISITED]->(p) RETURN p.key }[0] AS place
"""

RECORD_VISIT = """
MATCH (v:Visit {key: $key})
SET v.status = 'DONE', v.visitedOn = date($visitedOn), v.summary = $summary,
    v.memberCount = $memberCount
WITH v
CALL (v) {
  UNWIND $people AS person
  MATCH (p:Person {key: person}) MERGE (v)-[:ATTENDED_BY]->(p)
}
RETURN v.key AS key
"""

CANCEL_VISIT = """
MATCH (v:Visit {key: $key})
SET v.status = 'CANCELLED', v.cancelReason = $reason
RETURN v.key AS key
"""

RECORD_FEEDBACK = """
MATCH (v:Visit {key: $key})
SET v.feedback = $feedback, v.feedbackOn = date($feedbackOn)
RETURN v.key AS key
"""

RAISED_DURING = """
MATCH (i:Issue {key: $issue})
MATCH (v:Visit {key: $visit})
MERGE (i)-[:RAISED_DURING]->(v)
RETURN count(i) AS linked
"""

# The filters of the visits connection; a visit's day is when it was made, or is planned.
VISIT_FILTERS = {
    "group": "EXISTS { (n)-[:CONDUCTED_BY]->(:VisitGroup {key: $group}) }",
    "statuses": "n.status IN $statuses",
    "from": "coalesce(n.visitedOn, n.plannedOn) >= $from",
    "to": "coalesce(n.visitedOn, n.plannedOn) < $to",
    "place": "EXISTS { (n)-[:VISITED]->({key: $place}) }",
}

# Member-times of a visit: the people recorded as attending, or its memberCount when none are.
_MEMBER_TIMES = (
    "CASE WHEN COUNT { (v)-[:ATTENDED_BY]->(:Person) } > 0"
    " THEN COUNT { (v)-[:ATTENDED_BY]->(:Person) } ELSE coalesce(v.memberCount, 0) END"
)

# Which regional units a DONE visit in [from, to) reached, per community and per group.
COVERAGE = (
    """
MATCH (u:Organization {kind: 'REGIONAL_UNIT'})
WHERE $area IS NULL
   OR EXISTS { (u)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Area {key: $area}) }
CALL (u) {
  OPTIONAL MATCH (v:Visit {status: 'DONE'})-[:VISITED]->(u)
  WHERE v.visitedOn >= date($start) AND v.visitedOn < date($end)
  RETURN count(v) AS visits
}
WITH u, visits,
  COLLECT { MATCH (u)-[:LOCATED_IN]->(c:Area) RETURN c.key ORDER BY c.key }[0] AS community
WITH community, count(u) AS units,
  sum(CASE WHEN visits > 0 THEN 1 ELSE 0 END) AS contacted,
  collect(CASE WHEN visits = 0 THEN u.key END) AS uncovered
ORDER BY community
WITH collect({community: community, units: units, contacted: contacted,
  uncovered: uncovered}) AS communities
CALL () {
  MATCH (v:Visit {status: 'DONE'})-[:VISITED]->(u:Organization {kind: 'REGIONAL_UNIT'})
  WHERE v.visitedOn >= date($start) AND v.visitedOn < date($end)
    AND ($area IS NULL
      OR EXISTS { (u)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Area {key: $area}) })
  MATCH (v)-[:CONDUCTED_BY]->(g:VisitGroup)
  WITH g, v, u, """
    + _MEMBER_TIMES
    + """ AS members
  WITH g, count(v) AS visits, count(DISTINCT u) AS contacted, sum(members) AS memberTimes
  ORDER BY g.key
  RETURN collect({group: g.key, visits: visits, contacted: contacted,
    memberTimes: memberTimes}) AS groups
}
RETURN communities, groups
"""
)

# What a set of groups' DONE visits in [from, to) came to; a problem is an issue raised during a
# visit that no suggestion tracks. Solved on the spot: resolved straight from RECEIVED.
VISIT_FIGURES = (
    """
MATCH (g:VisitGroup)
WHERE ($group IS NULL OR g.key = $group)
  AND ($organization IS NULL OR EXISTS { (g)-[:PART_OF]->(:Organization {key: $organization}) })
MATCH (v:Visit {status: 'DONE'})-[:CONDUCTED_BY]->(g)
WHERE ($start IS NULL OR v.visitedOn >= date($start)) AND ($end IS NULL OR v.visitedOn < date($end))
WITH DISTINCT v
WITH collect(v) AS visits, sum("""
    + _MEMBER_TIMES
    + """) AS memberTimes
CALL (visits) {
  UNWIND visits AS v
  MATCH (s:Suggestion)-[:RAISED_DURING]->(v)
  RETURN count(DISTINCT s) AS suggestions
}
CALL (visits) {
  UNWIND visits AS v
  MATCH (i:Issue)-[:RAISED_DURING]->(v)
  WHERE NOT EXISTS { (:Suggestion)-[:TRACKED_AS]->(i) }
  WITH DISTINCT i,
    i.state IN ['RESOLVED', 'CLOSED'] AS solved,
    EXISTS { (i)-[:HAS_EVENT]->(:IssueEvent {fromState: 'RECEIVED', toState: 'RESOLVED'}) }
      AS onTheSpot,
    coalesce(i.extendedTo, i.resolveDueAt) AS due
  RETURN count(i) AS problems,
    sum(CASE WHEN solved THEN 1 ELSE 0 END) AS solved,
    sum(CASE WHEN solved AND onTheSpot THEN 1 ELSE 0 END) AS onTheSpot,
    sum(CASE WHEN solved AND NOT onTheSpot AND (due IS NULL OR i.resolvedAt <= due)
             THEN 1 ELSE 0 END) AS withinDeadline,
    sum(CASE WHEN coalesce(i.supervised, false) THEN 1 ELSE 0 END) AS supervised,
    sum(CASE WHEN NOT solved AND i.state IN $openStates AND due < datetime($now)
             THEN 1 ELSE 0 END) AS overdue
}
RETURN size(visits) AS visits, memberTimes, suggestions, problems, solved, onTheSpot,
  withinDeadline, supervised, overdue
"""
)
