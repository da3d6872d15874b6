"""Routing: who handles an issue, with the rules that matched and similar solved issues."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import with_issue_rules

# One statement answers a routing question: every step below used to be its own round trip.
# It expects `category`, `area` and `on` (the date rules must be valid on) to be bound.
#
# Candidates: every rule matching the category or an ancestor and the area or an ancestor,
# with how far up each match was found (0 = the exact category or area), most specific first.
# The community: the first Community at or above the area.
# Similar issues: past issues of the same category that were solved, same community first,
# newest first. Walking down from the community touches only its own issues; the whole
# category is scanned only when the community has fewer than $similar of them, or when the
# area has no community (a street or the district holds too many issues to walk down).
# Parties: the lead, assists and escalation chain of the first valid candidate.
_ROUTE_BODY = """
CALL (category, area, on) {
  MATCH (c:Category {key: category})
  MATCH (a:Area {key: area})
  MATCH cpath = (c)-[:PART_OF*0..8]->(cat:Category)
  MATCH (cat)<-[:FOR_CATEGORY]-(r:RoutingRule)
  MATCH apath = (a)-[:PART_OF*0..8]->(ar:Area)
  MATCH (ar)<-[:FOR_AREA]-(r)
  WITH r, cat, ar, length(cpath) AS cd, length(apath) AS ad
  ORDER BY cd, ad
  WITH r, head(collect({cd: cd, ad: ad, category: cat.name, area: ar.name})) AS best
  WITH r, best,
       (r.validFrom IS NULL OR r.validFrom <= on) AND (r.validTo IS NULL OR r.validTo >= on)
         AS valid
  WITH {rule: r.key, name: r.name, priority: coalesce(r.priority, 0), valid: valid,
        categoryDistance: best.cd, areaDistance: best.ad,
        matchedCategory: best.category, matchedArea: best.area} AS candidate
  ORDER BY candidate.valid DESC, candidate.categoryDistance, candidate.areaDistance,
           candidate.priority DESC, candidate.rule
  LIMIT $candidates
  RETURN collect(candidate) AS candidates
}
CALL (area) {
  OPTIONAL MATCH (:Area {key: area})-[:PART_OF*0..8]->(c:Community)
  RETURN c.key AS community LIMIT 1
}
CALL (category, community) {
  WITH community WHERE community IS NOT NULL
  MATCH (:Area {key: community})<-[:PART_OF*0..8]-(:Area)<-[:LOCATED_IN]-(i:Issue)
  WHERE i.state IN ['RESOLVED', 'CLOSED'] AND i.resolvedAt IS NOT NULL AND i.key <> $exclude
    AND {visible}
    AND EXISTS { (i)-[:IN_CATEGORY]->(:Category {key: category}) }
  WITH DISTINCT i
  ORDER BY i.resolvedAt DESC, i.key
  LIMIT $similar
  RETURN collect(i) AS nearby
}
CALL (category, area, community, nearby) {
  WITH area, community, nearby WHERE size(nearby) < $similar
  MATCH (:Category {key: category})<-[:IN_CATEGORY]-(i:Issue)
  WHERE i.state IN ['RESOLVED', 'CLOSED'] AND i.resolvedAt IS NOT NULL AND i.key <> $exclude
    AND {visible}
    AND NOT i IN nearby
  WITH i, CASE WHEN community IS NULL
               THEN EXISTS { (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(:Area {key: area}) }
               ELSE false END AS same
  ORDER BY same DESC, i.resolvedAt DESC, i.key
  LIMIT $similar
  RETURN collect({issue: i, same: same}) AS farther
}
CALL (nearby, farther) {
  WITH [i IN nearby | {issue: i, same: true}] + farther AS picked
  UNWIND range(0, size(picked) - 1) AS rank
  WITH rank, picked[rank].issue AS i, picked[rank].same AS sameCommunity
  WHERE rank < $similar
  ORDER BY rank
  RETURN collect({
    issue: i {.*, _labels: labels(i)},
    sameCommunity: sameCommunity,
    solvedBy: COLLECT {
      MATCH (i)-[:ASSIGNED_TO {role: 'LEAD'}]->(o:Organization) RETURN o.key
    }[0],
    secondsTaken: duration.inSeconds(i.reportedAt, i.resolvedAt).seconds
  }) AS similar
}
WITH *, [c IN candidates WHERE c.valid][0].rule AS chosen
CALL (chosen) {
  OPTIONAL MATCH (r:RoutingRule {key: chosen})
  RETURN r {.*} AS rule,
         COLLECT { MATCH (r)-[:LEAD]->(o:Organization) RETURN o.key ORDER BY o.key } AS leads,
         COLLECT { MATCH (r)-[:ASSIST]->(o:Organization) RETURN o.key ORDER BY o.key } AS assists,
         COLLECT {
           MATCH (r)-[e:ESCALATE]->(o:Organization)
           RETURN {organization: o.key, level: e.level, afterHours: e.afterHours}
           ORDER BY e.level, o.key
         } AS escalations
}
RETURN candidates, community, similar, rule, leads, assists, escalations,
       COLLECT {
         MATCH (o:Organization {kind: 'CENTER'}) RETURN o.key ORDER BY o.key LIMIT 1
       }[0] AS center
"""

# Who handles an issue of $category in $area, by the rules valid on $on.
_ROUTE = "WITH $category AS category, $area AS area, $on AS on" + _ROUTE_BODY

# The same for a filed issue, from its own category and area as of its dispatch (or report,
# or $now), with its properties and the rule it was dispatched under.
_ISSUE_ROUTE = (
    """
MATCH (issue:Issue {key: $key}) WHERE {issue_visible}
WITH issue,
     COLLECT { MATCH (issue)-[:IN_CATEGORY]->(c:Category) RETURN c.key }[0] AS category,
     COLLECT { MATCH (issue)-[:LOCATED_IN]->(a:Area) RETURN a.key }[0] AS area,
     COLLECT {
       MATCH (issue)-[r:ASSIGNED_TO {role: 'LEAD'}]->(:Organization) RETURN r.viaRule
     }[0] AS viaRule
WITH issue, category, area, viaRule,
     date(coalesce(issue.dispatchedAt, issue.reportedAt, datetime($now))) AS on
"""
    + _ROUTE_BODY
    + ", issue {.*} AS issue, category, area, viaRule"
)


@cache
def route(role: str) -> str:
    """The routing answer for a category and an area, similar issues as the role sees them."""
    return with_issue_rules(_ROUTE, role)


@cache
def issue_route(role: str) -> str:
    """The routing answer for an issue the role sees; no row if it sees none."""
    return with_issue_rules(_ISSUE_ROUTE, role)
