"""Planning: a relocation project's compounds, their owners and the sites they moved to."""

from __future__ import annotations

# A relocation project with every compound it moved, its owner and the site it moved to.
RELOCATION_MAP = """
MATCH (p:Project {key: $key})
RETURN p.kind AS kind, p.name AS name,
       COLLECT {
         MATCH (p)-[r:RELOCATES]->(c:Site)
         RETURN {
           key: c.key, name: c.name, lat: c.lat, lon: c.lon, landMu: c.landMu,
           movedOn: r.movedOn,
           owner: COLLECT { MATCH (c)-[:OWNED_BY]->(o:Organization) RETURN o.name }[0],
           site: COLLECT {
             MATCH (s:Site {key: r.toSite}) RETURN s {.key, .name, .lat, .lon}
           }[0]
         }
         ORDER BY r.movedOn, c.key
       } AS moves
"""
