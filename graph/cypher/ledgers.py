"""Ledgers: naming nodes by key or name, unlinking stale links, and rows for export."""

from __future__ import annotations

from functools import cache

from graph.model import Label, Rel

# The property a clerk names a node of each label by: a name, else a title.
NAMED_BY: dict[Label, str] = {
    label: "title"
    if label in (Label.ISSUE, Label.MEETING, Label.SUGGESTION, Label.MILESTONE)
    else "text"
    if label is Label.DECISION
    else "name"
    for label in Label
}

_LEDGER_LOOKUP = (
    "UNWIND $values AS v "
    "RETURN v.value AS value, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.key IN v.keys RETURN n.key }} AS byKey, "
    "COLLECT {{ MATCH (n:{label}) WHERE n.{name} = v.value RETURN n.key ORDER BY n.key }} "
    "AS byName"
)

# Ledger cells name nodes by key or by name; the key wins when both match.
LEDGER_LOOKUP: dict[Label, str] = {
    label: _LEDGER_LOOKUP.format(label=label, name=NAMED_BY[label]) for label in Label
}

# The names a template's dropdown offers for one label, in order.
LEDGER_CHOICES: dict[Label, str] = {
    label: f"MATCH (n:{label}) WHERE n.{NAMED_BY[label]} IS NOT NULL "
    f"RETURN DISTINCT n.{NAMED_BY[label]} AS name ORDER BY name LIMIT $limit"
    for label in Label
}

# A meeting's 议定事项 as Decision nodes: its ledger-made decisions are exactly the ones given,
# keyed from the meeting's key and their place; decisions made elsewhere are left alone.
LEDGER_DECISIONS = (
    "UNWIND $rows AS row "
    "MATCH (m:Meeting {key: row.meeting}) "
    "CALL (m, row) { "
    "  OPTIONAL MATCH (m)-[:DECIDED]->(old:Decision) "
    "  WHERE old.key STARTS WITH row.prefix AND NOT old.key IN [d IN row.decisions | d.key] "
    "  DETACH DELETE old "
    "} "
    "WITH m, row UNWIND row.decisions AS d "
    "MERGE (n:Decision {key: d.key}) SET n.text = d.text, n.seq = d.seq "
    "MERGE (m)-[:DECIDED]->(n) "
    "RETURN count(n) AS written"
)

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
    "MATCH (a:{start} {{key: row.start}}){left}-[r:{rel}]-{right}(b:{end}) "
    "WHERE NOT b.key IN row.ends DELETE r"
)


@cache
def ledger_unlink(rel: Rel, start: Label, end: Label, incoming: bool = False) -> str:
    """Delete a ledger row's links of one type to nodes its row no longer names."""
    left, right = ("<", "") if incoming else ("", ">")
    return _LEDGER_UNLINK.format(
        rel=Rel(rel), start=Label(start), end=Label(end), left=left, right=right
    )


@cache
def ledger_rows(label: Label, links: tuple[tuple[str, Rel, Label, bool], ...]) -> str:
    """Every node of a label with what it links to, one list of {key, name} per link column.

    Each link is (field, rel, target, incoming); a meeting's decisions come as `decisions`.
    """
    fields = "".join(
        f", COLLECT {{ MATCH (n){'<' if incoming else ''}-[:{Rel(rel)}]-{'' if incoming else '>'}"
        f"(b:{Label(end)}) RETURN {{key: b.key, name: b.{NAMED_BY[Label(end)]}}} ORDER BY b.key }}"
        f" AS `{name}`"
        for name, rel, end, incoming in links
    )
    if label is Label.MEETING:
        fields += (
            ", COLLECT { MATCH (n)-[:DECIDED]->(d:Decision) RETURN d.text ORDER BY d.seq, d.key }"
            " AS decisions"
        )
    return f"MATCH (n:{Label(label)}) RETURN properties(n) AS props{fields} ORDER BY n.key"
