"""Issue mutations: the lifecycle, step by step."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Channel, Label
from resolvers import routing, whistles
from resolvers.access.principal import Action, Principal, Role
from resolvers.errors import BadUserInput, Forbidden
from resolvers.lifecycle import IssueDraft, Lifecycle, Resident
from schema.context import Context
from schema.issue import Issue, Whistle
from schema.node import key_of
from schema.payload import UserError


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
        default=None, description="A resident's name; stored once with the phone number."
    )
    reporter_phone: str | None = strawberry.field(
        default=None,
        description="A resident's phone number: the resident's record is found or made by it; "
        "shown masked (138****1234) to all but admins and the handling coordinators.",
    )
    anonymous: bool = strawberry.field(
        default=False, description="The reporter stays anonymous: no reporter is stored."
    )
    people_affected: int | None = None
    client_request_id: str | None = strawberry.field(
        default=None,
        description="Any unique string from the client; resubmitting it returns the same issue.",
    )


Step = Callable[[Lifecycle, str], Awaitable[object]]


@strawberry.type
class IssueMutation:
    @strawberry.mutation(description="Receive an issue (受理).")
    async def report_issue(
        self, info: Info[Context, None], input: ReportIssueInput
    ) -> ReportIssuePayload:
        info.context.principal.require(Action.REPORT)
        try:
            draft = await _draft(info, input)
            key, created = await _lifecycle(info).report(draft)
        except BadUserInput as error:
            return ReportIssuePayload(issue=None, created=False, user_errors=[UserError.of(error)])
        return ReportIssuePayload(issue=await _issue(info, key), created=created, user_errors=[])

    @strawberry.mutation(description="Start verifying an issue (审查核实).")
    async def verify_issue(
        self, info: Info[Context, None], id: relay.GlobalID, note: str | None = None
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.verify(key, note))

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
    ) -> IssuePayload:
        async def step(lifecycle: Lifecycle, key: str) -> None:
            chosen = None
            if organization is not None:
                chosen = await _existing(info, organization, Label.ORGANIZATION, "organization")
            await _dispatch(info, lifecycle, key, chosen, reason)

        return await _step(info, id, step)

    @strawberry.mutation(description="The lead organization accepts the issue.")
    async def accept_issue(
        self, info: Info[Context, None], id: relay.GlobalID, note: str | None = None
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.accept(key, note))

    @strawberry.mutation(description="Work on the issue starts or resumes.")
    async def start_issue(
        self, info: Info[Context, None], id: relay.GlobalID, note: str | None = None
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.start(key, note))

    @strawberry.mutation(description="The work is done; report back (结果反馈).")
    async def resolve_issue(
        self, info: Info[Context, None], id: relay.GlobalID, note: str | None = None
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.resolve(key, note))

    @strawberry.mutation(description="The lead sends the issue back (退单); a reason is required.")
    async def return_issue(
        self, info: Info[Context, None], id: relay.GlobalID, reason: str
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.return_(key, reason))

    @strawberry.mutation(description="Blow the whistle (吹哨): summon organizations to report in.")
    async def escalate_issue(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        organizations: list[relay.GlobalID] | None = None,
        report_within_hours: int = 24,
    ) -> EscalateIssuePayload:
        try:
            if not 1 <= report_within_hours <= 24 * 30:
                raise BadUserInput("reportWithinHours must be 1 to 720", field="reportWithinHours")
            due = dt.datetime.now(dt.UTC) + dt.timedelta(hours=report_within_hours)
            key = _issue_key(id)
            await _guard(info, key, Action.HANDLE)
            if organizations is None:
                orgs = await whistles.next_in_chain(info.context.store, key)
            else:
                # Gathered, so the loader checks every organization in one read.
                orgs = list(
                    await asyncio.gather(
                        *(
                            _existing(info, org, Label.ORGANIZATION, "organizations")
                            for org in organizations
                        )
                    )
                )
            whistle_key = await _lifecycle(info).escalate(key, [(o, due) for o in orgs], reason)
        except BadUserInput as error:
            return EscalateIssuePayload(issue=None, whistle=None, user_errors=[UserError.of(error)])
        info.context.loaders.clear_all()
        whistle = await info.context.loaders.nodes(Label.WHISTLE).load(whistle_key)
        return EscalateIssuePayload(
            issue=await _issue(info, key),
            whistle=Whistle.from_row(whistle) if whistle else None,
            user_errors=[],
        )

    @strawberry.mutation(description="A summoned organization reports in (报到) to a whistle.")
    async def report_in(
        self, info: Info[Context, None], whistle: relay.GlobalID, organization: relay.GlobalID
    ) -> ReportInPayload:
        try:
            whistle_key = await _existing(info, whistle, Label.WHISTLE, "whistle")
            org = await _existing(info, organization, Label.ORGANIZATION, "organization")
            _speaks_for(info.context.principal, org)
            now = dt.datetime.now(dt.UTC)
            report = await whistles.report_in(info.context.store, whistle_key, org, now)
        except BadUserInput as error:
            return ReportInPayload(
                whistle=None, reported_at=None, late=None, user_errors=[UserError.of(error)]
            )
        info.context.loaders.clear_all()
        row = await info.context.loaders.nodes(Label.WHISTLE).load(whistle_key)
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
    ) -> IssuePayload:
        return await _step(
            info, id, lambda lc, key: lc.record_feedback(key, satisfaction, comment), Action.RATE
        )

    @strawberry.mutation(description="Close a resolved issue without a rating.")
    async def close_issue(
        self, info: Info[Context, None], id: relay.GlobalID, note: str | None = None
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.close(key, note))

    @strawberry.mutation(description="Refuse an invalid issue.")
    async def reject_issue(
        self, info: Info[Context, None], id: relay.GlobalID, reason: str
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.reject(key, reason))

    @strawberry.mutation(description="Close an issue as a duplicate of another.")
    async def mark_duplicate(
        self, info: Info[Context, None], id: relay.GlobalID, original: relay.GlobalID
    ) -> IssuePayload:
        async def step(lifecycle: Lifecycle, key: str) -> None:
            first = await _existing(info, original, Label.ISSUE, "original")
            await lifecycle.mark_duplicate(key, first)

        return await _step(info, id, step)

    @strawberry.mutation(description="Hand an issue outside the center's remit to another body.")
    async def refer_out(
        self, info: Info[Context, None], id: relay.GlobalID, to: str, reason: str
    ) -> IssuePayload:
        return await _step(info, id, lambda lc, key: lc.refer_out(key, to, reason))


def _lifecycle(info: Info[Context, None]) -> Lifecycle:
    return Lifecycle(info.context.store, actor=info.context.actor)


def _issue_key(id: relay.GlobalID) -> str:
    key = key_of(id, "Issue")
    assert key is not None
    return key


async def _step(
    info: Info[Context, None], id: relay.GlobalID, step: Step, action: Action = Action.HANDLE
) -> IssuePayload:
    try:
        key = _issue_key(id)
        await _guard(info, key, action)
        await step(_lifecycle(info), key)
    except BadUserInput as error:
        return IssuePayload(issue=None, user_errors=[UserError.of(error)])
    return IssuePayload(issue=await _issue(info, key), user_errors=[])


async def _guard(info: Info[Context, None], key: str, action: Action) -> None:
    """FORBIDDEN unless the role may take `action` and the issue is one it sees."""
    principal = info.context.principal
    principal.require(action)
    if principal.role is Role.ADMIN:
        return
    if await info.context.loaders.nodes(Label.ISSUE).load(key) is not None:
        return
    # Hidden or missing: a missing issue stays the lifecycle's NOT_FOUND.
    [hidden] = await info.context.store.get_nodes(Label.ISSUE, [key])
    if hidden is not None:
        raise Forbidden(
            f"issue {key} is not one this {principal.role.value} handles", role=principal.role.value
        )


def _speaks_for(principal: Principal, organization: str) -> None:
    """FORBIDDEN unless an admin, or a coordinator reporting in for its own organization."""
    principal.require(Action.HANDLE)
    if principal.role is not Role.ADMIN and principal.org != organization:
        raise Forbidden(
            f"a {principal.role.value} of {principal.org} may report in only for its own "
            "organization",
            role=principal.role.value,
        )


async def _issue(info: Info[Context, None], key: str) -> Issue | None:
    # The step changed the graph: nothing this request cached may be served again.
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.ISSUE).load(key)
    return Issue.from_row(row) if row is not None else None


async def _existing(
    info: Info[Context, None], id: relay.GlobalID | None, label: Label, field: str
) -> str:
    key = key_of(id, "Area" if label is Label.COMMUNITY else label.value)
    if key is None or await info.context.loaders.nodes(label).load(key) is None:
        raise BadUserInput(f"no {label.value} with ID {id}", field=field)
    return key


async def _dispatch(
    info: Info[Context, None],
    lifecycle: Lifecycle,
    key: str,
    chosen: str | None,
    reason: str | None,
) -> None:
    now = lifecycle.clock()
    answer = await routing.who_handles(info.context.store, key, now, info.context.loaders.viewer)
    lead = chosen or answer.lead
    if lead is None:
        raise BadUserInput("no rule matches and there is no center; name one", field="organization")
    routed = lead == answer.lead
    if not routed and not (reason and reason.strip()):
        raise BadUserInput(
            "dispatching to another organization than the routing answer needs a reason",
            field="reason",
        )
    hours, days = answer.response_hours, answer.resolve_days
    await lifecycle.dispatch(
        key,
        lead,
        reason,
        answer.via_rule if routed else None,
        response_due=now + dt.timedelta(hours=hours) if hours is not None else None,
        resolve_due=now + dt.timedelta(days=days) if days is not None else None,
        assists=answer.assists if routed else (),
    )


async def _draft(info: Info[Context, None], input: ReportIssueInput) -> IssueDraft:
    reporter = None
    named = input.reporter_name is not None or input.reporter_phone is not None
    if input.anonymous and (named or input.reporter is not None):
        raise BadUserInput("an anonymous report names no reporter", field="anonymous")
    if input.reporter is not None and named:
        raise BadUserInput("name a known reporter or a resident, not both", field="reporter")
    if input.reporter is not None:
        reporter = await _existing(info, input.reporter, Label.PERSON, "reporter")
    resident = Resident.of(input.reporter_name, input.reporter_phone) if named else None
    return IssueDraft(
        title=input.title,
        channel=input.channel,
        category=await _existing(info, input.category, Label.CATEGORY, "category"),
        area=await _existing(info, input.area, Label.AREA, "area"),
        description=input.description,
        reporter=reporter,
        resident=resident,
        client_request_id=input.client_request_id,
        people_affected=input.people_affected,
    )
