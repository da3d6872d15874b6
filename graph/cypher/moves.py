"""Relocation plans: a project's moves and milestones, read to check and written as planned."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import projection, visible
from graph.model import Label

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


# A project's moves with each one's unit and both sites, in one read instead of four: the
# neighbour reads of loaders, folded. Each end keeps its own row rule and projection.
_MOVE_ENDS = (
    "UNWIND $keys AS key "
    "MATCH (a:Project {{key: key}})-[r:HAS_MOVE]->(b:Move) WHERE {move_visible} "
    "RETURN key, {move} AS node, properties(r) AS rel,"
    " [(b)-[e:MOVES]->(o:Organization) WHERE {unit_visible}"
    " | {{node: {unit}, rel: properties(e)}}] AS units,"
    " [(b)-[e:FROM_SITE]->(o:Site) WHERE {site_visible}"
    " | {{node: {site}, rel: properties(e)}}] AS froms,"
    " [(b)-[e:TO_SITE]->(o:Site) WHERE {site_visible}"
    " | {{node: {site}, rel: properties(e)}}] AS tos "
    "ORDER BY key, b.key"
)


@cache
def move_ends(role: str) -> str:
    """Projects' moves, each with its unit and its from and to sites, as the role may see them."""
    return _MOVE_ENDS.format(
        move_visible=visible(Label.MOVE, role, "b"),
        move=projection(Label.MOVE, role, "b"),
        unit_visible=visible(Label.ORGANIZATION, role, "o"),
        unit=projection(Label.ORGANIZATION, role, "o"),
        site_visible=visible(Label.SITE, role, "o"),
        site=projection(Label.SITE, role, "o"),
    )
