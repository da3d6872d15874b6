"""Issue mutations: the lifecycle, step by step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Channel, Label
from graph.records import Node
from resolvers.access.principal import Action
from resolvers.desk import Desk, Report, Step
from resolvers.errors import BadUserInput
from schema.context import Context
from schema.issue import Issue, Whistle
from schema.node import key_of
from schema.payload import UserError

# Every lifecycle step takes one: a retry with the same id answers instead of stepping again.
StepId = Annotated[
    str | None,
    strawberry.argument(
        description="Any unique string from the client for this step: a retry with the same "
        "clientStepId (say, after a lost answer) writes nothing and answers the issue as it is."
    ),
]


@strawberry.type(description="The issue after the step, or why the step was refused.")
class IssuePayload:
    issue: Issue | None
    user_errors: list[UserError]


@strawberry.type(description="The issue received, and whether this request created it.")
class ReportIssuePayload:
    issue: Issue | None
    created: bool = strawberry.field(
        description="False when the clientRequestId was seen before: the first issue is returned."
    )
    user_errors: list[UserError]


@strawberry.type(description="The escalated issue and the whistle blown for it.")
class EscalateIssuePayload:
    issue: Issue | None
    whistle: Whistle | None
    user_errors: list[UserError]


@strawberry.type(description="The whistle after an organization reported in.")
class ReportInPayload:
    whistle: Whistle | None
    reported_at: dt.datetime | None = strawberry.field(
        description="When it reported in; a repeated report keeps the first time."
    )
    late: bool | None = strawberry.field(description="Whether it reported after its deadline.")
    user_errors: list[UserError]


@strawberry.input(description="A new issue, as the reporter tells it.")
class ReportIssueInput:
    title: str
    channel: Channel
    category: relay.GlobalID
    area: relay.GlobalID
    description: str | None = None
    reporter: relay.GlobalID | None = strawberry.field(
        default=None, description="A person already known, who reported it."
    )
    reporter_name: str | None = strawberry.field(
        default=None, description="A resident's name, kept with this report."
    )
    reporter_phone: str | None = strawberry.field(
        default=None,
        description="A resident's phone number, kept with this report (never matched to other "
        "reports); shown masked (138****1234) to all but admins and the handling coordinators.",
    )
    anonymous: bool = strawberry.field(
        default=False, description="The reporter stays anonymous: no reporter is stored."
    )
    people_affected: int | None = None
    client_request_id: str | None = strawberry.field(
        default=None,
        description="Any unique string from the client; resubmitting it returns the same issue.",
    )


@strawberry.type
class IssueMutation:
    @strawberry.mutation(description="Receive an issue (受理).")
    async def report_issue(
        self, info: Info[Context, None], input: ReportIssueInput
    ) -> ReportIssuePayload:
        # Named by ID only: the report's one write checks they exist, as the reader sees them.
        report = Report(
            title=input.title,
            channel=input.channel,
            category=_Claimed(input.category, Label.CATEGORY),
            area=_Claimed(input.area, Label.AREA),
            description=input.description,
            reporter=_Claimed(input.reporter, Label.PERSON) if input.reporter else None,
            reporter_name=input.reporter_name,
            reporter_phone=input.reporter_phone,
            anonymous=input.anonymous,
            people_affected=input.people_affected,
            client_request_id=input.client_request_id,
        )
        try:
            reported = await _desk(info).report(report)
        except BadUserInput as error:
            return ReportIssuePayload(issue=None, created=False, user_errors=[UserError.of(error)])
        # The write changed the graph: nothing this request cached may be served again.
        info.context.loaders.clear_all()
        # The issue as the write read it, by the reader's rules: no second round trip.
        issue = Issue.from_row(reported.issue) if reported.issue is not None else None
        return ReportIssuePayload(issue=issue, created=reported.created, user_errors=[])

    @strawberry.mutation(description="Start verifying an issue (审查核实).")
    async def verify_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        note: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.verify(key, note))

    @strawberry.mutation(
        description="Assign the lead (分类处理/派单): the routing answer unless you name "
        "another organization, which needs a reason. Copies the rule's deadlines."
    )
    async def dispatch_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        organization: relay.GlobalID | None = None,
        reason: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        chosen = _named(info, organization, Label.ORGANIZATION, "organization")
        return await _on_issue(
            info, id, client_step_id, lambda desk, key: desk.dispatch(key, chosen, reason)
        )

    @strawberry.mutation(description="The lead organization accepts the issue.")
    async def accept_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        note: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.accept(key, note))

    @strawberry.mutation(description="Work on the issue starts or resumes.")
    async def start_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        note: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.start(key, note))

    @strawberry.mutation(description="The work is done; report back (结果反馈).")
    async def resolve_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        note: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.resolve(key, note))

    @strawberry.mutation(description="The lead sends the issue back (退单); a reason is required.")
    async def return_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.return_(key, reason))

    @strawberry.mutation(description="Blow the whistle (吹哨): summon organizations to report in.")
    async def escalate_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        organizations: list[relay.GlobalID] | None = None,
        report_within_hours: int = 24,
        client_step_id: StepId = None,
    ) -> EscalateIssuePayload:
        summoned = None
        if organizations is not None:
            summoned = [
                _Named(info, org, Label.ORGANIZATION, "organizations") for org in organizations
            ]
        try:
            key = _key(id, "Issue")
            desk = _desk(info, client_step_id)
            row, whistle_key = await desk.escalate(key, summoned, reason, report_within_hours)
        except BadUserInput as error:
            return EscalateIssuePayload(issue=None, whistle=None, user_errors=[UserError.of(error)])
        info.context.loaders.clear_all()
        whistle = await info.context.loaders.nodes(Label.WHISTLE).load(whistle_key)
        return EscalateIssuePayload(
            issue=Issue.from_row(row),
            whistle=Whistle.from_row(whistle) if whistle else None,
            user_errors=[],
        )

    @strawberry.mutation(description="A summoned organization reports in (报到) to a whistle.")
    async def report_in(
        self, info: Info[Context, None], whistle: relay.GlobalID, organization: relay.GlobalID
    ) -> ReportInPayload:
        named_whistle = _Named(info, whistle, Label.WHISTLE, "whistle")
        named_org = _Named(info, organization, Label.ORGANIZATION, "organization")
        try:
            report = await _desk(info).report_in(named_whistle, named_org)
        except BadUserInput as error:
            return ReportInPayload(
                whistle=None, reported_at=None, late=None, user_errors=[UserError.of(error)]
            )
        info.context.loaders.clear_all()
        row = await info.context.loaders.nodes(Label.WHISTLE).load(_key(whistle, "Whistle"))
        return ReportInPayload(
            whistle=Whistle.from_row(row) if row else None,
            reported_at=report.reported_at,
            late=report.late,
            user_errors=[],
        )

    @strawberry.mutation(
        description="The reporter rates the result 1-5: 3 or more closes it, less reopens it."
    )
    async def record_feedback(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        satisfaction: int,
        comment: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(
            info,
            id,
            client_step_id,
            lambda lc, key: lc.record_feedback(key, satisfaction, comment),
            Action.RATE,
        )

    @strawberry.mutation(description="Close a resolved issue without a rating.")
    async def close_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        note: str | None = None,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.close(key, note))

    @strawberry.mutation(description="Refuse an invalid issue.")
    async def reject_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.reject(key, reason))

    @strawberry.mutation(description="Close an issue as a duplicate of another.")
    async def mark_duplicate(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        original: relay.GlobalID,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        first = _Named(info, original, Label.ISSUE, "original")
        return await _on_issue(
            info, id, client_step_id, lambda desk, key: desk.mark_duplicate(key, first)
        )

    @strawberry.mutation(description="Hand an issue outside the center's remit to another body.")
    async def refer_out(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        to: str,
        reason: str,
        client_step_id: StepId = None,
    ) -> IssuePayload:
        return await _step(info, id, client_step_id, lambda lc, key: lc.refer_out(key, to, reason))


@dataclass(frozen=True)
class _Named:
    """A node named by a mutation argument, found among those the reader sees when asked."""

    info: Info[Context, None]
    id: relay.GlobalID
    label: Label
    field: str

    async def key(self) -> str:
        """The node's key; BAD_USER_INPUT under `field` when the reader sees no such node."""
        key = key_of(self.id, "Area" if self.label is Label.COMMUNITY else self.label.value)
        loader = self.info.context.loaders.nodes(self.label)
        if key is None or await loader.load(key) is None:
            raise BadUserInput(f"no {self.label.value} with ID {self.id}", field=self.field)
        return key


