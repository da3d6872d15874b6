"""Meetings (联席会、座谈会、协调会), their decisions, and the mutations that record them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, MeetingKind, Rel
from graph.records import Node
from resolvers.errors import BadUserInput
from resolvers.meetings.drafts import DecisionDraft, FollowUp, MeetingDraft
from resolvers.meetings.minutes import MeetingEdit, Minutes
from schema.context import Context
from schema.node import Keyed, NodeType, key_of
from schema.payload import UserError
from schema.relations import related_many

if TYPE_CHECKING:
    from schema.issue import Issue
    from schema.organization import Organization, Person
    from schema.project import Project

IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.organization")]
ProjectRef = Annotated["Project", strawberry.lazy("schema.project")]

ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PERSON: NodeType[Person] = NodeType(Label.PERSON)
PROJECT: NodeType[Project] = NodeType(Label.PROJECT)

ClientKey = Annotated[
    str | None,
    strawberry.argument(
        description="Any unique string from the client for this change: a retry with the same "
        "clientKey writes nothing and answers what the first call made."
    ),
]


@strawberry.type(
    description="A joint meeting (联席会), symposium (座谈会) or coordination meeting."
)
class Meeting(relay.Node, Keyed):
    LABEL = Label.MEETING

    key: relay.NodeID[str]
    title: str
    kind: MeetingKind | None = None
    held_on: dt.date | None = None
    place: str | None = None
    # A meeting recorded before decisions were nodes keeps its decision as text.
    stored_decision: strawberry.Private[str | None] = None

    @classmethod
    def from_row(cls, row: Node) -> Self:
        """The meeting of a row, with any decision text it stores."""
        meeting = super().from_row(row)
        meeting.stored_decision = row.get("decision")
        return meeting

    @strawberry.field(description="Its decisions as one text, in order (；-separated).")
    async def decision(self, info: Info[Context, None]) -> str | None:
        decisions = await self.decisions(info)
        if not decisions:
            return self.stored_decision
        return "；".join(decision.text for decision in decisions)

    @strawberry.field(description="Its decisions, in the order they were taken.")
    async def decisions(self, info: Info[Context, None]) -> list[Decision]:
        found = await related_many(info, self.LABEL, self.key, Rel.DECIDED, "OUT", Decision)
        return sorted(found, key=lambda decision: (decision.seq, decision.key))

    @strawberry.field(description="Organizations that attended.")
    async def attendees(self, info: Info[Context, None]) -> list[OrganizationRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ATTENDED_BY, "OUT", ORGANIZATION)

    @strawberry.field(description="People who attended.")
    async def people(self, info: Info[Context, None]) -> list[PersonRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ATTENDED_BY, "OUT", PERSON)

    @strawberry.field(description="Projects it was about.")
    async def projects(self, info: Info[Context, None]) -> list[ProjectRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ABOUT, "OUT", PROJECT)

    @strawberry.field(description="Issues its decisions resolved.")
    async def resolved_issues(self, info: Info[Context, None]) -> list[IssueRef]:
        decisions = [decision.key for decision in await self.decisions(info)]
        loader = info.context.loaders.related(Label.DECISION, Rel.RESOLVED, "OUT", Label.ISSUE)
        rows = {row["key"]: row for found in await loader.load_many(decisions) for row in found}
        return [ISSUE.from_row(row) for _, row in sorted(rows.items())]


@strawberry.type(description="One decision of a meeting: what it resolved, advanced, set going.")
class Decision(relay.Node, Keyed):
    LABEL = Label.DECISION

    key: relay.NodeID[str]
    text: str
    seq: int = strawberry.field(description="Its number among the meeting's decisions, from 1.")

    @strawberry.field(description="The meeting that took it.")
    async def meeting(self, info: Info[Context, None]) -> Meeting | None:
        found = await related_many(info, self.LABEL, self.key, Rel.DECIDED, "IN", Meeting)
        return found[0] if found else None

    @strawberry.field(description="Issues it resolved (each with its state now).")
    async def resolves(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.RESOLVED, "OUT", ISSUE)

    @strawberry.field(description="Projects it advanced.")
    async def advances(self, info: Info[Context, None]) -> list[ProjectRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ADVANCES, "OUT", PROJECT)

    @strawberry.field(
        description="Follow-up issues it created, each led by its owner by a deadline "
        "(resolveDueAt); their states are what the decision became."
    )
    async def follow_ups(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.FOLLOWED_UP_BY, "OUT", ISSUE)


@strawberry.input(description="A follow-up issue a decision sets going: what, who leads, by when.")
class FollowUpInput:
    title: str
    owner: relay.GlobalID = strawberry.field(description="The organization that leads it.")
    deadline: dt.date = strawberry.field(description="The day it is due to be resolved by.")
    category: relay.GlobalID
    area: relay.GlobalID
    description: str | None = None


@strawberry.input(description="A decision: its text and what it resolves, advances, sets going.")
class DecisionInput:
    text: str
    resolves: list[relay.GlobalID] = strawberry.field(
        default_factory=list,
        description="Issues it settles: each the lifecycle lets become RESOLVED is resolved, "
        "with the meeting named in its event; others are linked only.",
    )
    advances: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Projects it advances."
    )
    follow_ups: list[FollowUpInput] = strawberry.field(
        default_factory=list,
        description="Issues it creates, dispatched to their owners with their deadlines.",
    )


@strawberry.input(description="A meeting that was held, as its minutes record it.")
class RecordMeetingInput:
    title: str
    kind: MeetingKind
    held_on: dt.date
    place: str | None = None
    attendees: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Organizations and people who attended."
    )
    projects: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Projects it was about."
    )
    decisions: list[DecisionInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Changes to a meeting; a field left out stays as it is.")
class EditMeetingInput:
    title: str | None = None
    kind: MeetingKind | None = None
    held_on: dt.date | None = None
    place: str | None = None
    attendees: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Replaces the attendees."
    )
    projects: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Replaces the projects."
    )


@strawberry.type(description="The meeting after the change, or why nothing was written.")
class MeetingPayload:
    meeting: Meeting | None
    user_errors: list[UserError]


@strawberry.type(description="The decision after the change, or why nothing was written.")
class DecisionPayload:
    decision: Decision | None
    user_errors: list[UserError]


@strawberry.type
class MeetingMutation:
    @strawberry.mutation(
        description="Record a held meeting with its attendees and decisions. Admins and a "
        "center's coordinators."
    )
    async def record_meeting(
        self, info: Info[Context, None], input: RecordMeetingInput, client_key: ClientKey = None
    ) -> MeetingPayload:
        try:
            organizations, people = _attendees(input.attendees)
            draft = MeetingDraft(
                title=input.title,
                kind=input.kind,
                held_on=input.held_on,
                place=input.place,
                organizations=organizations,
                people=people,
                projects=_keys(input.projects, "Project", "projects"),
                decisions=[_decision(d, "decisions.") for d in input.decisions],
            )
            key = await _minutes(info, client_key).record(draft)
        except BadUserInput as error:
            return MeetingPayload(meeting=None, user_errors=[UserError.of(error)])
        return MeetingPayload(meeting=await _meeting(info, key), user_errors=[])

    @strawberry.mutation(description="Change a recorded meeting's details or attendees.")
    async def edit_meeting(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        input: EditMeetingInput,
        client_key: ClientKey = None,
    ) -> MeetingPayload:
        try:
            key = _key(id, "Meeting", "id")
            organizations, people = (
                _attendees(input.attendees) if input.attendees is not None else (None, None)
            )
            projects = (
                _keys(input.projects, "Project", "projects") if input.projects is not None else None
            )
            edit = MeetingEdit(
                input.title, input.kind, input.held_on, input.place, organizations, people, projects
            )
            key = await _minutes(info, client_key).edit(key, edit)
        except BadUserInput as error:
            return MeetingPayload(meeting=None, user_errors=[UserError.of(error)])
        return MeetingPayload(meeting=await _meeting(info, key), user_errors=[])

    @strawberry.mutation(description="Add a decision to a recorded meeting.")
    async def add_decision(
        self,
        info: Info[Context, None],
        meeting: relay.GlobalID,
        input: DecisionInput,
        client_key: ClientKey = None,
    ) -> DecisionPayload:
        try:
            key = _key(meeting, "Meeting", "meeting")
            decision_key = await _minutes(info, client_key).add_decision(key, _decision(input))
        except BadUserInput as error:
            return DecisionPayload(decision=None, user_errors=[UserError.of(error)])
        return DecisionPayload(decision=await _decision_node(info, decision_key), user_errors=[])

    @strawberry.mutation(description="Correct a decision's text; what it moved stays as it is.")
    async def edit_decision(
        self, info: Info[Context, None], id: relay.GlobalID, text: str, client_key: ClientKey = None
    ) -> DecisionPayload:
        try:
            key = await _minutes(info, client_key).edit_decision(_key(id, "Decision", "id"), text)
        except BadUserInput as error:
            return DecisionPayload(decision=None, user_errors=[UserError.of(error)])
        return DecisionPayload(decision=await _decision_node(info, key), user_errors=[])


def _minutes(info: Info[Context, None], client_key: str | None) -> Minutes:
    context = info.context
    return Minutes(context.store, context.principal, context.clock, client_key)


def _key(id: relay.GlobalID, type_name: str, field: str) -> str:
    key = key_of(id, type_name, field=field)
    assert key is not None
    return key


def _keys(ids: list[relay.GlobalID], type_name: str, field: str) -> list[str]:
    return list(dict.fromkeys(_key(id, type_name, field) for id in ids))


def _attendees(ids: list[relay.GlobalID]) -> tuple[list[str], list[str]]:
    for id in ids:
        key_of(id, "Organization", "Person", field="attendees")
    organizations = [id.node_id for id in ids if id.type_name == "Organization"]
    people = [id.node_id for id in ids if id.type_name == "Person"]
    return list(dict.fromkeys(organizations)), list(dict.fromkeys(people))


def _decision(input: DecisionInput, prefix: str = "") -> DecisionDraft:
    return DecisionDraft(
        text=input.text,
        resolves=_keys(input.resolves, "Issue", f"{prefix}resolves"),
        advances=_keys(input.advances, "Project", f"{prefix}advances"),
        follow_ups=[
            FollowUp(
                title=f.title,
                owner=_key(f.owner, "Organization", f"{prefix}followUps.owner"),
                deadline=f.deadline,
                category=_key(f.category, "Category", f"{prefix}followUps.category"),
                area=_key(f.area, "Area", f"{prefix}followUps.area"),
                description=f.description,
            )
            for f in input.follow_ups
        ],
    )


async def _meeting(info: Info[Context, None], key: str) -> Meeting | None:
    # The change committed: nothing this request cached may be served again.
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.MEETING).load(key)
    return Meeting.from_row(row) if row is not None else None


async def _decision_node(info: Info[Context, None], key: str) -> Decision | None:
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.DECISION).load(key)
    return Decision.from_row(row) if row is not None else None
