"""Writes of many rows at once: upserts, bulk loads, and clearing the graph."""

from __future__ import annotations

from functools import cache

from graph.model import Label, Rel

# Temporal values travel as ISO strings and are parsed by Neo4j: the driver's own encoding
# of Python datetimes costs ~150 µs each, which dominated bulk loads.
_SET_TEMPORAL = {
    "datetimes": "FOREACH (k IN keys(row.datetimes) | SET {var}[k] = datetime(row.datetimes[k]))",
    "localDatetimes": (
        "FOREACH (k IN keys(row.localDatetimes) | "
        "SET {var}[k] = localdatetime(row.localDatetimes[k]))"
    ),
    "dates": "FOREACH (k IN keys(row.dates) | SET {var}[k] = date(row.dates[k]))",
}

# The keys of a row's temporal maps, as graph.records.split_temporals names them.
TEMPORAL_KINDS: frozenset[str] = frozenset(_SET_TEMPORAL)

_SET_TEMPORALS = " ".join(_SET_TEMPORAL.values())

_UPSERT_NODES = (
    "UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n += row.props "
    + _SET_TEMPORALS.format(var="n")
)

# Communities are areas with a second label; they merge on the Area key.
_UPSERT_COMMUNITIES = (
    "UNWIND $rows AS row MERGE (n:Area {key: row.key}) SET n:Community, n += row.props "
    + _SET_TEMPORALS.format(var="n")
)

UPSERT_NODES: dict[Label, str] = {
    label: _UPSERT_COMMUNITIES if label is Label.COMMUNITY else _UPSERT_NODES.format(label=label)
    for label in Label
}

_UPSERT_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}}) "
    "MATCH (b:{end} {{key: row.end}}) "
    "MERGE (a)-[r:{rel}]->(b) SET r += row.props "
    + _SET_TEMPORALS.format(var="r")
    + " RETURN count(r) AS written"
)


@cache
def upsert_relationships(rel: Rel, start: Label, end: Label) -> str:
    """The MERGE statement for relationships of one type between two labels."""
    return _UPSERT_RELATIONSHIPS.format(rel=Rel(rel), start=Label(start), end=Label(end))


# Each FOREACH over a temporal map puts an Eager barrier in the plan even when the map is
# empty, so bulk writes name only the kinds their batch holds. CREATE skips MERGE's lookup and
# its locks; it is for keys the caller made up itself and knows to be new (bench/generate.py).

_WRITE_NODES = "UNWIND $rows AS row {verb} (n:{label} {{key: row.key}}) SET n += row.props"
_WRITE_COMMUNITIES = {
    "MERGE": "UNWIND $rows AS row MERGE (n:Area {key: row.key}) SET n:Community, n += row.props",
    "CREATE": "UNWIND $rows AS row CREATE (n:Area:Community {key: row.key}) SET n += row.props",
}

_WRITE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}}) "
    "MATCH (b:{end} {{key: row.end}}) "
    "{verb} (a)-[r:{rel}]->(b) SET r += row.props{temporals} "
    "RETURN count(r) AS written"
)


def _temporal_clauses(var: str, kinds: frozenset[str]) -> str:
    unknown = kinds - TEMPORAL_KINDS
    if unknown:
        raise ValueError(f"not a temporal kind: {sorted(unknown)}")
    # Dict order, not set order, so one batch shape always yields one statement text.
    return "".join(
        " " + clause.format(var=var) for kind, clause in _SET_TEMPORAL.items() if kind in kinds
    )


@cache
def write_nodes(label: Label, temporals: frozenset[str], create: bool = False) -> str:
    """MERGE (or CREATE) nodes of one label, parsing only the given temporal kinds."""
    verb = "CREATE" if create else "MERGE"
    if label is Label.COMMUNITY:
        head = _WRITE_COMMUNITIES[verb]
    else:
        head = _WRITE_NODES.format(verb=verb, label=Label(label))
    return head + _temporal_clauses("n", temporals)


@cache
def write_relationships(
    rel: Rel, start: Label, end: Label, temporals: frozenset[str], create: bool = False
) -> str:
    """MERGE (or CREATE) relationships of one type, parsing only the given temporal kinds."""
    return _WRITE_RELATIONSHIPS.format(
        verb="CREATE" if create else "MERGE",
        rel=Rel(rel),
        start=Label(start),
        end=Label(end),
        temporals=_temporal_clauses("r", temporals),
    )


# In batches of its own transactions, so clearing a large graph never holds it all at once.
DELETE_ALL = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
