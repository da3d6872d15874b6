"""Live updates: the IssueEvent log tailed by seq, and what the access rules read per issue."""

from __future__ import annotations

# The subscription poller tails the IssueEvent log by seq. Each row carries the issue's facts
# the access rules and filters need, so that the poller decides in Python who gets an event.

# What the row rules of graph.cypher.access read about issue `i`, and where it sits.
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

# Open issues past a deadline, one row per missed deadline (the definition in graph.cypher.overdue).
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
