"""Open311 GeoReport v2: services, public request fields, and addresses to areas."""

from __future__ import annotations

# Every category is a service; its group is its parent category's name.
OPEN311_SERVICES = """
MATCH (c:Category)
RETURN c.key AS code, c.name AS name, c.description AS description, c.keywords AS keywords,
       COLLECT { MATCH (c)-[:PART_OF]->(p:Category) RETURN p.name ORDER BY p.key }[0] AS grp
ORDER BY c.key
"""

OPEN311_SERVICE = "MATCH (c:Category {key: $code}) RETURN c.key AS code, c.name AS name"

# Public fields, and the reporters' names only so that the redactor can take them out of the
# text (they are never served). Listed ids override every other filter, as the spec says;
# otherwise the window, states and category all apply.
# Coordinates come from the area or the nearest area above it that has them.
OPEN311_REQUESTS = """
MATCH (i:Issue)
WHERE CASE WHEN $ids IS NOT NULL THEN i.key IN $ids
      ELSE i.reportedAt >= datetime($start) AND i.reportedAt <= datetime($end)
           AND i.state IN $states
           AND ($serviceCode IS NULL
                OR EXISTS { (i)-[:IN_CATEGORY]->(:Category {key: $serviceCode}) })
      END
WITH i ORDER BY i.reportedAt DESC, i.key DESC LIMIT $limit
RETURN i.key AS key, i.state AS state, i.description AS description, i.title AS title,
       i.reportedAt AS reportedAt, i.resolveDueAt AS resolveDueAt,
       COLLECT {
         MATCH (i)-[:HAS_EVENT]->(e:IssueEvent) RETURN e.at ORDER BY e.at DESC LIMIT 1
       }[0] AS updatedAt,
       COLLECT { MATCH (i)-[:IN_CATEGORY]->(c:Category) RETURN c {.key, .name} }[0] AS category,
       COLLECT { MATCH (i)-[:LOCATED_IN]->(a:Area) RETURN a {.key, .name} }[0] AS area,
       COLLECT {
         MATCH path = (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(a:Area)
         WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL
         RETURN a {.lat, .lon} ORDER BY length(path) LIMIT 1
       }[0] AS position,
       COLLECT {
         MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(o:Organization) RETURN o.name
       }[0] AS agency,
       COLLECT {
         MATCH (p:Person)-[:REPORTED]->(i) WHERE p.name IS NOT NULL RETURN DISTINCT p.name
       } AS reporters
"""

OPEN311_NEAREST_COMMUNITY = """
MATCH (c:Community)
WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL
WITH c, point.distance(
  point({latitude: c.lat, longitude: c.lon}), point({latitude: $lat, longitude: $lon})
) AS metres
RETURN c.key AS key, c.name AS name, metres
ORDER BY metres, c.key
LIMIT 1
"""

# Areas an address names: by key, by exact name, or whose name the address contains; depth
# counts the areas above, so the most specific one can win.
OPEN311_AREAS_NAMED = """
MATCH (a:Area)
WHERE a.key = $text OR a.name = $text OR (size(a.name) >= 2 AND $text CONTAINS a.name)
RETURN a.key AS key, a.name AS name, a.key = $text OR a.name = $text AS exact,
       COUNT { (a)-[:PART_OF*1..8]->(:Area) } AS depth
"""
