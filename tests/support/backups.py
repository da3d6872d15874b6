"""Helpers of the backup tests: a fresh database's schema, and the graph as comparable rows."""

from __future__ import annotations

from typing import Any

from graph.store import Neo4jStore

SHOW = (
    "SHOW CONSTRAINTS YIELD name RETURN 'CONSTRAINT' AS kind, name",
    "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' "
    "AND owningConstraint IS NULL RETURN 'INDEX' AS kind, name",
)
SCHEMA = (
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options "
    "WHERE type <> 'LOOKUP' RETURN name, type, labelsOrTypes, properties, "
    "options.indexConfig AS config ORDER BY name"
)
# Every node and relationship with its properties as the driver reads them (typed values as
# they are), endpoints named by labels and key: what a restored graph must equal.
NODES = (
    "MATCH (n) WHERE NOT n:WriteGate AND NOT n:RestoreMark "
    "RETURN labels(n) AS labels, properties(n) AS props"
)
RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
    "labels(a) AS startLabels, a.key AS start, labels(b) AS endLabels, b.key AS end"
)


async def drop_schema(store: Neo4jStore) -> None:
    """Drop every constraint and index but the lookups: a database as new."""
    # Schema statements cannot share a transaction with the write gate's bump: run alone.
    async with store.driver.session(database=store.database) as session:
        for row in [row for show in SHOW for row in await store.query(show)]:
            await (await session.run(f"DROP {row['kind']} `{row['name']}` IF EXISTS")).consume()


def _sortable(row: dict[str, Any]) -> str:
    return repr(sorted((k, repr(v)) for k, v in row.items()))


async def graph_rows(store: Neo4jStore) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """The whole graph as sorted reprs of its nodes and relationships, and its schema."""
    nodes = sorted(
        _sortable({"labels": sorted(r["labels"]), **r["props"]}) for r in await store.query(NODES)
    )
    relationships = sorted(
        _sortable(
            {**r, "startLabels": sorted(r["startLabels"]), "endLabels": sorted(r["endLabels"])}
        )
        for r in await store.query(RELATIONSHIPS)
    )
    schema = [
        row for row in await store.query(SCHEMA) if not str(row["name"]).startswith("restoring")
    ]
    return nodes, relationships, schema
