"""Backup and restore: the write gate, whole-graph scans, the schema, the restore's writes."""

from __future__ import annotations

# Service-internal labels, never backed up: the write gate's stripes and the restore's mark.
GATE_LABEL = "WriteGate"
MARK_LABEL = "RestoreMark"
# Carried by every node a restore is still writing, with the node's id in the backup.
RESTORING_LABEL = "Restoring"
RESTORING_ID = "_backupId"

GATE_CONSTRAINT = (
    f"CREATE CONSTRAINT writegate_key IF NOT EXISTS FOR (g:{GATE_LABEL}) REQUIRE g.key IS UNIQUE"
)

# Every write transaction first locks one stripe by setting its key to itself: Neo4j takes the
# lock and holds it to the commit, yet records no change (a database without stripes, never
# backed up, has nothing to lock). The barrier locks them all the same way.
PASS_GATE = f"OPTIONAL MATCH (g:{GATE_LABEL} {{key: $key}}) SET g.key = g.key"
# The same lock as the first clause of a write's one statement, saving it a statement: the
# aggregation ends the clause for good before anything after it runs.
GATE_FIRST = (
    f"OPTIONAL MATCH (gate:{GATE_LABEL} {{key: $gate}}) SET gate.key = gate.key "
    "WITH count(gate) AS gated\n"
)
ENSURE_GATE = f"UNWIND $keys AS key MERGE (:{GATE_LABEL} {{key: key}})"
HOLD_GATE = f"MATCH (g:{GATE_LABEL}) SET g.key = g.key"
# A trivial read: the bookmark it returns names the last transaction committed.
LAST_COMMIT = "RETURN 1 AS one"

SERVER = "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"

_DATA = f"NOT n:{GATE_LABEL} AND NOT n:{MARK_LABEL}"

COUNT_GRAPH = f"""
CALL () {{ MATCH (n) WHERE {_DATA} RETURN count(n) AS nodes }}
CALL () {{ MATCH ()-[r]->() RETURN count(r) AS relationships }}
RETURN nodes, relationships
"""

# Temporal values leave Neo4j as its own text, which it parses back exactly (nanoseconds,
# offsets, zone names): the driver's temporal objects cost milliseconds each to make and print.
_KINDS = (
    ("ZONED DATETIME", "datetime"),
    ("LOCAL DATETIME", "localdatetime"),
    ("DATE", "date"),
    ("ZONED TIME", "time"),
    ("LOCAL TIME", "localtime"),
    ("DURATION", "duration"),
)


def _properties(var: str) -> str:
    """Each property of `var` as [name, kind, value]: kind null for values sent as they are."""
    cases = " ".join(
        f"WHEN {var}[k] IS :: {cypher} THEN [k, '{kind}', toString({var}[k])] "
        f"WHEN {var}[k] IS :: LIST<{cypher} NOT NULL> AND size({var}[k]) > 0 "
        f"THEN [k, '{kind}[]', [x IN {var}[k] | toString(x)]]"
        for cypher, kind in _KINDS
    )
    return f"[k IN keys({var}) | CASE {cases} ELSE [k, null, {var}[k]] END]"


SCAN_NODES = f"""
MATCH (n) WHERE {_DATA}
RETURN elementId(n) AS id, labels(n) AS labels, {_properties("n")} AS props
"""

# An endpoint is named in checksums by its labels and key (or its properties when it has no
# key): the same in the source and the restored graph, whatever ids Neo4j gives.
SCAN_RELATIONSHIPS = f"""
MATCH (a)-[r]->(b)
RETURN elementId(r) AS id, type(r) AS type, {_properties("r")} AS props,
       elementId(a) AS start, elementId(b) AS end,
       [labels(a), CASE WHEN a.key IS NULL THEN properties(a) ELSE a.key END] AS startName,
       [labels(b), CASE WHEN b.key IS NULL THEN properties(b) ELSE b.key END] AS endName
"""

