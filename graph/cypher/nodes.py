"""Nodes by key and their neighbours, batched, as a role may see them."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import projection, visible
from graph.model import Label, Rel

_GET_NODES = (
    "UNWIND $keys AS key "
    "OPTIONAL MATCH (n:{label} {{key: key}}) WHERE {visible} "
    "RETURN key, CASE WHEN n IS NULL THEN null ELSE {projection} END AS node"
)


@cache
def get_nodes(label: Label, role: str) -> str:
    """Nodes of one label by key, as the role may see them; null where absent or hidden."""
    return _GET_NODES.format(
        label=Label(label), visible=visible(label, role), projection=projection(label, role)
    )


_NEIGHBORS = {
    "OUT": "(a)-[r:{rel}]->(b{target})",
    "IN": "(a)<-[r:{rel}]-(b{target})",
    "BOTH": "(a)-[r:{rel}]-(b{target})",
}

_NEIGHBORS_QUERY = (
    "UNWIND $keys AS key "
    "MATCH (a:{label} {{key: key}}) "
    "MATCH {pattern} WHERE {visible} "
    "RETURN key, {projection} AS node, properties(r) AS rel "
    "ORDER BY key, b.key"
)


@cache
def neighbors(label: Label, rel: Rel, direction: str, target: Label | None, role: str) -> str:
    """The batched neighbour read for one label, relationship, direction, target and role."""
    only = f":{Label(target)}" if target is not None else ""
    pattern = _NEIGHBORS[direction].format(rel=Rel(rel), target=only)
    return _NEIGHBORS_QUERY.format(
        label=Label(label),
        pattern=pattern,
        visible=visible(target, role, "b"),
        projection=projection(target, role, "b"),
    )
