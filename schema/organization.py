"""Organizations, people and health stations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, OrgKind, PersonRole, Rel
from resolvers.browse import Order
from resolvers.paging import PageRequest
from schema.connection import Connection
from schema.context import Context
from schema.inputs import IssueFilter, params_of
from schema.node import Keyed, NodeType
from schema.order import IssueOrder, order_of
from schema.paging import paged
from schema.relations import related_connection, related_many, related_one
from schema.where import IssueWhere

if TYPE_CHECKING:
    from schema.area import Area
    from schema.issue import Issue

AreaRef = Annotated["Area", strawberry.lazy("schema.area")]
IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]

# Built by label, so the type modules never import each other at run time.
AREA: NodeType[Area] = NodeType(Label.AREA)
ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)


@strawberry.type(description="A party committee, department, unit, company, school, ...")
class Organization(relay.Node, Keyed):
    LABEL = Label.ORGANIZATION

    key: relay.NodeID[str]
    name: str
    kind: OrgKind | None = None

    @strawberry.field(description="The organization this one belongs to.")
    async def parent(self, info: Info[Context, None]) -> Organization | None:
        return await related_one(info, self.LABEL, self.key, Rel.PART_OF, "OUT", Organization)

    @strawberry.field(description="Organizations that belong to this one.")
    async def children(self, info: Info[Context, None]) -> list[Organization]:
        return await related_many(info, self.LABEL, self.key, Rel.PART_OF, "IN", Organization)

    @strawberry.field(description="People who are members of it.")
    async def members(self, info: Info[Context, None]) -> list[Person]:
        return await related_many(info, self.LABEL, self.key, Rel.MEMBER_OF, "IN", Person)

    @strawberry.field(description="Its contact people (联络员), for whoever must reach it.")
    async def contacts(self, info: Info[Context, None]) -> list[Person]:
        loader = info.context.loaders.related(self.LABEL, Rel.MEMBER_OF, "IN", Label.PERSON)
        rows = await loader.load(self.key)
        return [Person.from_row(row) for row in rows if row["_rel"].get("role") == "CONTACT"]

    @strawberry.field(description="Where it is located.")
    async def area(self, info: Info[Context, None]) -> AreaRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LOCATED_IN, "OUT", AREA)

    @strawberry.field(description="Health stations it runs.")
    async def stations(self, info: Info[Context, None]) -> list[Station]:
        return await related_many(info, self.LABEL, self.key, Rel.PART_OF, "IN", Station)

    @paged("Issues assigned to it, as lead or assistant.")
    async def issues(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: IssueFilter | None = None,
        order_by: list[IssueOrder] | None = None,
        where: IssueWhere | None = None,
    ) -> Connection[IssueRef]:
        order = order_of(order_by, Order("reportedAt", ascending=False))
        return await related_connection(
            info,
            self.LABEL,
            self.key,
            Rel.ASSIGNED_TO,
            "IN",
            ISSUE,
            page,
            order,
            params_of(filter),
            where,
        )


@strawberry.type(description="An observer, coordinator, staff member, resident, ...")
class Person(relay.Node, Keyed):
    LABEL = Label.PERSON

    key: relay.NodeID[str]
    name: str = strawberry.field(
        description="A resident's is masked (张**) except for admins, the resident and the "
        "coordinators handling the resident's issues."
    )
    phone: str | None = strawberry.field(
        default=None, description="A resident's is masked (138****1234) like the name."
    )
    roles: list[PersonRole] | None = None
    title: str | None = None
    appointed_on: dt.date | None = None

    @strawberry.field(description="Organizations the person is a member of.")
    async def organizations(self, info: Info[Context, None]) -> list[Organization]:
        return await related_many(info, self.LABEL, self.key, Rel.MEMBER_OF, "OUT", Organization)

    @strawberry.field(description="Communities the person observes (幸福观察员).")
    async def observes(self, info: Info[Context, None]) -> list[AreaRef]:
        return await related_many(info, self.LABEL, self.key, Rel.OBSERVES, "OUT", AREA)

    @strawberry.field(description="The health station the person is stationed at.")
    async def station(self, info: Info[Context, None]) -> Station | None:
        return await related_one(info, self.LABEL, self.key, Rel.STATIONED_AT, "OUT", Station)

    @strawberry.field(description="Issues the person reported.")
    async def reported(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.REPORTED, "OUT", ISSUE)


@strawberry.type(description="A health station (健康驿站) of an oil and gas unit.")
class Station(relay.Node, Keyed):
    LABEL = Label.STATION

    key: relay.NodeID[str]
    name: str
    opened_on: dt.date | None = None
    round_the_clock: bool | None = None
    services: list[str] | None = None

    @strawberry.field(description="The unit that runs it.")
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        return await related_one(info, self.LABEL, self.key, Rel.PART_OF, "OUT", Organization)

    @strawberry.field(description="Staff stationed there.")
    async def staff(self, info: Info[Context, None]) -> list[Person]:
        return await related_many(info, self.LABEL, self.key, Rel.STATIONED_AT, "IN", Person)
