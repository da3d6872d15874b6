"""The Query root and the schema object."""

from __future__ import annotations

from functools import partial

import strawberry
from strawberry import Schema, relay
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types
from strawberry.types import Info

from graph.model import Label
from resolvers.access.principal import Action
from resolvers.browse import Order
from resolvers.paging import PageRequest
from resolvers.stats import graph_stats
from schema.analytics import AnalyticsQuery
from schema.area import Area, Category
from schema.audit import AuditQuery
from schema.connection import Connection
from schema.context import Context
from schema.coverage import CoverageQuery
from schema.errors import ErrorCodes, LoggedSchema
from schema.impact import ImpactQuery
from schema.inputs import (
    AreaFilter,
    IssueFilter,
    MeetingFilter,
    OrganizationFilter,
    PersonFilter,
    ProjectFilter,
    params_of,
)
from schema.intake import IntakeMutation, IntakeQuery
from schema.issue import Issue, RoutingRule, Whistle
from schema.meeting import Meeting, MeetingMutation
from schema.mutation import IssueMutation
from schema.order import (
    AreaOrder,
    IssueOrder,
    MeetingOrder,
    Offset,
    OrganizationOrder,
    PersonOrder,
    ProjectOrder,
    order_of,
)
from schema.organization import Organization, Person, Station
from schema.paging import paged
from schema.planning import PlanningQuery
from schema.plans import PlanMutation
from schema.project import Observation, Project, Site
from schema.reference import ReferenceMutation
from schema.registry import NODE_TYPES, resolve_node, resolve_nodes
from schema.relations import root_connection
from schema.routing import RoutingQuery
from schema.search import SearchQuery
from schema.stats import Stats
from schema.subscription import Subscription
from schema.suggestion import SuggestionMutation, SuggestionQuery
from schema.summary import SummaryQuery
from schema.visit import VisitMutation, VisitQuery
from schema.where import (
    AreaWhere,
    CategoryWhere,
    IssueWhere,
    MeetingWhere,
    ObservationWhere,
    OrganizationWhere,
    PersonWhere,
    ProjectWhere,
    RoutingRuleWhere,
    SiteWhere,
    StationWhere,
    WhistleWhere,
)

BY_NAME = Order("name")
NEWEST_FIRST = Order("reportedAt", ascending=False)


