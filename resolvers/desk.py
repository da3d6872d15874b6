"""The desk: one principal's requests on issues, checked and decided before the lifecycle writes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from graph.issue_writes import Reported
from graph.model import Channel
from graph.records import Node
from graph.store import Neo4jStore
from resolvers import whistles
from resolvers.access.guard import require_issue, require_speaks_for
from resolvers.access.principal import Action, Principal
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput
from resolvers.lifecycle import IssueDraft, Lifecycle, Resident


class Named(Protocol):
    """A node the client named by ID, looked up among those the reader sees when asked."""

    async def key(self) -> str:
        """Its key; BAD_USER_INPUT, naming the input, when there is no such node."""
        ...


# One lifecycle step on one issue, e.g. `lambda lifecycle, key: lifecycle.verify(key)`.
Step = Callable[[Lifecycle, str], Awaitable[Node]]


@dataclass(frozen=True)
class Report:
    """A new issue as the reporter tells it, the nodes it names not yet looked up."""

    title: str
    channel: Channel
    category: Named
    area: Named
    description: str | None = None
    reporter: Named | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    anonymous: bool = False
    people_affected: int | None = None
    client_request_id: str | None = None


@dataclass
class Desk:
    """One principal's lifecycle requests: who may, which nodes, which rule; then the write.

    `step_id` is the client's clientStepId: the lifecycle takes a step with it once, and a
    retry with it answers the issue as it is.
    """

    store: Neo4jStore
    principal: Principal
    clock: Clock = local_now
    step_id: str | None = None

    @property
    def lifecycle(self) -> Lifecycle:
        """The lifecycle, acting as this principal, on this desk's clock."""
        return Lifecycle(
            self.store, actor=self.principal.sub, clock=self.clock, step_id=self.step_id
        )

    async def report(self, report: Report) -> Reported:
        """Receive an issue, as the principal sees it; a known reporter, a resident, or nobody."""
        self.principal.require(Action.REPORT)
        return await self.lifecycle.report(await draft_of(report), self.principal.viewer)

    async def step(self, key: str, step: Step, action: Action = Action.HANDLE) -> Node:
        """Take one lifecycle step on an issue the principal may take `action` on; the issue."""
        await require_issue(self.store, self.principal, key, action)
        return await step(self.lifecycle, key)

    async def dispatch(self, key: str, organization: Named | None, reason: str | None) -> Node:
        """Dispatch to the routing answer, or to the named organization with a reason."""
        await require_issue(self.store, self.principal, key, Action.HANDLE)
        chosen = await organization.key() if organization is not None else None
        return await self.lifecycle.dispatch_routed(key, chosen, reason, self.principal.viewer)

    async def mark_duplicate(self, key: str, original: Named) -> Node:
        """Close an issue as a duplicate of the named original."""
        await require_issue(self.store, self.principal, key, Action.HANDLE)
        return await self.lifecycle.mark_duplicate(key, await original.key())

    async def escalate(
        self, key: str, organizations: Sequence[Named] | None, reason: str, within_hours: int
    ) -> tuple[Node, str]:
        """Blow a whistle: summon the named organizations, or the next level of the chain.

        Returns the issue and the whistle's key.
        """
        due = whistles.report_by(self.clock(), within_hours)
        await require_issue(self.store, self.principal, key, Action.HANDLE)
        if organizations is None:
            summoned = await whistles.next_in_chain(self.store, key)
        else:
            # Gathered, so a batching lookup (the request's loader) checks them in one read.
            summoned = list(await asyncio.gather(*(org.key() for org in organizations)))
        return await self.lifecycle.escalate(key, [(org, due) for org in summoned], reason)

    async def report_in(self, whistle: Named, organization: Named) -> whistles.ReportIn:
        """A summoned organization reports in; only its own coordinators or an admin say so."""
        whistle_key = await whistle.key()
        org = await organization.key()
        require_speaks_for(self.principal, org)
        return await whistles.report_in(self.store, whistle_key, org, self.clock())


async def draft_of(report: Report, extra: Mapping[str, str] | None = None) -> IssueDraft:
    """The lifecycle's draft of a report: the reporter rules applied, the named nodes looked up.

    `extra` holds further properties the issue keeps (a QR intake's receipt).
    """
    named = report.reporter_name is not None or report.reporter_phone is not None
    if report.anonymous and (named or report.reporter is not None):
        raise BadUserInput("an anonymous report names no reporter", field="anonymous")
    if report.reporter is not None and named:
        raise BadUserInput("name a known reporter or a resident, not both", field="reporter")
    reporter = await report.reporter.key() if report.reporter is not None else None
    resident = Resident.of(report.reporter_name, report.reporter_phone) if named else None
    return IssueDraft(
        title=report.title,
        channel=report.channel,
        category=await report.category.key(),
        area=await report.area.key(),
        description=report.description,
        reporter=reporter,
        resident=resident,
        client_request_id=report.client_request_id,
        people_affected=report.people_affected,
        extra=extra,
    )
