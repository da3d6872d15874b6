"""Overdue issues: a keyset page of open issues past a deadline, as a role sees them."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import projected_fields, with_issue_rules
from graph.cypher.paging import NO_TOTAL
from graph.records import Projected

# An open issue is overdue from its earliest missed deadline: a response never given by its
# due time, or a resolution (or its extension) not reached.
_OVERDUE = """
MATCH (i:Issue)
WHERE i.state IN $openStates AND {visible} AND {where}
  AND ($organization IS NULL OR EXISTS {
    (i)-[:ASSIGNED_TO]->(:Organization {key: $organization}) })
  AND ($area IS NULL OR EXISTS {
    (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(:Area {key: $area}) })
  AND ($category IS NULL OR EXISTS {
    (i)-[:IN_CATEGORY]->(:Category)-[:PART_OF*0..8]->(:Category {key: $category}) })
WITH i,
  CASE WHEN i.respondedAt IS NULL AND i.responseDueAt < datetime($now)
       THEN i.responseDueAt END AS missedResponse,
  CASE WHEN i.resolvedAt IS NULL AND coalesce(i.extendedTo, i.resolveDueAt) < datetime($now)
       THEN coalesce(i.extendedTo, i.resolveDueAt) END AS missedResolution
WITH i, CASE WHEN missedResponse IS NOT NULL
              AND (missedResolution IS NULL OR missedResponse < missedResolution)
             THEN missedResponse ELSE missedResolution END AS overdueSince
WHERE overdueSince IS NOT NULL
"""

_OVERDUE_AFTER = """
  AND ($cursorKey IS NULL OR overdueSince {op} datetime($cursorValue)
       OR (overdueSince = datetime($cursorValue) AND i.key {op} $cursorKey))
WITH i, overdueSince ORDER BY overdueSince {direction}, i.key {direction} LIMIT $limit
RETURN collect(i {{{fields}, _labels: labels(i), overdueSince: overdueSince}}) AS nodes
"""


@cache
def overdue_page(
    ascending: bool,
    with_total: bool,
    role: str,
    where: str = "true",
    props: Projected | None = None,
) -> str:
    """A keyset page of the overdue issues a role sees, most overdue first, and their total.

    `where` is a compiled `where` on the issues bound to `i`, its values among the parameters;
    `props` the properties read, or None for every one.
    """
    overdue = with_issue_rules(_OVERDUE, role).replace("{where}", where)
    total = overdue + " RETURN count(i) AS total" if with_total else NO_TOTAL
    page = overdue + _OVERDUE_AFTER.format(
        op=">" if ascending else "<",
        direction="ASC" if ascending else "DESC",
        fields=".*" if props is None else projected_fields(props, "i"),
    )
    return f"CALL () {{ {total} }} CALL () {{ {page} }} RETURN total, nodes"
