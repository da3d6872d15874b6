"""The Subscription root: issue events as they are committed, and overdue alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import IssueState, Label
from resolvers.access.principal import Action, Principal
from resolvers.errors import Unavailable
from resolvers.feed import Deadline, EventFeed, FeedFilter
from schema.context import Context
from schema.issue import Issue, IssueEvent
from schema.node import key_of

strawberry.enum(Deadline, description="Which deadline an open issue has missed.")


@strawberry.input(description="Which issue events to receive; every filter given must match.")
class IssueEventFilter:
    community: relay.GlobalID | None = strawberry.field(
        default=None, description="Issues located in this area (or community) or one below it."
    )
    organization: relay.GlobalID | None = strawberry.field(
        default=None, description="Issues assigned to this organization."
    )
    states: list[IssueState] | None = strawberry.field(
        default=None, description="Events that moved the issue into one of these states."
    )

    def criteria(self) -> FeedFilter:
        """The feed's filter for these arguments."""
        states = frozenset(state.value for state in self.states) if self.states else None
        return FeedFilter(_community(self.community), _organization(self.organization), states)


@strawberry.input(description="Which overdue alerts to receive; every filter given must match.")
class OverdueAlertFilter:
    community: relay.GlobalID | None = strawberry.field(
        default=None, description="Issues located in this area (or community) or one below it."
    )
    organization: relay.GlobalID | None = strawberry.field(
        default=None, description="Issues assigned to this organization."
    )

    def criteria(self) -> FeedFilter:
        """The feed's filter for these arguments."""
        return FeedFilter(_community(self.community), _organization(self.organization))


@strawberry.type(description="An open issue has just been found past one of its deadlines.")
class OverdueAlert:
    deadline: Deadline
    since: dt.datetime = strawberry.field(description="The deadline it missed.")
    issue_key: strawberry.Private[str]

    @strawberry.field(description="The issue, as the subscriber may see it.")
    async def issue(self, info: Info[Context, None]) -> Issue | None:
        row = await info.context.loaders.nodes(Label.ISSUE).load(self.issue_key)
        return Issue.from_row(row) if row is not None else None


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Issue events as they are committed, in seq order. With afterSeq (the last "
        "seq received), every later event comes first, then live ones: no gap, no repeat. A "
        "subscriber that falls too far behind ends with LIMIT_EXCEEDED naming its last seq."
    )
    async def issue_events(
        self,
        info: Info[Context, None],
        filter: IssueEventFilter | None = None,
        after_seq: int | None = None,
    ) -> AsyncGenerator[IssueEvent, None]:
        principal = _issue_reader(info)
        criteria = filter.criteria() if filter else FeedFilter()
        async for event in _feed(info).events(principal, criteria, after_seq):
            # The issue has changed since the last event: nothing cached may be served again.
            info.context.loaders.clear_all()
            yield IssueEvent(
                key=event.key,
                seq=event.seq,
                at=event.at,
                from_state=IssueState(event.from_state) if event.from_state else None,
                to_state=IssueState(event.to_state),
                note=event.note,
                actor=event.actor,
            )

    @strawberry.subscription(
        description="An alert when an open issue passes its response or resolution deadline, "
        "once per issue and deadline; deadlines already missed at start are not alerted "
        "(overdueIssues lists them)."
    )
    async def overdue_alerts(
        self, info: Info[Context, None], filter: OverdueAlertFilter | None = None
    ) -> AsyncGenerator[OverdueAlert, None]:
        principal = _issue_reader(info)
        criteria = filter.criteria() if filter else FeedFilter()
        async for alert in _feed(info).alerts(principal, criteria):
            info.context.loaders.clear_all()
            yield OverdueAlert(
                deadline=alert.deadline, since=alert.since, issue_key=alert.issue.key
            )


def _issue_reader(info: Info[Context, None]) -> Principal:
    # A VIEWER sees no issue at all: refusing says so, where an empty stream would not.
    principal = info.context.principal
    principal.require(Action.READ_ISSUES)
    return principal


def _community(id: relay.GlobalID | None) -> str | None:
    return key_of(id, "Area", field="community")


def _organization(id: relay.GlobalID | None) -> str | None:
    return key_of(id, "Organization", field="organization")


def _feed(info: Info[Context, None]) -> EventFeed:
    feed = info.context.feed
    if feed is None:
        raise Unavailable("live updates are not running in this process")
    return feed
