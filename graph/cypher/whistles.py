"""Whistles (吹哨报到): the next escalation level, and organizations reporting in."""

from __future__ import annotations

# The lowest escalation level of the rule whose organizations no whistle has summoned.
NEXT_ESCALATION = """
MATCH (i:Issue {key: $key})-[a:ASSIGNED_TO {role: 'LEAD'}]->(:Organization)
MATCH (r:RoutingRule {key: a.viaRule})-[e:ESCALATE]->(o:Organization)
WHERE NOT EXISTS { (i)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(o) }
WITH e.level AS level, collect(o.key) AS organizations
ORDER BY level
RETURN level, organizations
LIMIT 1
"""

REPORT_IN = """
MATCH (w:Whistle {key: $whistle})-[s:SUMMONS]->(o:Organization {key: $organization})
SET s.reportedAt = coalesce(s.reportedAt, datetime($at))
RETURN s.reportedAt AS reportedAt, s.dueAt AS dueAt
"""
