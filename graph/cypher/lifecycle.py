"""An issue's life: reporting it, locking it, moving it between states, dispatching it."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import projection, visible
from graph.cypher.backup import GATE_FIRST
from graph.model import Label

# Writing to the issue first takes its write lock, so two transitions of one issue serialize
# and each sees the state the other left.
LOCK_ISSUE = (
    "MATCH (i:Issue {key: $key}) SET i.version = coalesce(i.version, 0) + 1 RETURN i.state AS state"
)

# Event numbers come from one Sequence node, created at the highest seq already stored; its
# write lock, held to the commit, makes commits follow seq order. Binds `s`.
_NEXT_SEQ = """
CALL () {
  OPTIONAL MATCH (e:IssueEvent) WHERE e.seq IS NOT NULL
  WITH e ORDER BY e.seq DESC LIMIT 1
  RETURN coalesce(e.seq, 0) AS top
}
MERGE (s:Sequence {key: 'issue-event'}) ON CREATE SET s.value = top
SET s.value = s.value + 1
"""

APPEND_ISSUE_EVENT = (
    "MATCH (i:Issue {key: $key})"
    + _NEXT_SEQ
    + """SET i.state = $to, i += $props
FOREACH (k IN keys($datetimes) | SET i[k] = datetime($datetimes[k]))
FOREACH (k IN $increments | SET i[k] = coalesce(i[k], 0) + 1)
CREATE (i)-[:HAS_EVENT]->(e:IssueEvent {
  key: $eventKey, seq: s.value, at: datetime($at), fromState: $fromState, toState: $to,
  note: $note, actor: $actor, clientStepId: $clientStepId
})
RETURN e.seq AS seq
"""
)

# The step a client already took on this issue under the same clientStepId, if it did.
STEP_TAKEN = """
MATCH (:Issue {key: $key})-[:HAS_EVENT]->(e:IssueEvent {clientStepId: $clientStepId})
RETURN e.toState AS toState
LIMIT 1
"""

# The issue as a step left it, read in the step's own transaction for the mutation's answer.
ISSUE_AS_IS = "MATCH (i:Issue {key: $key}) RETURN i {.*, _labels: labels(i)} AS node"

# With a clientRequestId, MERGE on its uniqueness constraint makes resubmission find the
# first issue instead of making a second one, even when both requests race.
_CREATE_ONCE = """
MERGE (i:Issue {clientRequestId: $clientRequestId})
ON CREATE SET i += $props, i.key = $key, i.state = 'RECEIVED', i.reportedAt = datetime($at),
  i.created = true
WITH category, area, known, i, i.created IS NOT NULL AS created
REMOVE i.created
WITH *
"""

_CREATE = """
CREATE (i:Issue {key: $key})
SET i += $props, i.state = 'RECEIVED', i.reportedAt = datetime($at)
WITH category, area, known, i, true AS created
"""

# A report in one statement, first through the write gate: `missing` names the nodes it names
# that are absent (a required reporter also when hidden from the reader; one not required is
# just not linked), and then nothing is written; else the issue,
# and only when this statement created it its links, its resident and its first event. The
# answer is the issue as the reader sees it, read before the commit.
_REPORT = (
    GATE_FIRST
    + """OPTIONAL MATCH (category:Category {key: $category})
OPTIONAL MATCH (area:Area {key: $area})
OPTIONAL MATCH (known:Person {key: $reporter}) WHERE {reporter_visible}
WITH category, area, known, [name IN [
    CASE WHEN $reporterRequired AND $reporter IS NOT NULL AND known IS NULL THEN 'reporter' END,
    CASE WHEN category IS NULL THEN 'category' END,
    CASE WHEN area IS NULL THEN 'area' END
  ] WHERE name IS NOT NULL] AS missing
OPTIONAL CALL (category, area, known, missing) {
  WITH * WHERE missing = []
  {create}
  CALL (i, category, area, known, created) {
    WITH * WHERE created
    CREATE (i)-[:IN_CATEGORY]->(category), (i)-[:LOCATED_IN]->(area)
    FOREACH (person IN CASE WHEN known IS NULL THEN [] ELSE [known] END |
      CREATE (person)-[:REPORTED {at: i.reportedAt}]->(i))
    // Each named report records its own resident, as this report told it, and never looks
    // one up by phone: a report can then neither learn that a number is on file nor rename
    // another's.
    FOREACH (r IN CASE WHEN $resident IS NULL THEN [] ELSE [$resident] END |
      CREATE (:Person {key: r.key, name: r.name, phone: r.phone, roles: ['RESIDENT']})
        -[:REPORTED {at: i.reportedAt}]->(i))
    WITH i"""
    + _NEXT_SEQ
    + """CREATE (i)-[:HAS_EVENT]->(:IssueEvent {
      key: $event.key, seq: s.value, at: datetime($at), toState: 'RECEIVED',
      note: $event.note, actor: $event.actor, clientStepId: $event.clientStepId
    })
  }
  RETURN i, created
}
// Only these: the reader's rules name variables of their own.
WITH missing, i, created
RETURN missing, i.key AS key, coalesce(created, false) AS created,
  CASE WHEN i IS NOT NULL AND {visible} THEN {projection} END AS node
"""
)


@cache
def report_issue(once: bool, role: str) -> str:
    """The report statement, with a clientRequestId or without, as `role` sees its answer."""
    # Spliced in by name: the rest of the statement is plain Cypher, braces included.
    return (
        _REPORT.replace("{create}", _CREATE_ONCE if once else _CREATE)
        .replace("{reporter_visible}", visible(Label.PERSON, role, "known"))
        .replace("{visible}", visible(Label.ISSUE, role, "i"))
        .replace("{projection}", projection(Label.ISSUE, role, "i"))
    )


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
