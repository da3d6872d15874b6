"""Routing answers: who handles an issue, why, who is next, and what happened last time."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label
from resolvers import overdue, routing
from resolvers.access.principal import Action
from resolvers.paging import PageRequest
from resolvers.where import related_where
from schema.area import Area
from schema.connection import Connection
from schema.context import Context
from schema.issue import Issue, RoutingRule
from schema.node import key_of
from schema.organization import Organization, Person
from schema.paging import paged
from schema.relations import wants_total
from schema.selection import selected_props
from schema.where import IssueWhere


async def _organization(info: Info[Context, None], key: str | None) -> Organization | None:
    if key is None:
        return None
    row = await info.context.loaders.nodes(Label.ORGANIZATION).load(key)
    return Organization.from_row(row) if row is not None else None


@strawberry.type(description="A rule that matched, and how specifically.")
class RouteCandidate:
    candidate: strawberry.Private[routing.Candidate]

    @strawberry.field
    async def rule(self, info: Info[Context, None]) -> RoutingRule | None:
        row = await info.context.loaders.nodes(Label.ROUTING_RULE).load(self.candidate.rule)
        return RoutingRule.from_row(row) if row is not None else None

    @strawberry.field(description="False when today is outside the rule's validity dates.")
    def valid(self) -> bool:
        return self.candidate.valid

    @strawberry.field(description="0 when the rule names the issue's own category.")
    def category_distance(self) -> int:
        return self.candidate.category_distance

    @strawberry.field(description="0 when the rule names the issue's own area.")
    def area_distance(self) -> int:
        return self.candidate.area_distance

    @strawberry.field
    def matched_category(self) -> str | None:
        return self.candidate.matched_category

    @strawberry.field
    def matched_area(self) -> str | None:
        return self.candidate.matched_area

    @strawberry.field
    def priority(self) -> int:
        return self.candidate.priority


@strawberry.type(description="One step of the escalation chain (吹哨) and its deadline.")
class EscalationStep:
    step: strawberry.Private[routing.Escalation]

    @strawberry.field
    def level(self) -> int:
        return self.step.level

    @strawberry.field
    def after_hours(self) -> int:
        return self.step.after_hours

    @strawberry.field(description="When this level is summoned if the issue is still open.")
    def due_at(self) -> dt.datetime:
        return self.step.due_at

    @strawberry.field
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        return await _organization(info, self.step.organization)


@strawberry.type(description="A solved issue like this one.")
class SimilarIssue:
    similar: strawberry.Private[routing.SimilarIssue]

    @strawberry.field
    def issue(self) -> Issue:
        return Issue.from_row(self.similar.issue)

    @strawberry.field(description="True when it came from the same community.")
    def same_community(self) -> bool:
        return self.similar.same_community

    @strawberry.field(description="The organization that led it to resolution.")
    async def solved_by(self, info: Info[Context, None]) -> Organization | None:
        return await _organization(info, self.similar.solved_by)

    @strawberry.field(description="Hours from report to resolution.")
    def hours_taken(self) -> float | None:
        return self.similar.hours_taken


@strawberry.type(description="Who handles an issue, and why: the answer explains itself.")
class RouteAnswer:
    answer: strawberry.Private[routing.RouteAnswer]

    @strawberry.field(description="The rule that decided it; null when the center took it.")
    async def via_rule(self, info: Info[Context, None]) -> RoutingRule | None:
        if self.answer.via_rule is None:
            return None
        row = await info.context.loaders.nodes(Label.ROUTING_RULE).load(self.answer.via_rule)
        return RoutingRule.from_row(row) if row is not None else None

    @strawberry.field(description="The organization that leads.")
    async def lead(self, info: Info[Context, None]) -> Organization | None:
        return await _organization(info, self.answer.lead)

    @strawberry.field(description="Organizations that assist.")
    async def assists(self, info: Info[Context, None]) -> list[Organization]:
        rows = await info.context.loaders.nodes(Label.ORGANIZATION).load_many(self.answer.assists)
        return [Organization.from_row(row) for row in rows if row is not None]

    @strawberry.field(description="The community the issue is in.")
    async def community(self, info: Info[Context, None]) -> Area | None:
        if self.answer.community is None:
            return None
        row = await info.context.loaders.nodes(Label.AREA).load(self.answer.community)
        return Area.from_row(row) if row is not None else None

    @strawberry.field(description="The community's happiness observers (幸福观察员).")
    async def observers(self, info: Info[Context, None]) -> list[Person]:
        community = await self.community(info)
        return await community.observers(info) if community is not None else []

    @strawberry.field
    def response_hours(self) -> int | None:
        return self.answer.response_hours

    @strawberry.field
    def resolve_days(self) -> int | None:
        return self.answer.resolve_days

    @strawberry.field(description="Respond by (the issue's own copy once dispatched).")
    def respond_by(self) -> dt.datetime | None:
        return self.answer.respond_by

    @strawberry.field(description="Resolve by (the issue's own copy once dispatched).")
    def resolve_by(self) -> dt.datetime | None:
        return self.answer.resolve_by

    @strawberry.field(description="Who is summoned next, level by level, with deadlines.")
    def escalations(self) -> list[EscalationStep]:
        return [EscalationStep(step=step) for step in self.answer.escalations]

    @strawberry.field(description="Every rule that matched, most specific first.")
    def candidates(self) -> list[RouteCandidate]:
        return [RouteCandidate(candidate=c) for c in self.answer.candidates]

    @strawberry.field(description="Solved issues like this one, same community first.")
    def similar_issues(self) -> list[SimilarIssue]:
        return [SimilarIssue(similar=s) for s in self.answer.similar]

    @strawberry.field(description="True when no rule matched and the center took it (兜底).")
    def fallback(self) -> bool:
        return self.answer.fallback

    @strawberry.field(description="Why this answer, in words.")
    def explanation(self) -> list[str]:
        return self.answer.explanation


@strawberry.type
class RoutingQuery:
    @strawberry.field(description="Who handles this issue, who is next, and what worked before.")
    async def who_handles(self, info: Info[Context, None], issue: relay.GlobalID) -> RouteAnswer:
        key = key_of(issue, "Issue", field="issue") or ""
        now = info.context.clock()
        viewer = info.context.principal.viewer
        return RouteAnswer(answer=await routing.who_handles(info.context.store, key, now, viewer))

    @strawberry.field(description="Who would handle an issue of this category in this area.")
    async def route(
        self,
        info: Info[Context, None],
        category: relay.GlobalID,
        area: relay.GlobalID,
        at: dt.datetime | None = None,
    ) -> RouteAnswer:
        category_key = key_of(category, "Category", field="category") or ""
        area_key = key_of(area, "Area", field="area") or ""
        when = at or info.context.clock()
        return RouteAnswer(
            answer=await routing.route(
                info.context.store,
                category_key,
                area_key,
                at=when,
                viewer=info.context.principal.viewer,
            )
        )

    @paged("Open issues past a deadline, the longest overdue first.")
    async def overdue_issues(
        self,
        info: Info[Context, None],
        page: PageRequest,
        organization: relay.GlobalID | None = None,
        area: relay.GlobalID | None = None,
        category: relay.GlobalID | None = None,
        where: IssueWhere | None = None,
    ) -> Connection[Issue]:
        info.context.principal.require(Action.READ_ISSUES)
        filters = {
            "organization": key_of(organization, "Organization", field="organization"),
            "area": key_of(area, "Area", field="area"),
            "category": key_of(category, "Category", field="category"),
        }
        issues = await overdue.overdue_issues(
            info.context.store,
            page,
            filters,
            now=info.context.clock(),
            with_total=wants_total(info),
            viewer=info.context.principal.viewer,
            # The open states bound the issues read, so no filter here scans the whole label.
            where=related_where(
                Label.ISSUE,
                where,
                info.context.principal.viewer,
                var="i",
            ),
            # The sort key, overdueSince, is worked out in the statement and always returned.
            props=selected_props(info, Issue, ()),
        )
        return Connection.of(issues, Issue.from_row)
