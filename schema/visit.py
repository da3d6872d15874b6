"""Visit groups and visits (走访): the types, the visits connection and the recording mutations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, Rel, VisitStatus
from resolvers.browse import Order
from resolvers.errors import BadUserInput
from resolvers.paging import PageRequest
from resolvers.visits.problems import Problem
from resolvers.visits.service import GroupDraft, Recording, Visits
from schema.connection import Connection
from schema.context import Context
from schema.node import Keyed, NodeType, id_of, node_from_row
from schema.paging import paged
from schema.payload import UserError
from schema.relations import related_many, related_one, root_connection
from schema.where import VisitGroupWhere, VisitWhere

if TYPE_CHECKING:
    from schema.issue import Issue
    from schema.organization import Organization, Person

IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.organization")]

ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PERSON: NodeType[Person] = NodeType(Label.PERSON)

# Planned visits (no visitedOn yet) first, then the visits made, newest first.
NEWEST_FIRST = Order("visitedOn", ascending=False)
PLACES = ("Organization", "Site", "Area")


@strawberry.type(description="A visit group (走访小组), led by a leadership member.")
class VisitGroup(relay.Node, Keyed):
    LABEL = Label.VISIT_GROUP

    key: relay.NodeID[str]
    name: str
    cadence: str | None = strawberry.field(default=None, description="e.g. WEEKLY, MONTHLY.")
    programme: str | None = None

    @strawberry.field(description="Its leader.")
    async def leader(self, info: Info[Context, None]) -> PersonRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LED_BY, "OUT", PERSON)

    @strawberry.field(description="Its members.")
    async def members(self, info: Info[Context, None]) -> list[PersonRef]:
        return await related_many(info, self.LABEL, self.key, Rel.MEMBER_OF, "IN", PERSON)

    @strawberry.field(description="The organization (a party branch, a department) it belongs to.")
    async def organization(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.PART_OF, "OUT", ORGANIZATION)

    @strawberry.field(description="Visits it planned and made, by day.")
    async def visits(self, info: Info[Context, None]) -> list[Visit]:
        visits = await related_many(info, self.LABEL, self.key, Rel.CONDUCTED_BY, "IN", Visit)
        return sorted(visits, key=lambda visit: (visit.day or dt.date.min, visit.key))


@strawberry.type(description="A visit to the frontline; problems found are solved or brought back.")
class Visit(relay.Node, Keyed):
    LABEL = Label.VISIT

    key: relay.NodeID[str]
    status: VisitStatus | None = None
    planned_on: dt.date | None = None
    visited_on: dt.date | None = None
    member_count: int | None = strawberry.field(
        default=None, description="How many went, where the people are not recorded by name."
    )
    purpose: str | None = strawberry.field(default=None, description="What the plan is for.")
    summary: str | None = strawberry.field(default=None, description="What was discussed.")
    feedback: str | None = strawberry.field(
        default=None, description="The feedback given to the unit at the end (反馈)."
    )
    feedback_on: dt.date | None = None
    cancel_reason: str | None = None

    @property
    def day(self) -> dt.date | None:
        """When it was made, or is planned."""
        return self.visited_on or self.planned_on

    @strawberry.field(description="The group that made it.")
    async def group(self, info: Info[Context, None]) -> VisitGroup | None:
        return await related_one(info, self.LABEL, self.key, Rel.CONDUCTED_BY, "OUT", VisitGroup)

    @strawberry.field(description="The organization visited; null for a site or a community.")
    async def visited(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.VISITED, "OUT", ORGANIZATION)

    @strawberry.field(description="What was visited: an Organization, a Site or an Area.")
    async def place(self, info: Info[Context, None]) -> relay.Node | None:
        rows = await info.context.loaders.related(self.LABEL, Rel.VISITED, "OUT").load(self.key)
        return node_from_row(rows[0]) if rows else None

    @strawberry.field(description="Who went.")
    async def attendees(self, info: Info[Context, None]) -> list[PersonRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ATTENDED_BY, "OUT", PERSON)

    @strawberry.field(
        description="Member-times (人次): the people who went, or memberCount if none are named."
    )
    async def member_times(self, info: Info[Context, None]) -> int:
        loader = info.context.loaders.related(self.LABEL, Rel.ATTENDED_BY, "OUT", Label.PERSON)
        named = len(await loader.load(self.key))
        return named or self.member_count or 0

    @strawberry.field(description="Issues raised during it: problems and tracked suggestions.")
    async def issues(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.RAISED_DURING, "IN", ISSUE)

    @strawberry.field(description="Suggestions (合理化建议) raised during it.")
    async def suggestions(self, info: Info[Context, None]) -> list[relay.Node]:
        loader = info.context.loaders.related(self.LABEL, Rel.RAISED_DURING, "IN", Label.SUGGESTION)
        nodes = [node_from_row(row) for row in await loader.load(self.key)]
        return [node for node in nodes if node is not None]


@strawberry.input(description="Which visits to list.")
class VisitFilter:
    group: relay.GlobalID | None = None
    statuses: list[VisitStatus] | None = None
    place: relay.GlobalID | None = strawberry.field(
        default=None, description="Visits to this unit (Organization), Site or Area."
    )
    on_from: dt.date | None = strawberry.field(
        default=None, description="Made (or planned) on this day or later."
    )
    on_to: dt.date | None = strawberry.field(
        default=None, description="Made (or planned) on this day or earlier."
    )

    def params(self) -> dict[str, object]:
        """Cypher parameters for the visit filter."""
        return {
            "group": id_of(self.group, "VisitGroup", field="filter.group"),
            "statuses": [s.value for s in self.statuses] if self.statuses else None,
            "place": id_of(self.place, *PLACES, field="filter.place"),
            "from": self.on_from,
            "to": self.on_to + dt.timedelta(days=1) if self.on_to else None,
        }


@strawberry.input(description="A visit group's fields; on an edit, those left out stay.")
class VisitGroupInput:
    name: str | None = None
    organization: relay.GlobalID | None = None
    leader: relay.GlobalID | None = None
    members: list[relay.GlobalID] | None = None
    cadence: str | None = None
    programme: str | None = None

    def draft(self) -> GroupDraft:
        """The service's draft, the IDs checked for their types."""
        members = None
        if self.members is not None:
            members = [_key(m, "Person", field="members") for m in self.members]
        return GroupDraft(
            name=self.name,
            organization=id_of(self.organization, "Organization", field="organization"),
            leader=id_of(self.leader, "Person", field="leader"),
            members=members,
            cadence=self.cadence,
            programme=self.programme,
        )


