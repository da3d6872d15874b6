"""Suggestions (合理化建议): recording them, moving their status, and counting them."""

from __future__ import annotations

# Whether an organization exists, and whether it is the principal's own or lies under it.
UNDER_ORGANIZATION = """
OPTIONAL MATCH (o:Organization {key: $organization})
RETURN o IS NOT NULL AS found,
       EXISTS { MATCH (o)-[:PART_OF*0..]->(:Organization {key: $own}) } AS under
"""

CREATE_SUGGESTION = """
CREATE (s:Suggestion {key: $key})
SET s += $props
WITH s
MATCH (o:Organization {key: $submittedTo})
MERGE (s)-[:SUBMITTED_TO]->(o)
WITH s
CALL (s) {
  UNWIND $proposers AS k MATCH (p {key: k}) WHERE p:Person OR p:Organization
  MERGE (s)-[:PROPOSED_BY]->(p)
}
CALL (s) { UNWIND $visits AS k MATCH (v:Visit {key: k}) MERGE (s)-[:RAISED_DURING]->(v) }
CALL (s) { UNWIND $issues AS k MATCH (i:Issue {key: k}) MERGE (s)-[:TRACKED_AS]->(i) }
RETURN s.key AS key
"""

# The suggestion under its lock, and the organization it was submitted to.
LOCK_SUGGESTION = """
MATCH (s:Suggestion {key: $key})
SET s.version = coalesce(s.version, 0) + 1
RETURN s.status AS status, s.collectedOn AS collectedOn, s.adoptedOn AS adoptedOn,
       COLLECT { MATCH (s)-[:SUBMITTED_TO]->(o:Organization) RETURN o.key }[0] AS submittedTo
"""

SET_SUGGESTION = """
MATCH (s:Suggestion {key: $key})
SET s += $props
WITH s
CALL (s) {
  UNWIND $organizations AS k MATCH (o:Organization {key: k}) MERGE (s)-[:BENEFITS]->(o)
}
CALL (s) { UNWIND $areas AS k MATCH (a:Area {key: k}) MERGE (s)-[:BENEFITS]->(a) }
RETURN count(s) AS changed
"""

# Root-connection filters (see graph.cypher.paging): each one predicate on `n`.
SUGGESTION_FILTERS = {
    "statuses": "n.status IN $statuses",
    "from": "n.collectedOn >= $from",
    "to": "n.collectedOn < $to",
    "submittedTo": (
        "EXISTS { (n)-[:SUBMITTED_TO]->(:Organization)-[:PART_OF*0..]->"
        "(:Organization {key: $submittedTo}) }"
    ),
    "proposerOrganization": (
        "EXISTS { (n)-[:PROPOSED_BY]->()-[:MEMBER_OF|PART_OF*0..]->"
        "(:Organization {key: $proposerOrganization}) }"
    ),
}

# Counts for an organization and every one under it; each by the date of its own step.
SUGGESTION_FIGURES = """
MATCH (o:Organization {key: $organization})
CALL (o) {
  MATCH (s:Suggestion)-[:SUBMITTED_TO]->(:Organization)-[:PART_OF*0..]->(o)
  WITH DISTINCT s
  RETURN
    count(CASE WHEN ($from IS NULL OR s.collectedOn >= $from)
               AND ($to IS NULL OR s.collectedOn < $to) THEN 1 END) AS collected,
    count(CASE WHEN s.adoptedOn IS NOT NULL AND ($from IS NULL OR s.adoptedOn >= $from)
               AND ($to IS NULL OR s.adoptedOn < $to) THEN 1 END) AS adopted,
    count(CASE WHEN s.implementedOn IS NOT NULL AND ($from IS NULL OR s.implementedOn >= $from)
               AND ($to IS NULL OR s.implementedOn < $to) THEN 1 END) AS implemented,
    count(CASE WHEN s.declinedOn IS NOT NULL AND ($from IS NULL OR s.declinedOn >= $from)
               AND ($to IS NULL OR s.declinedOn < $to) THEN 1 END) AS declined,
    sum(CASE WHEN s.implementedOn IS NOT NULL AND ($from IS NULL OR s.implementedOn >= $from)
             AND ($to IS NULL OR s.implementedOn < $to) THEN coalesce(s.peopleBenefited, 0)
             ELSE 0 END) AS peopleBenefited
}
RETURN collected, adopted, implemented, declined, peopleBenefited
"""
