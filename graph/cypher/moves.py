"""Relocation plans: a project's moves and milestones, read to check and written as planned."""

from __future__ import annotations

# What planning a move must check, read in the write transaction: each row is null when absent.
MOVE_REFERENCES = """
OPTIONAL MATCH (p:Project {key: $project})
OPTIONAL MATCH (u:Organization {key: $unit})
OPTIONAL MATCH (c:Site {key: $from})
OPTIONAL MATCH (s:Site {key: $to})
RETURN p {.key, .name, .kind, .startDate} AS project,
       u {.key, .name} AS unit,
       c {.key, .name, .kind, .landMu,
          owners: COLLECT { MATCH (c)-[:OWNED_BY]->(o:Organization) RETURN o.key }} AS compound,
       s {.key, .name, .kind} AS site,
       COLLECT {
         MATCH (p)-[:HAS_MOVE]->(m:Move)-[:FROM_SITE]->(c) RETURN m.key
       } AS compoundMoves
"""

CREATE_MOVE = """
MATCH (p:Project {key: $project}), (u:Organization {key: $unit}),
      (c:Site {key: $from}), (s:Site {key: $to})
CREATE (p)-[:HAS_MOVE]->(m:Move {key: $key, status: $status, plannedOn: date($plannedOn),
  landMu: $landMu, note: $note})
CREATE (m)-[:MOVES]->(u), (m)-[:FROM_SITE]->(c), (m)-[:TO_SITE]->(s)
"""

# A move as it stands, with its project's dates, to check an edit against.
MOVE_STATE = """
MATCH (p:Project)-[:HAS_MOVE]->(m:Move {key: $key})
RETURN m {.key, .status, .plannedOn, .movedOn, .landMu, .note} AS move,
       p {.key, .startDate} AS project
"""

UPDATE_MOVE = """
MATCH (m:Move {key: $key})
SET m.status = $status, m.plannedOn = date($plannedOn), m.movedOn = date($movedOn),
    m.landMu = $landMu, m.note = $note
"""

REMOVE_MOVE = """
MATCH (m:Move {key: $key})
DETACH DELETE m
"""

# The project and, when one is named, the milestone with the project it belongs to.
MILESTONE_REFERENCES = """
OPTIONAL MATCH (p:Project {key: $project})
OPTIONAL MATCH (m:Milestone {key: $milestone})
RETURN p {.key, .startDate} AS project,
       m {.key, project: COLLECT { MATCH (q:Project)-[:HAS_MILESTONE]->(m) RETURN q.key }[0]}
         AS milestone
"""

SET_MILESTONE = """
MATCH (p:Project {key: $project})
MERGE (p)-[:HAS_MILESTONE]->(m:Milestone {key: $key})
SET m.title = $title, m.dueOn = date($dueOn), m.reachedOn = date($reachedOn)
"""
