"""A list's figures and groups: `issuesAggregate`, `issuesGroupBy` and their kin."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph.model import Label
from resolvers.access.principal import Action
from schema.aggregate import (
    AreaAggregate,
    AreaGroup,
    AreaGroupBy,
    IssueAggregate,
    IssueGroup,
    IssueGroupBy,
    MeetingAggregate,
    MeetingGroup,
    MeetingGroupBy,
    OrganizationAggregate,
    OrganizationGroup,
    OrganizationGroupBy,
    PersonAggregate,
    PersonGroup,
    PersonGroupBy,
    ProjectAggregate,
    ProjectGroup,
    ProjectGroupBy,
    SiteAggregate,
    SiteGroup,
    SiteGroupBy,
    SuggestionAggregate,
    SuggestionGroup,
    SuggestionGroupBy,
    VisitAggregate,
    VisitGroupBy,
    VisitRowGroup,
    figures_of,
    groups_of,
)
from schema.context import Context
from schema.inputs import (
    AreaFilter,
    IssueFilter,
    MeetingFilter,
    OrganizationFilter,
    PersonFilter,
    ProjectFilter,
    params_of,
)
from schema.suggestion import SuggestionFilter
from schema.visit import VisitFilter
from schema.where import (
    AreaWhere,
    IssueWhere,
    MeetingWhere,
    OrganizationWhere,
    PersonWhere,
    ProjectWhere,
    SiteWhere,
    SuggestionWhere,
    VisitWhere,
)

GROUPS_DOC = "The rows `{list}` would list, in groups, largest first (at most 500 groups)."
FIGURES_DOC = "Count, min, max, average and sum over the rows `{list}` would list."


@strawberry.type
class SummaryQuery:
    @strawberry.field(description=FIGURES_DOC.format(list="issues"))
    async def issues_aggregate(
        self,
        info: Info[Context, None],
        filter: IssueFilter | None = None,
        where: IssueWhere | None = None,
    ) -> IssueAggregate:
        info.context.principal.require(Action.READ_ISSUES)
        return await figures_of(info, Label.ISSUE, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="issues"))
    async def issues_group_by(
        self,
        info: Info[Context, None],
        by: IssueGroupBy,
        first: int = 20,
        filter: IssueFilter | None = None,
        where: IssueWhere | None = None,
    ) -> list[IssueGroup]:
        info.context.principal.require(Action.READ_ISSUES)
        return await groups_of(info, Label.ISSUE, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="organizations"))
    async def organizations_aggregate(
        self,
        info: Info[Context, None],
        filter: OrganizationFilter | None = None,
        where: OrganizationWhere | None = None,
    ) -> OrganizationAggregate:
        return await figures_of(info, Label.ORGANIZATION, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="organizations"))
    async def organizations_group_by(
        self,
        info: Info[Context, None],
        by: OrganizationGroupBy,
        first: int = 20,
        filter: OrganizationFilter | None = None,
        where: OrganizationWhere | None = None,
    ) -> list[OrganizationGroup]:
        return await groups_of(info, Label.ORGANIZATION, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="people"))
    async def people_aggregate(
        self,
        info: Info[Context, None],
        filter: PersonFilter | None = None,
        where: PersonWhere | None = None,
    ) -> PersonAggregate:
        return await figures_of(info, Label.PERSON, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="people"))
    async def people_group_by(
        self,
        info: Info[Context, None],
        by: PersonGroupBy,
        first: int = 20,
        filter: PersonFilter | None = None,
        where: PersonWhere | None = None,
    ) -> list[PersonGroup]:
        return await groups_of(info, Label.PERSON, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="areas"))
    async def areas_aggregate(
        self,
        info: Info[Context, None],
        filter: AreaFilter | None = None,
        where: AreaWhere | None = None,
    ) -> AreaAggregate:
        return await figures_of(info, Label.AREA, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="areas"))
    async def areas_group_by(
        self,
        info: Info[Context, None],
        by: AreaGroupBy,
        first: int = 20,
        filter: AreaFilter | None = None,
        where: AreaWhere | None = None,
    ) -> list[AreaGroup]:
        return await groups_of(info, Label.AREA, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="projects"))
    async def projects_aggregate(
        self,
        info: Info[Context, None],
        filter: ProjectFilter | None = None,
        where: ProjectWhere | None = None,
    ) -> ProjectAggregate:
        return await figures_of(info, Label.PROJECT, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="projects"))
    async def projects_group_by(
        self,
        info: Info[Context, None],
        by: ProjectGroupBy,
        first: int = 20,
        filter: ProjectFilter | None = None,
        where: ProjectWhere | None = None,
    ) -> list[ProjectGroup]:
        return await groups_of(info, Label.PROJECT, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="meetings"))
    async def meetings_aggregate(
        self,
        info: Info[Context, None],
        filter: MeetingFilter | None = None,
        where: MeetingWhere | None = None,
    ) -> MeetingAggregate:
        return await figures_of(info, Label.MEETING, params_of(filter), where)

    @strawberry.field(description=GROUPS_DOC.format(list="meetings"))
    async def meetings_group_by(
        self,
        info: Info[Context, None],
        by: MeetingGroupBy,
        first: int = 20,
        filter: MeetingFilter | None = None,
        where: MeetingWhere | None = None,
    ) -> list[MeetingGroup]:
        return await groups_of(info, Label.MEETING, by, first, params_of(filter), where)

    @strawberry.field(description=FIGURES_DOC.format(list="sites"))
    async def sites_aggregate(
        self, info: Info[Context, None], where: SiteWhere | None = None
    ) -> SiteAggregate:
        return await figures_of(info, Label.SITE, {}, where)

    @strawberry.field(description=GROUPS_DOC.format(list="sites"))
    async def sites_group_by(
        self,
        info: Info[Context, None],
        by: SiteGroupBy,
        first: int = 20,
        where: SiteWhere | None = None,
    ) -> list[SiteGroup]:
        return await groups_of(info, Label.SITE, by, first, {}, where)

    @strawberry.field(description=FIGURES_DOC.format(list="visits"))
    async def visits_aggregate(
        self,
        info: Info[Context, None],
        filter: VisitFilter | None = None,
        where: VisitWhere | None = None,
    ) -> VisitAggregate:
        filters = filter.params() if filter is not None else {}
        return await figures_of(info, Label.VISIT, filters, where)

    @strawberry.field(description=GROUPS_DOC.format(list="visits"))
    async def visits_group_by(
        self,
        info: Info[Context, None],
        by: VisitGroupBy,
        first: int = 20,
        filter: VisitFilter | None = None,
        where: VisitWhere | None = None,
    ) -> list[VisitRowGroup]:
        filters = filter.params() if filter is not None else {}
        return await groups_of(info, Label.VISIT, by, first, filters, where)

    @strawberry.field(description=FIGURES_DOC.format(list="suggestions"))
    async def suggestions_aggregate(
        self,
        info: Info[Context, None],
        filter: SuggestionFilter | None = None,
        where: SuggestionWhere | None = None,
    ) -> SuggestionAggregate:
        filters = filter.params() if filter is not None else {}
        return await figures_of(info, Label.SUGGESTION, filters, where)

    @strawberry.field(description=GROUPS_DOC.format(list="suggestions"))
    async def suggestions_group_by(
        self,
        info: Info[Context, None],
        by: SuggestionGroupBy,
        first: int = 20,
        filter: SuggestionFilter | None = None,
        where: SuggestionWhere | None = None,
    ) -> list[SuggestionGroup]:
        filters = filter.params() if filter is not None else {}
        return await groups_of(info, Label.SUGGESTION, by, first, filters, where)
