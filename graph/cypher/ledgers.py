"""Ledgers: naming nodes by key or name, unlinking stale links, and rows for export."""

from __future__ import annotations

from functools import cache

from graph.model import Label, Rel

_LEDGER_LOOKUP = (
    "UNWIND $values AS v "
    "RETURN v.value AS value, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.key IN v.keys RETURN n.key }} AS byKey, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.name = v.value RETURN n.key ORDER BY n.key }} AS byName"
)

# Ledger cells name nodes by key or by name; the key wins when both match.
LEDGER_LOOKUP: dict[Label, str] = {label: _LEDGER_LOOKUP.format(label=label) for label in Label}

# Issues of a ledger that the lifecycle has moved (they have events), with the fields it owns.
LEDGER_ISSUE_HISTORY = (
    "UNWIND $keys AS key "
    "MATCH (i:Issue {key: key}) "
    "WITH i, COUNT { (i)-[:HAS_EVENT]->(:IssueEvent) } AS events WHERE events > 0 "
    "RETURN i.key AS key, events, i.state AS state, i.resolvedAt AS resolvedAt, "
    "i.satisfaction AS satisfaction"
)

# Takes the write lock of each existing issue, as a lifecycle step does first, and leaves it as
# it was: until the import's transaction ends no step can move them, so what it reads holds.
LOCK_LEDGER_ISSUES = (
    "UNWIND $keys AS key MATCH (i:Issue {key: key}) SET i.ledgerLock = true REMOVE i.ledgerLock"
)

_LEDGER_UNLINK = (
    "UNWIND $rows AS row "
    "MATCH (a:{start} {{key: row.start}})-[r:{rel}]->(b:{end}) "
    "WHERE NOT b.key IN row.ends DELETE r"
)


@cache
def ledger_unlink(rel: Rel, start: Label, end: Label) -> str:
    """Delete a ledger row's links of one type to nodes its row no longer names."""
    return _LEDGER_UNLINK.format(rel=Rel(rel), start=Label(start), end=Label(end))


@cache
def ledger_rows(label: Label, links: tuple[tuple[str, Rel, Label], ...]) -> str:
    """Every node of a label with the keys it links to, one list per (name, rel, target)."""
    fields = "".join(
        f", COLLECT {{ MATCH (n)-[:{Rel(rel)}]->(b:{Label(end)}) RETURN b.key ORDER BY b.key }}"
        f" AS `{name}`"
        for name, rel, end in links
    )
    return f"MATCH (n:{Label(label)}) RETURN properties(n) AS props{fields} ORDER BY n.key"
