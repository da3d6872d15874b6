"""Impact: the hotline rates per group, rankings, issue volume and project reach."""

from __future__ import annotations

# The counts behind the hotline "three rates" and their companions, per group, in one pass
# over the issues reported in [$from, $to). Both bounds are always bound (far-off instants
# when open) so the reportedAt index serves the window instead of a scan of every issue.

_IMPACT_WINDOW = """
MATCH (i:Issue)
WHERE i.reportedAt >= datetime($from) AND i.reportedAt < datetime($to)
"""

# How an issue finds its group `g`; DISTINCT because two paths may reach one group.
_IMPACT_GROUPS: dict[str, str] = {
    "COMMUNITY": """
MATCH (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(g:Community)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "ORGANIZATION": """
MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(g:Organization)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "CATEGORY": """
MATCH (i)-[:IN_CATEGORY]->(g:Category)
WHERE $ids IS NULL OR g.key IN $ids
WITH DISTINCT g, i
""",
    "ROOT_CATEGORY": """
MATCH (i)-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..8]->(g:Category)
WHERE NOT EXISTS { (g)-[:PART_OF]->(:Category) } AND ($ids IS NULL OR g.key IN $ids)
WITH DISTINCT g, i
""",
    "MONTH": """
WITH date.truncate('month', datetime({datetime: i.reportedAt, timezone: $timezone})) AS g, i
""",
}

# Each count is one term of a rate; the domain module pairs them up (see resolvers.impact).
_IMPACT_COUNTS = """
WITH g, i, datetime($now) AS now,
     i.state IN $excludedStates AS excluded,
     i.state IN $resolvedStates AS resolved,
     coalesce(i.extendedTo, i.resolveDueAt) AS resolveBy,
     coalesce(i.reopenCount, 0) > 0 AS reopened
WITH g, {
  received: count(i),
  valid: count(CASE WHEN NOT excluded THEN 1 END),
  responseDue: count(CASE WHEN NOT excluded AND i.responseDueAt IS NOT NULL
                           AND (i.respondedAt IS NOT NULL OR i.responseDueAt <= now) THEN 1 END),
  respondedInTime: count(CASE WHEN NOT excluded AND i.respondedAt <= i.responseDueAt THEN 1 END),
  evaluated: count(CASE WHEN NOT excluded
                         AND (resolved OR resolveBy IS NULL OR resolveBy <= now) THEN 1 END),
  resolved: count(CASE WHEN NOT excluded AND resolved THEN 1 END),
  rated: count(CASE WHEN NOT excluded AND i.satisfaction IS NOT NULL THEN 1 END),
  satisfied: count(CASE WHEN NOT excluded AND i.satisfaction >= $satisfiedFrom THEN 1 END),
  resolvedWithDeadline: count(CASE WHEN NOT excluded AND resolved
                                    AND i.resolvedAt IS NOT NULL AND resolveBy IS NOT NULL
                                   THEN 1 END),
  resolvedInTime: count(CASE WHEN NOT excluded AND resolved AND i.resolvedAt <= resolveBy
                             THEN 1 END),
  everResolved: count(CASE WHEN NOT excluded AND (resolved OR reopened) THEN 1 END),
  reopened: count(CASE WHEN NOT excluded AND reopened THEN 1 END),
  whistled: count(CASE WHEN NOT excluded AND EXISTS { (:Whistle)-[:ABOUT]->(i) } THEN 1 END)
} AS counts
"""

_GROUP_NODE = "g.key AS key, g.name AS name, g {.*, _labels: labels(g)} AS node, null AS month"
_GROUP_MONTH = "left(toString(g), 7) AS key, left(toString(g), 7) AS name, null AS node, g AS month"


def _identity(scope: str) -> str:
    return _GROUP_MONTH if scope == "MONTH" else _GROUP_NODE


IMPACT: dict[str, str] = {
    scope: _IMPACT_WINDOW
    + group
    + _IMPACT_COUNTS
    + f"RETURN {_identity(scope)}, counts ORDER BY name, key"
    for scope, group in _IMPACT_GROUPS.items()
}

# The metric's two counts are named by $numerator and $denominator; groups under the minimum
# volume drop out, and ties go to the larger group, then to the name.
_RANKING_ORDER = """
WITH {identity}, counts, counts[$numerator] AS numerator, counts[$denominator] AS denominator
WHERE denominator >= $minVolume AND denominator > 0
WITH key, name, node, month, counts, numerator, denominator,
     toFloat(numerator) / denominator AS rate
ORDER BY CASE WHEN $ascending THEN rate ELSE -rate END, denominator DESC, name, key
LIMIT $limit
RETURN key, name, node, month, counts, numerator, denominator
"""

RANKING: dict[str, str] = {
    scope: _IMPACT_WINDOW
    + _IMPACT_GROUPS[scope]
    + _IMPACT_COUNTS
    + _RANKING_ORDER.format(identity=_identity(scope))
    for scope in ("COMMUNITY", "ORGANIZATION")
}

# Yearly (calendar year in $timezone) and per-channel issue counts, with the documents' own
# figures for the same indicator beside them.
ISSUE_VOLUME = """
CALL () {
  MATCH (i:Issue)
  WHERE i.reportedAt >= datetime($from) AND i.reportedAt < datetime($to)
    AND ($channels IS NULL OR i.channel IN $channels)
  WITH CASE WHEN $byYear
            THEN datetime({datetime: i.reportedAt, timezone: $timezone}).year END AS year,
       CASE WHEN $byChannel THEN i.channel END AS channel
  WITH year, channel, count(*) AS issues
  ORDER BY year, channel
  RETURN collect({year: year, channel: channel, issues: issues}) AS rows
}
CALL () {
  MATCH (o:Observation) WHERE o.indicator STARTS WITH $indicator
  WITH o ORDER BY o.indicator, o.key
  RETURN collect(o {.*, _labels: labels(o)}) AS observations
}
RETURN rows, observations
"""

# Units involved: the lead, the units its moves relocate, and the attendees of meetings about it.
PROJECT_IMPACT = """
MATCH (p:Project)
WHERE p.kind IN $kinds
WITH p ORDER BY p.kind, p.peopleServed IS NULL, p.peopleServed DESC, p.name, p.key
LIMIT $limit
RETURN p {.*, _labels: labels(p)} AS project,
       COLLECT {
         MATCH (p)-[:AFFECTS]->(c:Area) RETURN c {.*, _labels: labels(c)} ORDER BY c.name, c.key
       } AS communities,
       COLLECT {
         CALL (p) {
           MATCH (p)-[:LED_BY]->(o:Organization) RETURN o
           UNION
           MATCH (p)-[:HAS_MOVE]->(:Move)-[:MOVES]->(o:Organization) RETURN o
           UNION
           MATCH (p)<-[:ABOUT]-(:Meeting)-[:ATTENDED_BY]->(o:Organization) RETURN o
         }
         RETURN o {.*, _labels: labels(o)} ORDER BY o.name, o.key
       } AS units,
       COLLECT {
         MATCH (p)<-[:ABOUT]-(o:Observation)
         RETURN o {.*, _labels: labels(o)} ORDER BY o.indicator, o.key
       } AS observations
"""