# Lookup indexes come with every database; indexes owned by a constraint come with it.
# Constraints first: a restore runs them in this order. SHOW commands take no UNION.
SCHEMA = (
    "SHOW CONSTRAINTS YIELD name, createStatement "
    "RETURN createStatement AS statement ORDER BY name",
    "SHOW INDEXES YIELD name, type, owningConstraint, createStatement "
    "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL AND name <> 'restoring_id' "
    "RETURN createStatement AS statement ORDER BY name",
)

SCHEMA_NAMES = "SHOW INDEXES YIELD name RETURN collect(name) AS names"

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# Anything at all, the service's own nodes aside: a database holding it is not empty. A
# service started on the new database records its clock zone; the backup brings its own.
ANY_DATA = f"RETURN EXISTS {{ MATCH (n) WHERE {_DATA} AND NOT n:StoreZone }} AS data"
DROP_ZONE_RECORD = "MATCH (m:StoreZone) DETACH DELETE m"

MARK_INCOMPLETE = f"""
MERGE (m:{MARK_LABEL} {{key: 'restore'}})
SET m.state = 'INCOMPLETE', m.file = $file, m.startedAt = datetime()
"""
MARK_COMPLETE = f"MATCH (m:{MARK_LABEL} {{key: 'restore'}}) DETACH DELETE m"
READ_MARK = f"""
OPTIONAL MATCH (m:{MARK_LABEL} {{key: 'restore'}})
RETURN m.state AS state, m.file AS file, toString(m.startedAt) AS startedAt
"""

RESTORING_INDEX = (
    f"CREATE INDEX restoring_id IF NOT EXISTS FOR (n:{RESTORING_LABEL}) ON (n.{RESTORING_ID})"
)
DROP_RESTORING_INDEX = "DROP INDEX restoring_id IF EXISTS"

# A typed value arrives as [name, kind, value] and is rebuilt by Neo4j from its text, exactly
# (nanoseconds, offsets and named zones): cheaper than the driver's own encoding of each.
_TYPED = """
FOREACH (t IN row.typed | SET {var}[t[0]] = CASE t[1]
  WHEN 'date' THEN date(t[2]) WHEN 'time' THEN time(t[2])
  WHEN 'localtime' THEN localtime(t[2]) WHEN 'localdatetime' THEN localdatetime(t[2])
  WHEN 'datetime' THEN datetime(t[2]) WHEN 'duration' THEN duration(t[2])
  WHEN 'point' THEN point(t[2]) WHEN 'bytes' THEN t[2]
  WHEN 'date[]' THEN [x IN t[2] | date(x)] WHEN 'time[]' THEN [x IN t[2] | time(x)]
  WHEN 'localtime[]' THEN [x IN t[2] | localtime(x)]
  WHEN 'localdatetime[]' THEN [x IN t[2] | localdatetime(x)]
  WHEN 'datetime[]' THEN [x IN t[2] | datetime(x)]
  WHEN 'duration[]' THEN [x IN t[2] | duration(x)]
  WHEN 'point[]' THEN [x IN t[2] | point(x)]
END)
"""

CREATE_NODES = (
    f"UNWIND $rows AS row CREATE (n:{RESTORING_LABEL} {{{RESTORING_ID}: row.id}}) "
    "SET n:$(row.labels), n += row.props " + _TYPED.format(var="n")
)

CREATE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    f"MATCH (a:{RESTORING_LABEL} {{{RESTORING_ID}: row.start}}) "
    f"MATCH (b:{RESTORING_LABEL} {{{RESTORING_ID}: row.end}}) "
    "CREATE (a)-[r:$(row.type)]->(b) SET r += row.props "
    + _TYPED.format(var="r")
    + " RETURN count(r) AS written"
)

# Run outside a transaction: each batch commits on its own.
UNMARK_RESTORED = f"""
MATCH (n:{RESTORING_LABEL})
CALL (n) {{ REMOVE n:{RESTORING_LABEL}, n.{RESTORING_ID} }} IN TRANSACTIONS OF 10000 ROWS
"""

# A failed restore's leftovers, emptied batch by batch before it is tried again.
CLEAR_BATCH = (
    f"MATCH (n) WHERE NOT n:{MARK_LABEL} WITH n LIMIT $batch DETACH DELETE n "
    "RETURN count(*) AS deleted"
)
