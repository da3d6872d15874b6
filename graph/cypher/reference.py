"""Reference data: making a node's links of one type exactly the given ones."""

from __future__ import annotations

from functools import cache

from graph.model import Label, Rel

_REPLACE_LINKS = """
MATCH (a:{label} {{key: $key}})
OPTIONAL MATCH {pattern}
DELETE old
WITH DISTINCT a
UNWIND $links AS link
MATCH (b:{target} {{key: link.key}})
MERGE {merge}
SET r += link.props
RETURN count(r) AS linked
"""

_REPLACE_PATTERNS = {
    "OUT": ("(a)-[old:{rel}]->(:{target})", "(a)-[r:{rel}]->(b)"),
    "IN": ("(a)<-[old:{rel}]-(:{target})", "(a)<-[r:{rel}]-(b)"),
}


@cache
def replace_links(label: Label, rel: Rel, target: Label, direction: str) -> str:
    """Make a node's links of one type to one label exactly the given ones."""
    old, new = _REPLACE_PATTERNS[direction]
    return _REPLACE_LINKS.format(
        label=Label(label),
        target=Label(target),
        pattern=old.format(rel=Rel(rel), target=Label(target)),
        merge=new.format(rel=Rel(rel)),
    )