@strawberry.input(description="A visit planned: which group goes where, on which day.")
class PlanVisitInput:
    group: relay.GlobalID
    place: relay.GlobalID = strawberry.field(
        description="The unit (Organization), Site or community (Area) to visit."
    )
    planned_on: dt.date
    purpose: str | None = None


@strawberry.input(description="A problem raised on a visit: solved on the spot or brought back.")
class VisitProblemInput:
    title: str
    category: relay.GlobalID
    area: relay.GlobalID | None = strawberry.field(
        default=None, description="Where it lies; by default where the place visited lies."
    )
    description: str | None = None
    solved_on_the_spot: bool = strawberry.field(
        default=False, description="Solved there and then (RECEIVED → RESOLVED)."
    )
    resolution: str | None = strawberry.field(default=None, description="How it was solved.")
    lead: relay.GlobalID | None = strawberry.field(
        default=None, description="Brought back: the organization that leads its solution."
    )
    resolve_by: dt.date | None = strawberry.field(
        default=None, description="Brought back: the last day to solve it; supervised (督办)."
    )

    def problem(self, index: int) -> Problem:
        """The service's problem, the IDs checked for their types."""
        field = f"problems.{index}"
        return Problem(
            title=self.title,
            category=_key(self.category, "Category", field=f"{field}.category"),
            area=id_of(self.area, "Area", field=f"{field}.area"),
            description=self.description,
            solved_on_the_spot=self.solved_on_the_spot,
            resolution=self.resolution,
            lead=id_of(self.lead, "Organization", field=f"{field}.lead"),
            resolve_by=self.resolve_by,
        )


@strawberry.input(description="A visit made: a planned one (visit), or a new one (group, place).")
class RecordVisitInput:
    visited_on: dt.date
    summary: str = strawberry.field(description="What was seen and discussed.")
    visit: relay.GlobalID | None = strawberry.field(default=None, description="The plan.")
    group: relay.GlobalID | None = None
    place: relay.GlobalID | None = None
    attendees: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Who went (people)."
    )
    member_count: int | None = strawberry.field(
        default=None, description="How many went, when they are not named."
    )
    problems: list[VisitProblemInput] = strawberry.field(default_factory=list)

    def recording(self) -> Recording:
        """The service's recording, the IDs checked for their types."""
        return Recording(
            visited_on=self.visited_on,
            summary=self.summary,
            visit=id_of(self.visit, "Visit", field="visit"),
            group=id_of(self.group, "VisitGroup", field="group"),
            place=id_of(self.place, *PLACES, field="place"),
            attendees=[_key(a, "Person", field="attendees") for a in self.attendees],
            member_count=self.member_count,
            problems=[p.problem(i) for i, p in enumerate(self.problems)],
        )