@strawberry.type
class BrowseQuery:
    @strawberry.field(description="Refetch any node by its global ID; null if it is gone.")
    async def node(self, info: Info[Context, None], id: relay.GlobalID) -> relay.Node | None:
        return await resolve_node(info, id)

    @strawberry.field(description="Refetch nodes by global IDs, in order; null where gone.")
    async def nodes(
        self, info: Info[Context, None], ids: list[relay.GlobalID]
    ) -> list[relay.Node | None]:
        return await resolve_nodes(info, ids)

    @strawberry.field(description="Counts of the graph: labels, relationships, headline facts.")
    async def stats(self, info: Info[Context, None]) -> Stats:
        return Stats.from_stats(await graph_stats(info.context.store))

    @paged("Organizations: units, companies, departments, ...")
    async def organizations(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: OrganizationFilter | None = None,
        order_by: list[OrganizationOrder] | None = None,
        offset: Offset = None,
        where: OrganizationWhere | None = None,
    ) -> Connection[Organization]:
        order = order_of(order_by, Order())
        filters = params_of(filter)
        return await root_connection(
            info, Organization, page, order, filters, where=where, offset=offset
        )

    @paged("People: observers, coordinators, staff, residents.")
    async def people(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: PersonFilter | None = None,
        order_by: list[PersonOrder] | None = None,
        offset: Offset = None,
        where: PersonWhere | None = None,
    ) -> Connection[Person]:
        order = order_of(order_by, Order())
        return await root_connection(
            info, Person, page, order, params_of(filter), where=where, offset=offset
        )

    @paged("The handed-over communities (移交小区).")
    async def communities(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: AreaFilter | None = None,
        order_by: list[AreaOrder] | None = None,
        offset: Offset = None,
        where: AreaWhere | None = None,
    ) -> Connection[Area]:
        order = order_of(order_by, Order())
        filters = params_of(filter)
        return await root_connection(
            info, Area, page, order, filters, Label.COMMUNITY, where=where, offset=offset
        )

    @paged("Every area: district, streets, communities, compounds.")
    async def areas(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: AreaFilter | None = None,
        order_by: list[AreaOrder] | None = None,
        offset: Offset = None,
        where: AreaWhere | None = None,
    ) -> Connection[Area]:
        order = order_of(order_by, Order())
        return await root_connection(
            info, Area, page, order, params_of(filter), where=where, offset=offset
        )

    @paged("Issues, newest first unless ordered otherwise.")
    async def issues(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: IssueFilter | None = None,
        order_by: list[IssueOrder] | None = None,
        offset: Offset = None,
        where: IssueWhere | None = None,
    ) -> Connection[Issue]:
        info.context.principal.require(Action.READ_ISSUES)
        order = order_of(order_by, NEWEST_FIRST)
        return await root_connection(
            info, Issue, page, order, params_of(filter), where=where, offset=offset
        )

    @paged("Projects: livelihood, relocation, renovation, service programs.")
    async def projects(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: ProjectFilter | None = None,
        order_by: list[ProjectOrder] | None = None,
        offset: Offset = None,
        where: ProjectWhere | None = None,
    ) -> Connection[Project]:
        order = order_of(order_by, Order())
        return await root_connection(
            info, Project, page, order, params_of(filter), where=where, offset=offset
        )

    @paged("Meetings, oldest first unless ordered otherwise.")
    async def meetings(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: MeetingFilter | None = None,
        order_by: list[MeetingOrder] | None = None,
        offset: Offset = None,
        where: MeetingWhere | None = None,
    ) -> Connection[Meeting]:
        order = order_of(order_by, Order("heldOn"))
        return await root_connection(
            info, Meeting, page, order, params_of(filter), where=where, offset=offset
        )

    @paged("Issue categories.")
    async def categories(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: CategoryWhere | None = None,
    ) -> Connection[Category]:
        return await root_connection(info, Category, page, Order(), {}, where=where)

    @paged("Routing rules: category × area → organizations.")
    async def routing_rules(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: RoutingRuleWhere | None = None,
    ) -> Connection[RoutingRule]:
        return await root_connection(info, RoutingRule, page, Order(), {}, where=where)

    @paged("Health stations (健康驿站).")
    async def stations(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: StationWhere | None = None,
    ) -> Connection[Station]:
        return await root_connection(info, Station, page, Order(), {}, where=where)

    @paged("Sites: factory compounds and new sites.")
    async def sites(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: SiteWhere | None = None,
    ) -> Connection[Site]:
        return await root_connection(info, Site, page, Order(), {}, where=where)

    @paged("Whistles blown (吹哨).")
    async def whistles(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: WhistleWhere | None = None,
    ) -> Connection[Whistle]:
        return await root_connection(info, Whistle, page, Order(), {}, where=where)

    @paged("Figures from the source documents, with their qualifiers.")
    async def observations(
        self,
        info: Info[Context, None],
        page: PageRequest,
        where: ObservationWhere | None = None,
    ) -> Connection[Observation]:
        return await root_connection(info, Observation, page, Order(), {}, where=where)


Query = merge_types(
    "Query",
    (
        BrowseQuery,
        RoutingQuery,
        SearchQuery,
        PlanningQuery,
        AnalyticsQuery,
        ImpactQuery,
        IntakeQuery,
        AuditQuery,
        SummaryQuery,
        SuggestionQuery,
        VisitQuery,
        CoverageQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        IssueMutation,
        ReferenceMutation,
        IntakeMutation,
        MeetingMutation,
        SuggestionMutation,
        VisitMutation,
        PlanMutation,
    ),
)


def build_schema(max_depth: int = 12, max_aliases: int = 30, max_tokens: int = 5000) -> Schema:
    """The schema, with the service's limits on query depth, aliases and size."""
    # The limiters make a new rule class per instance, and the rules are part of
    # ValidationCache's key: built per request, every request would miss and revalidate.
    limit_rules = [
        *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
    ]
    return LoggedSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(NODE_TYPES),
        # Factories, not instances: an extension holds its request's state while it runs.
        extensions=[
            ErrorCodes,
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            partial(AddValidationRules, limit_rules),
        ],
    )


schema = build_schema()
