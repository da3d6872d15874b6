"""Coverage of regional units (每月一交流、每季一覆盖) and the figures visits come to."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label
from resolvers.visits import coverage as service
from resolvers.visits.period import Period
from schema.context import Context
from schema.node import NodeType, id_of

if TYPE_CHECKING:
    from schema.area import Area
    from schema.organization import Organization
    from schema.visit import VisitGroup

AreaRef = Annotated["Area", strawberry.lazy("schema.area")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
VisitGroupRef = Annotated["VisitGroup", strawberry.lazy("schema.visit")]

AREA: NodeType[Area] = NodeType(Label.AREA)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
VISIT_GROUP: NodeType[VisitGroup] = NodeType(Label.VISIT_GROUP)


@strawberry.input(
    description="A period: year and quarter, year and month, or from and to (both inclusive)."
)
class PeriodInput:
    year: int | None = None
    quarter: int | None = strawberry.field(default=None, description="1 to 4.")
    month: int | None = strawberry.field(default=None, description="1 to 12.")
    from_: dt.date | None = strawberry.field(default=None, name="from")
    to: dt.date | None = None

    def period(self) -> Period:
        """The service's period; BAD_USER_INPUT for a mixed or out-of-range one."""
        return Period.of(
            year=self.year, quarter=self.quarter, month=self.month, start=self.from_, last=self.to
        )


@strawberry.type(description="One community's regional units in the period.")
class CommunityCoverage:
    community_key: strawberry.Private[str | None]
    units: int = strawberry.field(description="Regional units located in it.")
    contacted: int = strawberry.field(description="Of them, reached by a visit made in the period.")
    uncovered_keys: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The community; null for units located in no community.")
    async def community(self, info: Info[Context, None]) -> AreaRef | None:
        if self.community_key is None:
            return None
        row = await info.context.loaders.nodes(Label.AREA).load(self.community_key)
        return AREA.from_row(row) if row is not None else None

    @strawberry.field(description="Its units no visit reached in the period.")
    async def uncovered(self, info: Info[Context, None]) -> list[OrganizationRef]:
        rows = await info.context.loaders.nodes(Label.ORGANIZATION).load_many(
            list(self.uncovered_keys)
        )
        return [ORGANIZATION.from_row(row) for row in rows if row is not None]


@strawberry.type(description="What one group's visits to regional units came to in the period.")
class GroupCoverage:
    group_key: strawberry.Private[str]
    visits: int
    contacted: int = strawberry.field(description="Distinct regional units it reached.")
    member_times: int = strawberry.field(description="Member-times (人次) of those visits.")

    @strawberry.field(description="The visit group.")
    async def group(self, info: Info[Context, None]) -> VisitGroupRef | None:
        row = await info.context.loaders.nodes(Label.VISIT_GROUP).load(self.group_key)
        return VISIT_GROUP.from_row(row) if row is not None else None


@strawberry.type(description="Which regional units (区域单位) visits reached in a period.")
class Coverage:
    from_: dt.date = strawberry.field(name="from")
    to: dt.date = strawberry.field(description="The period's last day.")
    units: int = strawberry.field(description="Regional units in scope.")
    contacted: int = strawberry.field(description="Reached by a visit (DONE) in the period.")
    uncovered: int = strawberry.field(description="Not reached.")
    rate: float | None = strawberry.field(description="contacted / units; null with no units.")
    by_community: list[CommunityCoverage]
    by_group: list[GroupCoverage]


@strawberry.type(description="What visits came to, as an office branch reports it.")
class VisitFigures:
    visits: int = strawberry.field(description="Visits made (走访次数).")
    member_times: int = strawberry.field(description="Member-times (参与人次).")
    suggestions: int = strawberry.field(description="Suggestions raised (征集意见建议).")
    problems: int = strawberry.field(description="Problems raised (issues no suggestion tracks).")
    solved: int = strawberry.field(description="Problems resolved or closed.")
    solved_on_the_spot: int = strawberry.field(description="Solved there and then (当场解决).")
    solved_within_deadline: int = strawberry.field(
        description="Brought back and solved by the deadline (限期解决)."
    )
    supervised: int = strawberry.field(description="Under supervision (督办).")
    overdue: int = strawberry.field(description="Open past their deadline.")


@strawberry.type
class CoverageQuery:
    @strawberry.field(
        description="Which regional units a visit made in the period reached and which not, "
        "per community and per visit group (每季一覆盖); within `area` when given."
    )
    async def coverage(
        self, info: Info[Context, None], period: PeriodInput, area: relay.GlobalID | None = None
    ) -> Coverage:
        answer = await service.coverage(
            info.context.store, period.period(), id_of(area, "Area", field="area")
        )
        return Coverage(
            from_=answer.period.start,
            to=answer.period.last,
            units=answer.units,
            contacted=answer.contacted,
            uncovered=answer.units - answer.contacted,
            rate=round(answer.contacted / answer.units, 4) if answer.units else None,
            by_community=[
                CommunityCoverage(
                    community_key=c.community,
                    units=c.units,
                    contacted=c.contacted,
                    uncovered_keys=c.uncovered,
                )
                for c in answer.communities
            ],
            by_group=[
                GroupCoverage(
                    group_key=g.group,
                    visits=g.visits,
                    contacted=g.contacted,
                    member_times=g.member_times,
                )
                for g in answer.groups
            ],
        )

    @strawberry.field(
        description="What the visits of an organization's groups (or one group's, or all) came "
        "to: visits, member-times, suggestions, problems and how they were solved."
    )
    async def visit_figures(
        self,
        info: Info[Context, None],
        organization: relay.GlobalID | None = None,
        group: relay.GlobalID | None = None,
        period: PeriodInput | None = None,
    ) -> VisitFigures:
        figures = await service.figures(
            info.context.store,
            organization=id_of(organization, "Organization", field="organization"),
            group=id_of(group, "VisitGroup", field="group"),
            period=period.period() if period is not None else None,
            now=info.context.clock(),
        )
        return VisitFigures(
            visits=figures.visits,
            member_times=figures.member_times,
            suggestions=figures.suggestions,
            problems=figures.problems,
            solved=figures.solved,
            solved_on_the_spot=figures.on_the_spot,
            solved_within_deadline=figures.within_deadline,
            supervised=figures.supervised,
            overdue=figures.overdue,
        )
