"""Issues, their events and assignments, routing rules and whistles (吹哨)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Channel, IssueState, Label, Rel
from resolvers import overdue
from schema.context import Context
from schema.node import Keyed, NodeType
from schema.relations import related_many, related_one

if TYPE_CHECKING:
    from schema.area import Area, Category
    from schema.meeting import Decision, Meeting
    from schema.organization import Organization, Person
    from schema.visit import Visit

AreaRef = Annotated["Area", strawberry.lazy("schema.area")]
CategoryRef = Annotated["Category", strawberry.lazy("schema.area")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.organization")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]
DecisionRef = Annotated["Decision", strawberry.lazy("schema.meeting")]
VisitRef = Annotated["Visit", strawberry.lazy("schema.visit")]

# Built by label, so the type modules never import each other at run time.
AREA: NodeType[Area] = NodeType(Label.AREA)
CATEGORY: NodeType[Category] = NodeType(Label.CATEGORY)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PERSON: NodeType[Person] = NodeType(Label.PERSON)
MEETING: NodeType[Meeting] = NodeType(Label.MEETING)
DECISION: NodeType[Decision] = NodeType(Label.DECISION)
VISIT: NodeType[Visit] = NodeType(Label.VISIT)


# What the deadline fields read (Issue._props).
_DEADLINES = ("state", "responseDueAt", "resolveDueAt", "extendedTo", "respondedAt", "resolvedAt")
_RELATIONS = (
    "category",
    "area",
    "reporter",
    "assignments",
    "events",
    "whistles",
    "resolvedBy",
    "decidedBy",
    "raisedDuring",
)
_COMPUTED = ("respondBy", "resolveBy", "overdueSince", "isOverdue", "lateBy", "lateByHours")


@strawberry.type(description="A resident's or unit's problem, from intake to closing.")
class Issue(relay.Node, Keyed):
    LABEL = Label.ISSUE
    READS: ClassVar[Mapping[str, tuple[str, ...]] | None] = {
        **dict.fromkeys(_RELATIONS, ()),
        **dict.fromkeys(_COMPUTED, _DEADLINES),
    }

    key: relay.NodeID[str]
    title: str
    description: str | None = None
    state: IssueState
    channel: Channel | None = None
    reported_at: dt.datetime | None = None
    responded_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    response_due_at: dt.datetime | None = strawberry.field(
        default=None, description="Respond by; copied from the routing rule at dispatch."
    )
    resolve_due_at: dt.datetime | None = strawberry.field(
        default=None, description="Resolve by; copied from the routing rule at dispatch."
    )
    satisfaction: int | None = strawberry.field(
        default=None, description="The reporter's rating, 1 (poor) to 5 (very satisfied)."
    )
    people_affected: int | None = None
    joint_coordination: bool | None = strawberry.field(
        default=None, description="Solved through joint enterprise–government coordination."
    )
    extended_to: dt.datetime | None = strawberry.field(
        default=None, description="A granted extension of the resolution deadline."
    )
    reopen_count: int | None = None
    supervised: bool | None = strawberry.field(
        default=None,
        description="Under supervision (督办): brought back from a visit with a deadline.",
    )
    receipt: str | None = strawberry.field(
        default=None,
        description="The receipt number a QR report gave its resident (码上反映).",
    )

    @strawberry.field(description="Respond by: the deadline copied from its rule at dispatch.")
    def respond_by(self) -> dt.datetime | None:
        return overdue.respond_by(self._props())

    @strawberry.field(description="Resolve by, extensions included.")
    def resolve_by(self) -> dt.datetime | None:
        return overdue.resolve_by(self._props())

    @strawberry.field(description="The earliest deadline it has missed while still open.")
    def overdue_since(self, info: Info[Context, None]) -> dt.datetime | None:
        return self._overdue_since(info.context.clock())

    @strawberry.field(description="Whether it is open and past a deadline.")
    def is_overdue(self, info: Info[Context, None]) -> bool:
        return self._overdue_since(info.context.clock()) is not None

    @strawberry.field(description="How long past its earliest missed deadline, ISO 8601 (PT5H).")
    def late_by(self, info: Info[Context, None]) -> str | None:
        now = info.context.clock()
        since = self._overdue_since(now)
        return _iso_duration(now - since) if since is not None else None

    @strawberry.field(description="How many hours past its earliest missed deadline.")
    def late_by_hours(self, info: Info[Context, None]) -> float | None:
        now = info.context.clock()
        since = self._overdue_since(now)
        if since is None:
            return None
        return round((now - since).total_seconds() / 3600, 2)

    def _overdue_since(self, now: dt.datetime) -> dt.datetime | None:
        return overdue.overdue_since(self._props(), now)

    def _props(self) -> dict[str, object]:
        return {
            "state": self.state.value,
            "responseDueAt": self.response_due_at,
            "resolveDueAt": self.resolve_due_at,
            "extendedTo": self.extended_to,
            "respondedAt": self.responded_at,
            "resolvedAt": self.resolved_at,
        }

    @strawberry.field(description="Its category.")
    async def category(self, info: Info[Context, None]) -> CategoryRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.IN_CATEGORY, "OUT", CATEGORY)

    @strawberry.field(description="Where it is.")
    async def area(self, info: Info[Context, None]) -> AreaRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LOCATED_IN, "OUT", AREA)

    @strawberry.field(description="Who reported it (anonymous reports have none).")
    async def reporter(self, info: Info[Context, None]) -> PersonRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.REPORTED, "IN", PERSON)

    @strawberry.field(description="The organizations handling it, lead first.")
    async def assignments(self, info: Info[Context, None]) -> list[Assignment]:
        loader = info.context.loaders.related(
            self.LABEL, Rel.ASSIGNED_TO, "OUT", Label.ORGANIZATION
        )
        rows = await loader.load(self.key)
        assignments = [
            Assignment(
                organization=ORGANIZATION.from_row(row),
                role=row["_rel"].get("role") or "LEAD",
                via_rule_key=row["_rel"].get("viaRule"),
            )
            for row in rows
        ]
        return sorted(assignments, key=lambda a: a.role != "LEAD")

    @strawberry.field(description="Its audit trail, oldest first.")
    async def events(self, info: Info[Context, None]) -> list[IssueEvent]:
        events = await related_many(info, self.LABEL, self.key, Rel.HAS_EVENT, "OUT", IssueEvent)
        return sorted(events, key=lambda event: event.seq)

    @strawberry.field(description="Whistles blown for it (吹哨).")
    async def whistles(self, info: Info[Context, None]) -> list[Whistle]:
        return await related_many(info, self.LABEL, self.key, Rel.ABOUT, "IN", Whistle)

    @strawberry.field(description="Meetings whose decisions resolved it.")
    async def resolved_by(self, info: Info[Context, None]) -> list[MeetingRef]:
        loaders = info.context.loaders
        decisions = await loaders.related(self.LABEL, Rel.RESOLVED, "IN", Label.DECISION).load(
            self.key
        )
        meetings = loaders.related(Label.DECISION, Rel.DECIDED, "IN", Label.MEETING)
        found = await meetings.load_many([decision["key"] for decision in decisions])
        rows = {row["key"]: row for rows in found for row in rows}
        return [MEETING.from_row(row) for _, row in sorted(rows.items())]

    @strawberry.field(
        description="Meeting decisions that resolved it or set it going as a follow-up: which "
        "meeting decided what."
    )
    async def decided_by(self, info: Info[Context, None]) -> list[DecisionRef]:
        resolving, following = await asyncio.gather(
            related_many(info, self.LABEL, self.key, Rel.RESOLVED, "IN", DECISION),
            related_many(info, self.LABEL, self.key, Rel.FOLLOWED_UP_BY, "IN", DECISION),
        )
        return list({decision.key: decision for decision in (*resolving, *following)}.values())

    @strawberry.field(description="The visit during which it was raised.")
    async def raised_during(self, info: Info[Context, None]) -> VisitRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.RAISED_DURING, "OUT", VISIT)


@strawberry.type(description="An organization handling an issue, and the rule that chose it.")
class Assignment:
    organization: OrganizationRef
    role: str = strawberry.field(description="LEAD or ASSIST.")
    via_rule_key: strawberry.Private[str | None]

    @strawberry.field(description="The routing rule that decided it; none if assigned by hand.")
    async def via_rule(self, info: Info[Context, None]) -> RoutingRule | None:
        if self.via_rule_key is None:
            return None
        row = await info.context.loaders.nodes(Label.ROUTING_RULE).load(self.via_rule_key)
        return RoutingRule.from_row(row) if row is not None else None


@strawberry.type(description="One step of an issue's lifecycle (append-only).")
class IssueEvent(relay.Node, Keyed):
    LABEL = Label.ISSUE_EVENT

    key: relay.NodeID[str]
    seq: int
    at: dt.datetime
    from_state: IssueState | None = None
    to_state: IssueState
    note: str | None = None
    actor: str | None = None

    @strawberry.field(description="The issue it belongs to.")
    async def issue(self, info: Info[Context, None]) -> Issue | None:
        return await related_one(info, self.LABEL, self.key, Rel.HAS_EVENT, "IN", Issue)


@strawberry.type(description="Category × area → who leads, who assists, who is summoned next.")
class RoutingRule(relay.Node, Keyed):
    LABEL = Label.ROUTING_RULE

    key: relay.NodeID[str]
    name: str | None = None
    priority: int | None = None
    response_hours: int | None = None
    resolve_days: int | None = None
    feedback_days: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @strawberry.field(description="Categories it applies to (and everything below them).")
    async def categories(self, info: Info[Context, None]) -> list[CategoryRef]:
        return await related_many(info, self.LABEL, self.key, Rel.FOR_CATEGORY, "OUT", CATEGORY)

    @strawberry.field(description="Areas it applies to (and everything below them).")
    async def areas(self, info: Info[Context, None]) -> list[AreaRef]:
        return await related_many(info, self.LABEL, self.key, Rel.FOR_AREA, "OUT", AREA)

    @strawberry.field(description="The organization that leads.")
    async def lead(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LEAD, "OUT", ORGANIZATION)

    @strawberry.field(description="Organizations that assist.")
    async def assists(self, info: Info[Context, None]) -> list[OrganizationRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ASSIST, "OUT", ORGANIZATION)

    @strawberry.field(description="Who is summoned, level by level, when the issue is late.")
    async def escalations(self, info: Info[Context, None]) -> list[Escalation]:
        loader = info.context.loaders.related(self.LABEL, Rel.ESCALATE, "OUT", Label.ORGANIZATION)
        steps = [
            Escalation(
                level=row["_rel"].get("level") or 0,
                after_hours=row["_rel"].get("afterHours"),
                organization=ORGANIZATION.from_row(row),
            )
            for row in await loader.load(self.key)
        ]
        return sorted(steps, key=lambda step: step.level)


@strawberry.type(description="One level of a rule's escalation chain.")
class Escalation:
    level: int
    after_hours: int | None
    organization: OrganizationRef


@strawberry.type(description="A whistle (吹哨): organizations summoned to report in (报到).")
class Whistle(relay.Node, Keyed):
    LABEL = Label.WHISTLE

    key: relay.NodeID[str]
    blown_at: dt.datetime | None = None
    reason: str | None = None

    @strawberry.field(description="The issue it was blown for.")
    async def issue(self, info: Info[Context, None]) -> Issue | None:
        return await related_one(info, self.LABEL, self.key, Rel.ABOUT, "OUT", Issue)

    @strawberry.field(description="Who was summoned, and when each reported in.")
    async def summons(self, info: Info[Context, None]) -> list[Summons]:
        loader = info.context.loaders.related(self.LABEL, Rel.SUMMONS, "OUT", Label.ORGANIZATION)
        return [
            Summons(
                organization=ORGANIZATION.from_row(row),
                reported_at=row["_rel"].get("reportedAt"),
                due_at=row["_rel"].get("dueAt"),
                level=row["_rel"].get("level"),
            )
            for row in await loader.load(self.key)
        ]


@strawberry.type(description="An organization summoned by a whistle.")
class Summons:
    organization: OrganizationRef
    reported_at: dt.datetime | None = strawberry.field(
        description="When it reported in (报到); null while it has not."
    )
    due_at: dt.datetime | None = strawberry.field(description="When it must report in by.")
    level: int | None = strawberry.field(description="Its level in the escalation chain.")

    @strawberry.field(description="Reported in after its deadline, or still not in and past it.")
    def late(self, info: Info[Context, None]) -> bool:
        if self.due_at is None:
            return False
        return (self.reported_at or info.context.clock()) > self.due_at


def _iso_duration(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    return f"P{days}DT{hours}H{minutes}M" if days else f"PT{hours}H{minutes}M"
