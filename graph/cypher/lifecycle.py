"""An issue's life: reporting it, locking it, moving it between states, dispatching it."""

from __future__ import annotations

# Writing to the issue first takes its write lock, so two transitions of one issue serialize
# and each sees the state the other left.
LOCK_ISSUE = (
    "MATCH (i:Issue {key: $key}) SET i.version = coalesce(i.version, 0) + 1 RETURN i.state AS state"
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
  note: $note, actor: $actor, clientStepId: $clientStepId
})
RETURN e.seq AS seq
"""

# The step a client already took on this issue under the same clientStepId, if it did.
STEP_TAKEN = """
MATCH (:Issue {key: $key})-[:HAS_EVENT]->(e:IssueEvent {clientStepId: $clientStepId})
RETURN e.toState AS toState
LIMIT 1
"""

# The issue as a step left it, read in the step's own transaction for the mutation's answer.
ISSUE_AS_IS = "MATCH (i:Issue {key: $key}) RETURN i {.*, _labels: labels(i)} AS node"

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
// Each named report records its own resident, as this report told it, and never looks one up
// by phone: a report can then neither learn that a number is on file nor rename another's.
CALL (i) {
  WITH i WHERE $resident IS NOT NULL
  CREATE (r:Person {key: $resident.key, name: $resident.name, phone: $resident.phone,
    roles: ['RESIDENT']})
  CREATE (r)-[:REPORTED {at: i.reportedAt}]->(i)
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

ASSIGN_ASSISTS = """
MATCH (i:Issue {key: $key})
UNWIND $assists AS assist
MATCH (o:Organization {key: assist})
MERGE (i)-[r:ASSIGNED_TO]->(o)
ON CREATE SET r.role = 'ASSIST', r.viaRule = $viaRule, r.assignedAt = datetime($at)
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
