"""Areas (district, street, community, compound) and issue categories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import AreaLevel, Label, Rel
from resolvers.browse import Order
from resolvers.paging import PageRequest
from schema.connection import Connection
from schema.context import Context
from schema.inputs import IssueFilter, OrganizationFilter, params_of
from schema.node import Keyed, NodeType
from schema.order import IssueOrder, OrganizationOrder, order_of
from schema.paging import paged
from schema.relations import related_connection, related_many, related_one
from schema.where import IssueWhere, OrganizationWhere

if TYPE_CHECKING:
    from schema.issue import Issue
    from schema.organization import Organization, Person

IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.organization")]

# Built by label, so the type modules never import each other at run time.
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PERSON: NodeType[Person] = NodeType(Label.PERSON)
ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)


@strawberry.type(description="A district, street, community (小区) or compound.")
class Area(relay.Node, Keyed):
    LABEL = Label.AREA
    READS: ClassVar[Mapping[str, tuple[str, ...]] | None] = dict.fromkeys(
        ("parent", "children", "observers", "units", "issues"), ()
    )

    key: relay.NodeID[str]
    name: str
    level: AreaLevel | None = None
    lat: float | None = None
    lon: float | None = None
    households: int | None = None
    handed_over_on: dt.date | None = strawberry.field(
        default=None, description="When the enterprise handed the community over (移交)."
    )

    @strawberry.field(description="The area this one lies in.")
    async def parent(self, info: Info[Context, None]) -> Area | None:
        return await related_one(info, self.LABEL, self.key, Rel.PART_OF, "OUT", Area)

    @strawberry.field(description="Areas that lie in this one.")
    async def children(self, info: Info[Context, None]) -> list[Area]:
        return await related_many(info, self.LABEL, self.key, Rel.PART_OF, "IN", Area)

    @strawberry.field(description="The happiness observers (幸福观察员) of this community.")
    async def observers(self, info: Info[Context, None]) -> list[PersonRef]:
        return await related_many(info, self.LABEL, self.key, Rel.OBSERVES, "IN", PERSON)

    @paged("Organizations located here (regional units, schools, ...).")
    async def units(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: OrganizationFilter | None = None,
        order_by: list[OrganizationOrder] | None = None,
        where: OrganizationWhere | None = None,
    ) -> Connection[OrganizationRef]:
        return await related_connection(
            info,
            self.LABEL,
            self.key,
            Rel.LOCATED_IN,
            "IN",
            ORGANIZATION,
            page,
            order_of(order_by, Order()),
            params_of(filter),
            where,
        )

    @paged("Issues located here.")
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
            Rel.LOCATED_IN,
            "IN",
            ISSUE,
            page,
            order,
            params_of(filter),
            where,
        )


@strawberry.type(description="A kind of issue; categories form a tree.")
class Category(relay.Node, Keyed):
    LABEL = Label.CATEGORY

    key: relay.NodeID[str]
    name: str

    @strawberry.field(description="The broader category.")
    async def parent(self, info: Info[Context, None]) -> Category | None:
        return await related_one(info, self.LABEL, self.key, Rel.PART_OF, "OUT", Category)

    @strawberry.field(description="Narrower categories.")
    async def children(self, info: Info[Context, None]) -> list[Category]:
        return await related_many(info, self.LABEL, self.key, Rel.PART_OF, "IN", Category)
