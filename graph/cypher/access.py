"""The row rules: which nodes a role reads and how it sees them, as Cypher predicates."""

from __future__ import annotations

from graph.model import Label
from graph.records import Projected

# The row rules of resolvers/access/principal.py, as predicates on a node variable that read the
# `$viewer` map {role, org, person}. ADMIN reads every row whole, so its statements carry none.

FULL_ACCESS = "ADMIN"
# Roles whose reads carry no predicate: admins, and the coordinators of a center.
UNRESTRICTED = frozenset({FULL_ACCESS, "CENTER"})

_CENTER_VIEWER = "EXISTS {{ MATCH (c:Organization {{key: $viewer.org}}) WHERE c.kind = 'CENTER' }}"

_ISSUE_RULES = {
    "COORDINATOR": (
        "("
        + _CENTER_VIEWER
        + " OR EXISTS {{ ({v})-[:ASSIGNED_TO]->(:Organization)-[:PART_OF*0..]->"
        "(:Organization {{key: $viewer.org}}) }}"
        " OR EXISTS {{ ({v})<-[:ABOUT]-(:Whistle)-[:SUMMONS]->"
        "(:Organization {{key: $viewer.org}}) }})"
    ),
    "OBSERVER": (
        "(EXISTS {{ ({v})-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Community)"
        "<-[:OBSERVES]-(:Person {{key: $viewer.person}}) }}"
        " OR EXISTS {{ ({v})<-[:REPORTED]-(:Person {{key: $viewer.person}}) }})"
    ),
    "VIEWER": "false",
}

# A private resident: observers, coordinators and staff are residents too, but public ones.
_RESIDENT = (
    "('RESIDENT' IN coalesce({v}.roles, [])"
    " AND none(role IN {v}.roles WHERE role IN ['OBSERVER', 'COORDINATOR', 'STAFF']))"
)

_PERSON_RULES = {"VIEWER": "NOT " + _RESIDENT}

# Whose name and phone number a role sees whole: its own, and for a coordinator those of
# residents who reported an issue its organization handles (a center handles them all).
_UNMASKED = {
    "COORDINATOR": (
        "({v}.key = $viewer.person OR "
        + _CENTER_VIEWER
        + " OR EXISTS {{ ({v})-[:REPORTED]->(:Issue)-[:ASSIGNED_TO]->(:Organization)"
        "-[:PART_OF*0..]->(:Organization {{key: $viewer.org}}) }})"
    ),
    "OBSERVER": "{v}.key = $viewer.person",
    "VIEWER": "false",
}

_PLAIN = "{v} {{.*, _labels: labels({v})}}"
_MASKED_NAME = "left({v}.name, 1) + reduce(s = '', c IN range(2, size({v}.name)) | s + '*')"
_MASKED = (
    "{v} {{.*, _labels: labels({v}),"
    " name: " + _MASKED_NAME + ","
    " phone: CASE WHEN {v}.phone IS NULL THEN null WHEN size({v}.phone) >= 8"
    " THEN left({v}.phone, 3) + '****' + right({v}.phone, 4) ELSE '****' END}}"
)


def visible(label: Label | None, role: str, var: str = "n") -> str:
    """The row rule for `role` on nodes bound to `var`, of `label` or of any label if None."""
    if label is Label.INTAKE_LINK:
        # An intake link's code lets anyone report at its place: only admins read links.
        return "true" if role == FULL_ACCESS else "false"
    if role in UNRESTRICTED:
        return "true"
    rules = []
    for ruled, table in ((Label.ISSUE, _ISSUE_RULES), (Label.PERSON, _PERSON_RULES)):
        rule = table.get(role)
        if rule is None or label not in (ruled, None):
            continue
        rule = rule.format(v=var)
        rules.append(rule if label is not None else f"(NOT {var}:{ruled} OR {rule})")
    return " AND ".join(rules) or "true"


def projection(
    label: Label | None, role: str, var: str = "n", props: Projected | None = None
) -> str:
    """A node as a map with its labels, residents' names and phones masked where the role must.

    With `props`, only those properties (temporal ones as ISO text); a masked node is whole.
    """
    plain = _PLAIN.format(v=var)
    if role in UNRESTRICTED or label not in (Label.PERSON, None):
        return plain if props is None else _only(props, var)
    person = f"{var}:Person AND " if label is None else ""
    return f"CASE WHEN {person}{_masked(role, var)} THEN {_MASKED.format(v=var)} ELSE {plain} END"


def _only(props: Projected, var: str) -> str:
    return f"{var} {{{projected_fields(props, var)}, _labels: labels({var})}}"


def projected_fields(props: Projected, var: str) -> str:
    """The entries of a map projection of `props`, temporal ones as ISO text."""
    return ", ".join(
        f"{name}: toString({var}.{name})" if travels else f".{name}" for name, travels in props
    )


def matchable(label: Label | None, role: str, var: str = "n") -> str:
    """Where a name match may hold: on any node but a resident the role is shown masked.

    Otherwise a reader shown `王**` could spell the hidden name out one prefix at a time.
    """
    if role in UNRESTRICTED or label not in (Label.PERSON, None):
        return "true"
    person = f"{var}:Person AND " if label is None else ""
    return f"NOT ({person}{_masked(role, var)})"


def shown_name(label: Label, role: str, var: str = "n") -> str:
    """A node's name as the role is shown it, to sort and page by what the reader sees."""
    if role in UNRESTRICTED or label is not Label.PERSON:
        return f"{var}.name"
    masked = _MASKED_NAME.format(v=var)
    return f"CASE WHEN {_masked(role, var)} THEN {masked} ELSE {var}.name END"


def _masked(role: str, var: str) -> str:
    # A private resident whose name and phone the role is not shown whole.
    return f"{_RESIDENT.format(v=var)} AND NOT {_UNMASKED[role].format(v=var)}"


def with_issue_rules(statement: str, role: str) -> str:
    """`statement` with its {visible} and {issue_visible} slots filled by the issue rule."""
    # Spliced in by name: the rest of the statement is plain Cypher, braces included.
    return statement.replace("{visible}", visible(Label.ISSUE, role, "i")).replace(
        "{issue_visible}", visible(Label.ISSUE, role, "issue")
    )


# The organizations whose coordinators the rules treat as unrestricted.
CENTER_KEYS = "MATCH (o:Organization {kind: 'CENTER'}) RETURN collect(o.key) AS keys"
