"""Residents' intake links (码上反映): the links, the place they report at, and the receipts."""

from __future__ import annotations

# A link names an Area or an Organization; both are looked up by their keyed index.
_PLACE = (
    "CALL () { MATCH (p:Area {key: $place}) RETURN p"
    " UNION MATCH (p:Organization {key: $place}) RETURN p } "
)

# Where an issue reported at a place lies: an area is itself; an organization lies where it,
# or the nearest organization above it, is located.
_AREA = """
CALL (p) {
  OPTIONAL MATCH path = (p)-[:PART_OF*0..]->(:Organization)-[:LOCATED_IN]->(a:Area)
  WHERE p:Organization
  WITH a, path ORDER BY length(path) LIMIT 1
  RETURN CASE WHEN p:Area THEN p ELSE a END AS area
}
"""

# No row: no such place. `created` false: the place lies in no area, so nothing was written.
CREATE_INTAKE_LINK = (
    _PLACE
    + _AREA
    + """
CALL (p, area) {
  WITH p, area WHERE area IS NOT NULL
  CREATE (l:IntakeLink {key: $key, label: $label, createdAt: datetime($at), createdBy: $actor,
    expiresOn: date($expiresOn)})-[:FOR]->(p)
  RETURN count(l) AS made
}
RETURN made > 0 AS created
"""
)

# The first revocation's time stays: revoking again changes nothing.
REVOKE_INTAKE_LINK = """
MATCH (l:IntakeLink {key: $key})
FOREACH (_ IN CASE WHEN l.revokedAt IS NULL THEN [1] ELSE [] END |
  SET l.revokedAt = datetime($at))
RETURN l.key AS key
"""

# What the public form needs of a link, whether the chosen category exists, and (when asked)
# every category to choose from: one round trip.
OPEN_INTAKE_LINK = (
    "MATCH (l:IntakeLink {key: $key})-[:FOR]->(p) WHERE p:Area OR p:Organization "
    + _AREA
    + """
RETURN l.label AS label, l.expiresOn AS expiresOn, l.revokedAt IS NOT NULL AS revoked,
  p.name AS placeName, CASE WHEN p:Organization THEN p.kind ELSE p.level END AS placeKind,
  area.key AS area,
  $category IS NOT NULL AND EXISTS { MATCH (:Category {key: $category}) } AS categoryKnown,
  CASE WHEN $withCategories THEN COLLECT {
    MATCH (c:Category)
    RETURN {key: c.key, name: c.name, parent: COLLECT {
      MATCH (c)-[:PART_OF]->(up:Category) RETURN up.key ORDER BY up.key }[0]}
    ORDER BY c.key
  } ELSE [] END AS categories
"""
)

# One issue by the digest of its status secret, with its public facts only: the lead
# organization's name, the timeline's times, states and notes (the caller keeps the notes
# meant for the resident), and the names of staff those notes must not show.
STATUS_BY_DIGEST = """
MATCH (i:Issue {statusDigest: $digest})
WITH i LIMIT 1
RETURN i.key AS key, i.receipt AS receipt, i.state AS state, i.reportedAt AS reportedAt,
  COLLECT { MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(o:Organization) RETURN o.name }[0]
    AS handledBy,
  COLLECT { MATCH (i)-[:HAS_EVENT]->(e:IssueEvent)
            RETURN {at: e.at, toState: e.toState, note: e.note} ORDER BY e.seq } AS events,
  COLLECT { MATCH (i)-[:ASSIGNED_TO]->(:Organization)<-[:MEMBER_OF]-(p:Person)
            WHERE p.name IS NOT NULL RETURN DISTINCT p.name }
  + COLLECT { MATCH (i)-[:HAS_EVENT]->(e:IssueEvent) MATCH (p:Person {key: e.actor})
              WHERE p.name IS NOT NULL RETURN DISTINCT p.name } AS staffNames
"""

# The filters of the admins' list of links.
INTAKE_LINK_FILTERS = {
    "place": "EXISTS { (n)-[:FOR]->({key: $place}) }",
    "revoked": "(n.revokedAt IS NOT NULL) = $revoked",
}
