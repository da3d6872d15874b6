"""Curated issues: written with their category, place, assignments, lifecycle and whistle."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from demo import keys
from demo.builder import Row
from demo.lifecycle import Step
from demo.routing import Rule
from demo.world import World
from graph.model import Channel, IssueState, Label, Rel


@dataclass
class Issue:
    """A curated issue: its lifecycle steps decide its state and timestamps."""

    slug: str
    title: str
    channel: Channel
    category: str
    steps: list[Step]
    area: str | None = None
    reporter: str | None = None
    lead: str | None = None
    assists: tuple[str, ...] = ()
    rule: Rule | None = None
    satisfaction: int | None = None
    description: str | None = None
    people_affected: int | None = None
    resolve_due: datetime | None = None
    extra: Row = field(default_factory=dict)


def write_issue(w: World, issue: Issue) -> str:
    """Add an issue with its category, place, reporter and assignments; queue its events."""
    steps = issue.steps
    reported = steps[0].at
    resolved = [s.at for s in steps if s.state is IssueState.RESOLVED]
    closed = [s.at for s in steps if s.state is IssueState.CLOSED]
    rule = issue.rule
    issue_key = w.b.node(
        Label.ISSUE,
        issue.slug,
        title=issue.title,
        description=issue.description,
        state=steps[-1].state.value,
        channel=issue.channel.value,
        reportedAt=reported,
        respondedAt=steps[1].at if len(steps) > 1 else None,
        resolvedAt=resolved[-1] if resolved else None,
        closedAt=closed[-1] if closed else None,
        satisfaction=issue.satisfaction,
        peopleAffected=issue.people_affected,
        responseDueAt=reported + timedelta(hours=rule.response_hours) if rule else None,
        resolveDueAt=issue.resolve_due
        or (reported + timedelta(days=rule.resolve_days) if rule else None),
        **issue.extra,
    )
    w.b.link(Rel.IN_CATEGORY, issue_key, keys.category(issue.category))
    if issue.area is not None:
        w.b.link(Rel.LOCATED_IN, issue_key, issue.area)
    if issue.reporter is not None:
        w.b.link(Rel.REPORTED, issue.reporter, issue_key, at=reported)
    via = rule.key if rule else None
    if issue.lead is not None:
        w.b.link(Rel.ASSIGNED_TO, issue_key, issue.lead, role="LEAD", viaRule=via)
    for assist in dict.fromkeys(a for a in issue.assists if a != issue.lead):
        w.b.link(Rel.ASSIGNED_TO, issue_key, assist, role="ASSIST", viaRule=via)
    w.events.walk(issue_key, steps)
    return issue_key


def whistle(
    w: World,
    issue_key: str,
    blown: datetime,
    reason: str,
    summoned: Sequence[str],
    rng: random.Random,
) -> None:
    """Add the whistle blown on an issue and the organizations it summoned."""
    slug = issue_key.removeprefix("issue/")
    whistle_key = w.b.node(Label.WHISTLE, slug, blownAt=blown, reason=reason)
    w.b.link(Rel.ABOUT, whistle_key, issue_key)
    for org in dict.fromkeys(summoned):
        reported = blown + timedelta(minutes=rng.randint(20, 240))
        w.b.link(Rel.SUMMONS, whistle_key, org, reportedAt=reported)