ClientKey = Annotated[
    str | None,
    strawberry.argument(
        description="Any unique string from the client for this change: a retry with the same "
        "clientKey writes nothing and answers what the first call made."
    ),
]


@strawberry.type(description="The group after the change, or why nothing was written.")
class VisitGroupPayload:
    visit_group: VisitGroup | None
    user_errors: list[UserError]


@strawberry.type(description="The visit after the change, or why nothing was written.")
class VisitPayload:
    visit: Visit | None
    user_errors: list[UserError]


@strawberry.type
class VisitQuery:
    @paged("Visits (走访): planned ones first, then those made, newest first.")
    async def visits(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: VisitFilter | None = None,
        where: VisitWhere | None = None,
    ) -> Connection[Visit]:
        filters = filter.params() if filter is not None else {}
        return await root_connection(info, Visit, page, NEWEST_FIRST, filters, where=where)

    @paged("Visit groups (走访小组).")
    async def visit_groups(
        self, info: Info[Context, None], page: PageRequest, where: VisitGroupWhere | None = None
    ) -> Connection[VisitGroup]:
        return await root_connection(info, VisitGroup, page, Order(), {}, where=where)


@strawberry.type
class VisitMutation:
    @strawberry.mutation(description="Set up a visit group. Admins and a center's coordinators.")
    async def create_visit_group(
        self, info: Info[Context, None], input: VisitGroupInput, client_key: ClientKey = None
    ) -> VisitGroupPayload:
        try:
            key = await _visits(info).save_group(None, input.draft(), client_key)
        except BadUserInput as error:
            return VisitGroupPayload(visit_group=None, user_errors=[UserError.of(error)])
        return VisitGroupPayload(visit_group=await _group(info, key), user_errors=[])

    @strawberry.mutation(description="Change a visit group's name, organization, leader, members.")
    async def edit_visit_group(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        input: VisitGroupInput,
        client_key: ClientKey = None,
    ) -> VisitGroupPayload:
        try:
            group = _key(id, "VisitGroup", field="id")
            key = await _visits(info).save_group(group, input.draft(), client_key)
        except BadUserInput as error:
            return VisitGroupPayload(visit_group=None, user_errors=[UserError.of(error)])
        return VisitGroupPayload(visit_group=await _group(info, key), user_errors=[])

    @strawberry.mutation(description="Plan a group's visit to a unit, site or community.")
    async def plan_visit(
        self, info: Info[Context, None], input: PlanVisitInput, client_key: ClientKey = None
    ) -> VisitPayload:
        async def call(visits: Visits) -> str:
            group = _key(input.group, "VisitGroup", field="group")
            place = _key(input.place, *PLACES, field="place")
            return await visits.plan(group, place, input.planned_on, input.purpose, client_key)

        return await _on_visit(info, call)

    @strawberry.mutation(
        description="Record a visit made: who went, what was discussed, the problems raised "
        "(each becomes an Issue, channel VISIT: solved on the spot, or brought back with a lead "
        "and a deadline and supervised, 督办)."
    )
    async def record_visit(
        self, info: Info[Context, None], input: RecordVisitInput, client_key: ClientKey = None
    ) -> VisitPayload:
        return await _on_visit(info, lambda visits: visits.record(input.recording(), client_key))

    @strawberry.mutation(description="Cancel a planned visit, with the reason.")
    async def cancel_visit(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        client_key: ClientKey = None,
    ) -> VisitPayload:
        return await _on_visit(
            info, lambda visits: visits.cancel(_key(id, "Visit", field="id"), reason, client_key)
        )

    @strawberry.mutation(description="Record the feedback given to the unit visited (反馈).")
    async def record_visit_feedback(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        feedback: str,
        feedback_on: dt.date | None = None,
        client_key: ClientKey = None,
    ) -> VisitPayload:
        return await _on_visit(
            info,
            lambda visits: visits.feedback(
                _key(id, "Visit", field="id"), feedback, feedback_on, client_key
            ),
        )


def _visits(info: Info[Context, None]) -> Visits:
    return Visits(info.context.store, info.context.principal, info.context.clock)


async def _on_visit(
    info: Info[Context, None], call: Callable[[Visits], Awaitable[str]]
) -> VisitPayload:
    try:
        key = await call(_visits(info))
    except BadUserInput as error:
        return VisitPayload(visit=None, user_errors=[UserError.of(error)])
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.VISIT).load(key)
    return VisitPayload(visit=Visit.from_row(row) if row else None, user_errors=[])


async def _group(info: Info[Context, None], key: str) -> VisitGroup | None:
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.VISIT_GROUP).load(key)
    return VisitGroup.from_row(row) if row else None


def _key(id: relay.GlobalID, *type_names: str, field: str) -> str:
    key = id_of(id, *type_names, field=field)
    assert key is not None
    return key
