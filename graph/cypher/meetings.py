"""Meetings and their decisions: recording, editing, and the issues decisions resolve."""

from __future__ import annotations

CREATE_MEETING = """
CREATE (m:Meeting {key: $key})
SET m += $props
RETURN m.key AS key
"""

# Takes the meeting's lock first, so two decisions added at once get different numbers.
LOCK_MEETING = """
MATCH (m:Meeting {key: $key})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.title AS title, m.heldOn AS heldOn
"""

SET_MEETING = """
MATCH (m:Meeting {key: $key})
SET m += $props
RETURN count(m) AS changed
"""

# Replaces the meeting's attendees (organizations and people) with those given.
REPLACE_ATTENDEES = """
MATCH (m:Meeting {key: $key})
CALL (m) { MATCH (m)-[r:ATTENDED_BY]->() DELETE r }
CALL (m) {
  UNWIND $organizations AS k MATCH (o:Organization {key: k}) MERGE (m)-[:ATTENDED_BY]->(o)
}
CALL (m) { UNWIND $people AS k MATCH (p:Person {key: k}) MERGE (m)-[:ATTENDED_BY]->(p) }
RETURN count(m) AS changed
"""

# Replaces the projects the meeting is about with those given.
REPLACE_PROJECTS = """
MATCH (m:Meeting {key: $key})
CALL (m) { MATCH (m)-[r:ABOUT]->(:Project) DELETE r }
CALL (m) { UNWIND $projects AS k MATCH (p:Project {key: k}) MERGE (m)-[:ABOUT]->(p) }
RETURN count(m) AS changed
"""

# The next decision of a locked meeting, numbered after those it has.
CREATE_DECISION = """
MATCH (m:Meeting {key: $meeting})
WITH m, COUNT { (m)-[:DECIDED]->(:Decision) } + 1 AS seq
CREATE (m)-[:DECIDED]->(d:Decision {key: $key, text: $text, seq: seq})
WITH d
CALL (d) { UNWIND $advances AS k MATCH (p:Project {key: k}) MERGE (d)-[:ADVANCES]->(p) }
CALL (d) { UNWIND $resolves AS k MATCH (i:Issue {key: k}) MERGE (d)-[:RESOLVED]->(i) }
RETURN d.seq AS seq
"""

LINK_FOLLOW_UP = """
MATCH (d:Decision {key: $decision}), (i:Issue {key: $issue})
MERGE (d)-[r:FOLLOWED_UP_BY]->(i)
RETURN count(r) AS linked
"""

ISSUE_STATES = """
UNWIND $keys AS k
MATCH (i:Issue {key: k})
RETURN i.key AS key, i.state AS state
"""

SET_DECISION = """
MATCH (:Meeting)-[:DECIDED]->(d:Decision {key: $key})
SET d.text = $text
RETURN count(d) AS changed
"""
