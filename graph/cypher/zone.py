"""Bringing stored datetimes into the configured zone: a record of it and a batched rewrite."""

from __future__ import annotations

# Every datetime is stored at the offset its zone ($zone) has at that instant, so that equal
# instants compare equal: Neo4j orders equal instants at different offsets by the offset, and a
# bound on the very instant of an issue would then keep or drop it by how each was written.

# The zone the database was last brought into; none on a database older than the setting.
MOVED_TO = "OPTIONAL MATCH (m:StoreZone) RETURN m.zone AS zone"
RECORD_ZONE = "MERGE (m:StoreZone) SET m.zone = $zone"

# Auto-commit statements (CALL IN TRANSACTIONS): a large graph is rewritten in batches; a batch
# that fails leaves the earlier ones done, and the next start-up rewrites only what is left.
MOVE_NODES = """
MATCH (n)
WHERE any(k IN keys(n) WHERE n[k] IS :: ZONED DATETIME
          AND n[k] <> datetime({datetime: n[k],
                                timezone: datetime({datetime: n[k], timezone: $zone}).offset}))
CALL (n) {
  FOREACH (k IN [k IN keys(n) WHERE n[k] IS :: ZONED DATETIME] |
    SET n[k] = datetime({datetime: n[k],
                         timezone: datetime({datetime: n[k], timezone: $zone}).offset}))
} IN TRANSACTIONS OF $batch ROWS
RETURN count(n) AS moved
"""

MOVE_RELATIONSHIPS = """
MATCH ()-[r]->()
WHERE any(k IN keys(r) WHERE r[k] IS :: ZONED DATETIME
          AND r[k] <> datetime({datetime: r[k],
                                timezone: datetime({datetime: r[k], timezone: $zone}).offset}))
CALL (r) {
  FOREACH (k IN [k IN keys(r) WHERE r[k] IS :: ZONED DATETIME] |
    SET r[k] = datetime({datetime: r[k],
                         timezone: datetime({datetime: r[k], timezone: $zone}).offset}))
} IN TRANSACTIONS OF $batch ROWS
RETURN count(r) AS moved
"""