@dataclass(frozen=True)
class _Claimed:
    """A node named by a mutation argument, its key read from the ID, not looked up."""

    id: relay.GlobalID
    label: Label

    async def key(self) -> str:
        """The node's key; BAD_USER_INPUT when the ID is of another type."""
        key = key_of(self.id, self.label.value)
        assert key is not None
        return key


def _named(
    info: Info[Context, None], id: relay.GlobalID | None, label: Label, field: str
) -> _Named | None:
    return _Named(info, id, label, field) if id is not None else None


def _desk(info: Info[Context, None], step_id: str | None = None) -> Desk:
    return Desk(info.context.store, info.context.principal, info.context.clock, step_id)


def _key(id: relay.GlobalID, type_name: str) -> str:
    key = key_of(id, type_name)
    assert key is not None
    return key


async def _step(
    info: Info[Context, None],
    id: relay.GlobalID,
    step_id: str | None,
    step: Step,
    action: Action = Action.HANDLE,
) -> IssuePayload:
    return await _on_issue(info, id, step_id, lambda desk, key: desk.step(key, step, action))


async def _on_issue(
    info: Info[Context, None],
    id: relay.GlobalID,
    step_id: str | None,
    call: Callable[[Desk, str], Awaitable[Node]],
) -> IssuePayload:
    try:
        row = await call(_desk(info, step_id), _key(id, "Issue"))
    except BadUserInput as error:
        return IssuePayload(issue=None, user_errors=[UserError.of(error)])
    # The step changed the graph: nothing this request cached may be served again.
    info.context.loaders.clear_all()
    # The issue as the step's own transaction read it: an answer lost after the commit would
    # hide that the step was taken.
    return IssuePayload(issue=Issue.from_row(row), user_errors=[])
