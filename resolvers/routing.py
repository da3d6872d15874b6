"""Routing: who handles an issue, why, who comes next, and what happened last time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from graph.cypher import routing as routing_cypher
from graph.records import Node, to_node
from graph.store import FULL_VIEWER, Neo4jStore, Viewer
from graph.zone import local, stamp
from resolvers.errors import BadUserInput, NotFound

CANDIDATES_SHOWN = 5
SIMILAR_SHOWN = 5


@dataclass(frozen=True)
class Candidate:
    """A rule that matched, and how specifically."""

    rule: str
    name: str | None
    priority: int
    valid: bool
    category_distance: int
    area_distance: int
    matched_category: str | None
    matched_area: str | None


@dataclass(frozen=True)
class Escalation:
    """One step of the escalation chain with its deadline."""

    level: int
    organization: str
    after_hours: int
    due_at: dt.datetime


@dataclass(frozen=True)
class SimilarIssue:
    """A solved issue like this one: who solved it and how long it took."""

    issue: Node
    same_community: bool
    solved_by: str | None
    hours_taken: float | None


@dataclass(frozen=True)
class RouteAnswer:
    """Who handles an issue of a category in an area, and why."""

    category: str
    area: str
    community: str | None
    via_rule: str | None
    lead: str | None
    assists: list[str]
    response_hours: int | None
    resolve_days: int | None
    respond_by: dt.datetime | None
    resolve_by: dt.datetime | None
    escalations: list[Escalation]
    candidates: list[Candidate]
    similar: list[SimilarIssue]
    fallback: bool
    explanation: list[str] = field(default_factory=list)


async def route(
    store: Neo4jStore,
    category: str,
    area: str,
    *,
    at: dt.datetime,
    exclude: str | None = None,
    viewer: Viewer = FULL_VIEWER,
) -> RouteAnswer:
    """Apply the routing rules to a category and an area as of `at`, in one round trip."""
    [row] = await store.query(
        routing_cypher.route(viewer["role"]),
        category=category,
        area=area,
        # The day is the center's: late evening UTC is already tomorrow in Beijing.
        on=local(at).date(),
        exclude=exclude or "",
        candidates=CANDIDATES_SHOWN,
        similar=SIMILAR_SHOWN,
        viewer=viewer,
    )
    return _answer(row, category, area, at)


async def who_handles(
    store: Neo4jStore, issue_key: str, now: dt.datetime, viewer: Viewer = FULL_VIEWER
) -> RouteAnswer:
    """The routing answer for a filed issue, with its own deadlines where they were copied."""
    rows = await store.query(
        routing_cypher.issue_route(viewer["role"]),
        key=issue_key,
        now=stamp(now),
        exclude=issue_key,
        candidates=CANDIDATES_SHOWN,
        similar=SIMILAR_SHOWN,
        viewer=viewer,
    )
    if not rows:
        raise NotFound(f"no Issue with key {issue_key!r}", key=issue_key)
    facts = rows[0]
    if facts["category"] is None or facts["area"] is None:
        raise BadUserInput("the issue has no category or area to route by", field="id")
    issue = to_node(facts["issue"])
    # The instant ISSUE_ROUTE judged the rules' validity on; deadlines count from it too.
    base = issue.get("dispatchedAt") or issue.get("reportedAt") or now
    answer = _answer(facts, facts["category"], facts["area"], base)
    # Deadlines copied at dispatch win over today's rule: later edits must not rewrite history.
    respond_by = issue.get("responseDueAt") or answer.respond_by
    resolve_by = issue.get("resolveDueAt") or answer.resolve_by
    explanation = list(answer.explanation)
    if facts["viaRule"] and facts["viaRule"] != answer.via_rule:
        explanation.append(f"派单时依据的规则 {facts['viaRule']} 现已不再决定该问题的去向。")
    return replace(answer, respond_by=respond_by, resolve_by=resolve_by, explanation=explanation)


def _answer(row: dict[str, Any], category: str, area: str, at: dt.datetime) -> RouteAnswer:
    candidates = [_candidate(candidate) for candidate in row["candidates"]]
    chosen = next((c for c in candidates if c.valid), None)
    community: str | None = row["community"]
    similar = [_similar(found) for found in row["similar"]]
    if chosen is None:
        return _fallback(row["center"], category, area, community, candidates, similar)
    rule = to_node(row["rule"])
    response_hours, resolve_days = rule.get("responseHours"), rule.get("resolveDays")
    escalations = [
        Escalation(
            level=step["level"] or 0,
            organization=step["organization"],
            after_hours=step["afterHours"] or 0,
            due_at=at + dt.timedelta(hours=step["afterHours"] or 0),
        )
        for step in row["escalations"]
    ]
    return RouteAnswer(
        category=category,
        area=area,
        community=community,
        via_rule=chosen.rule,
        lead=row["leads"][0] if row["leads"] else None,
        assists=list(row["assists"]),
        response_hours=response_hours,
        resolve_days=resolve_days,
        respond_by=at + dt.timedelta(hours=response_hours) if response_hours is not None else None,
        resolve_by=at + dt.timedelta(days=resolve_days) if resolve_days is not None else None,
        escalations=escalations,
        candidates=candidates,
        similar=similar,
        fallback=False,
        explanation=_explain(chosen, candidates),
    )


def _fallback(
    lead: str | None,
    category: str,
    area: str,
    community: str | None,
    candidates: list[Candidate],
    similar: list[SimilarIssue],
) -> RouteAnswer:
    why = "没有有效的分拨规则匹配该类别和区域"
    if candidates:
        why += f"（{len(candidates)} 条匹配的规则不在有效期内）"
    return RouteAnswer(
        category=category,
        area=area,
        community=community,
        via_rule=None,
        lead=lead,
        assists=[],
        response_hours=None,
        resolve_days=None,
        respond_by=None,
        resolve_by=None,
        escalations=[],
        candidates=candidates,
        similar=similar,
        fallback=True,
        explanation=[why + "，由中心首接负责、兜底办理。"],
    )


def _similar(row: dict[str, Any]) -> SimilarIssue:
    return SimilarIssue(
        issue=to_node(row["issue"]),
        same_community=row["sameCommunity"],
        solved_by=row["solvedBy"],
        hours_taken=row["secondsTaken"] / 3600 if row["secondsTaken"] is not None else None,
    )


def _candidate(row: dict[str, Any]) -> Candidate:
    return Candidate(
        rule=row["rule"],
        name=row["name"],
        priority=row["priority"],
        valid=row["valid"],
        category_distance=row["categoryDistance"],
        area_distance=row["areaDistance"],
        matched_category=row["matchedCategory"],
        matched_area=row["matchedArea"],
    )


def _explain(chosen: Candidate, candidates: list[Candidate]) -> list[str]:
    lines = [
        f"规则「{chosen.name or chosen.rule}」匹配类别「{chosen.matched_category}」"
        f"（{_levels(chosen.category_distance)}）和区域「{chosen.matched_area}」"
        f"（{_levels(chosen.area_distance)}），优先级 {chosen.priority}。"
    ]
    for other in candidates:
        if other is chosen:
            continue
        lines.append(f"它优先于规则「{other.name or other.rule}」：{_why_lost(chosen, other)}。")
    return lines


def _why_lost(chosen: Candidate, other: Candidate) -> str:
    if not other.valid:
        return "该规则不在有效期内"
    if other.category_distance > chosen.category_distance:
        return f"该规则匹配的类别更宽（{other.matched_category}）"
    if other.area_distance > chosen.area_distance:
        return f"该规则匹配的区域更宽（{other.matched_area}）"
    if other.priority < chosen.priority:
        return f"该规则优先级更低（{other.priority}）"
    return "两条规则各方面相同，按规则编号在前者为准"


def _levels(distance: int) -> str:
    return "精确匹配" if distance == 0 else f"上溯 {distance} 级"
