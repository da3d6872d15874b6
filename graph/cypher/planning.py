"""Planning: a relocation project's moves, each with its unit, compound and new site."""

from __future__ import annotations

# A relocation project, its dates, and every move: its status, dates, unit, compound and site.
RELOCATION_MAP = """
MATCH (p:Project {key: $key})
RETURN p.kind AS kind, p.name AS name, p.startDate AS startDate, p.endDate AS endDate,
       COLLECT {
         MATCH (p)-[:HAS_MOVE]->(m:Move)
         OPTIONAL MATCH (m)-[:FROM_SITE]->(c:Site)
         RETURN {
           move: m.key, status: m.status, plannedOn: m.plannedOn, movedOn: m.movedOn,
           landMu: m.landMu, note: m.note,
           unit: COLLECT { MATCH (m)-[:MOVES]->(u:Organization) RETURN u {.key, .name} }[0],
           compound: c {.key, .name, .lat, .lon},
           site: COLLECT {
             MATCH (m)-[:TO_SITE]->(s:Site) RETURN s {.key, .name, .lat, .lon}
           }[0]
         }
         ORDER BY coalesce(m.movedOn, m.plannedOn), c.key, m.key
       } AS moves
"""
