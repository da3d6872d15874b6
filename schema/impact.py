"""Impact for leaders: the hotline "three rates" per group, rankings, volumes, project reach."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Channel, ProjectKind
from resolvers import impact as domain
from resolvers.errors import BadUserInput
from resolvers.lifecycle import SATISFIED_FROM
from schema.area import Area
from schema.context import Context
from schema.enums import OrderDirection
from schema.node import key_of, node_from_row
from schema.organization import Organization
from schema.paging import page_size
from schema.project import Observation, Project

From = Annotated[
    dt.datetime | None,
    strawberry.argument(name="from", description="Count issues reported at or after this."),
]
To = Annotated[
    dt.datetime | None, strawberry.argument(description="Count issues reported before this.")
]

strawberry.enum(
    domain.Scope,
    name="ImpactScope",
    description=(
        "How issues are grouped. COMMUNITY: the handed-over community the issue is LOCATED_IN, "
        "directly or through PART_OF. ORGANIZATION: the organization it is ASSIGNED_TO as LEAD. "
        "CATEGORY: its own category, not rolled up. ROOT_CATEGORY: the root of its category "
        "tree. MONTH: the calendar month of reportedAt in Asia/Shanghai. Issues without such a "
        "group (no community, no lead) are left out."
    ),
)
strawberry.enum(
    domain.Metric,
    name="ImpactMetric",
    description="A rate to rank by; each is defined on the ImpactGroup field of the same name.",
)


@strawberry.enum(description="What a ranking ranks.")
class RankScope(Enum):
    COMMUNITY = "COMMUNITY"
    ORGANIZATION = "ORGANIZATION"


@strawberry.type(description="A share with the counts behind it, so '1 of 1' shows as such.")
class Rate:
    value: float | None = strawberry.field(
        description="numerator / denominator, in [0, 1]; null when the denominator is 0."
    )
    numerator: int
    denominator: int

    @classmethod
    def of(cls, rate: domain.Rate) -> Rate:
        """Build from the domain record."""
        return cls(value=rate.value, numerator=rate.numerator, denominator=rate.denominator)


@strawberry.type(
    description=(
        "One group's issues reported in the window and its rates. Every rate counts only valid "
        "issues: those not REJECTED, DUPLICATE or REFERRED_OUT."
    )
)
class ImpactGroup:
    group: strawberry.Private[domain.GroupImpact]

    @strawberry.field(
        description="Key of the community, organization or category; YYYY-MM for a month."
    )
    def key(self) -> str:
        return self.group.key

    @strawberry.field(description="Its name, or YYYY-MM for a month.")
    def name(self) -> str:
        return self.group.name

    @strawberry.field(
        description="The community (Area), organization or category; null for a month."
    )
    def node(self) -> relay.Node | None:
        return node_from_row(self.group.node) if self.group.node is not None else None

    @strawberry.field(description="The first day of the month, when grouped by month.")
    def month(self) -> dt.date | None:
        return self.group.month

    @strawberry.field(description="Issues reported in the window, whatever became of them.")
    def received(self) -> int:
        return self.group.received

    @strawberry.field(
        description="Received issues less the REJECTED, DUPLICATE and REFERRED_OUT ones."
    )
    def valid(self) -> int:
        return self.group.valid

    @strawberry.field(
        description=(
            "响应率: issues responded to (respondedAt) at or before their response deadline "
            "(responseDueAt) / issues with a response deadline that were responded to or whose "
            "deadline has passed. Issues never dispatched have no deadline and do not count; "
            "issues still inside their deadline wait."
        )
    )
    def response_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.RESPONSE_RATE))

    @strawberry.field(
        description=(
            "解决率: issues now RESOLVED or CLOSED / evaluated issues, i.e. all valid issues "
            "except those still open inside their resolution deadline (extendedTo, else "
            "resolveDueAt). An open issue past its deadline, or without one, counts as unresolved."
        )
    )
    def resolution_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.RESOLUTION_RATE))

    @strawberry.field(
        description=(
            f"满意率: issues rated {SATISFIED_FROM} or more on the 1–5 scale (满意 and "
            "基本满意; the rating that closes an issue rather than reopening it) / issues with "
            "a rating. The latest rating counts."
        )
    )
    def satisfaction_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.SATISFACTION_RATE))

    @strawberry.field(
        description=(
            "RESOLVED or CLOSED issues whose resolvedAt is at or before their deadline "
            "(extendedTo wins over resolveDueAt) / RESOLVED or CLOSED issues with a deadline."
        )
    )
    def on_time_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.ON_TIME_RATE))

    @strawberry.field(
        description=(
            "Issues reopened at least once (reopenCount > 0) / issues resolved at least once "
            "(RESOLVED or CLOSED now, or reopened since). Lower is better."
        )
    )
    def reopen_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.REOPEN_RATE))

    @strawberry.field(
        description=(
            "吹哨率: issues with at least one Whistle ABOUT them / valid issues. Too low means "
            "the mechanism goes unused; too high, that routine handling fails."
        )
    )
    def whistle_rate(self) -> Rate:
        return Rate.of(self.group.rate(domain.Metric.WHISTLE_RATE))


@strawberry.type(description="A group's place in a ranking by one rate.")
class RankEntry:
    entry: strawberry.Private[domain.Ranked]

    @strawberry.field(description="1 for the best; ties go to the larger group, then by name.")
    def rank(self) -> int:
        return self.entry.rank

    @strawberry.field(description="The rate ranked by, with its counts.")
    def rate(self) -> Rate:
        return Rate.of(self.entry.rate)

    @strawberry.field(description="The community (Area) or organization.")
    def node(self) -> relay.Node | None:
        group = self.entry.group
        return node_from_row(group.node) if group.node is not None else None

    @strawberry.field(description="Every rate of the group, for context.")
    def group(self) -> ImpactGroup:
        return ImpactGroup(group=self.entry.group)


@strawberry.type(description="Issues of one year and channel; null where not broken down.")
class VolumeRow:
    year: int | None = strawberry.field(description="Calendar year of reportedAt, Beijing time.")
    channel: Channel | None
    issues: int


@strawberry.type(description="Issue counts over time, beside the documents' own hotline figures.")
class IssueVolume:
    rows: list[VolumeRow]
    observations: list[Observation] = strawberry.field(
        description="The documents' figures on hotline volume, each with its qualifier."
    )

    @classmethod
    def of(cls, volume: domain.IssueVolume) -> IssueVolume:
        """Build from the domain record."""
        return cls(
            rows=[VolumeRow(year=r.year, channel=r.channel, issues=r.issues) for r in volume.rows],
            observations=Observation.from_rows(volume.observations),
        )


@strawberry.type(description="Whom a project reached, and what the documents say about it.")
class ProjectImpact:
    project: Project
    people_served: int | None = strawberry.field(description="People served, as recorded.")
    communities_affected: int
    communities: list[Area] = strawberry.field(description="Communities it AFFECTS.")
    units_involved: int
    units: list[Organization] = strawberry.field(
        description=(
            "Organizations involved: its lead, the owners of the compounds it relocates and "
            "the attendees of meetings about it."
        )
    )
    observations: list[Observation] = strawberry.field(
        description="Figures about it; read `display` ('370+', '<1000', '~1000'), never bare."
    )

    @classmethod
    def of(cls, reach: domain.ProjectImpact) -> ProjectImpact:
        """Build from the domain record."""
        return cls(
            project=Project.from_row(reach.project),
            people_served=reach.people_served,
            communities_affected=len(reach.communities),
            communities=Area.from_rows(reach.communities),
            units_involved=len(reach.units),
            units=Organization.from_rows(reach.units),
            observations=Observation.from_rows(reach.observations),
        )


_ID_TYPES = {
    domain.Scope.COMMUNITY: "Area",
    domain.Scope.ORGANIZATION: "Organization",
    domain.Scope.CATEGORY: "Category",
    domain.Scope.ROOT_CATEGORY: "Category",
}


def _keys(scope: domain.Scope, ids: list[relay.GlobalID] | None) -> list[str] | None:
    if ids is None:
        return None
    if scope not in _ID_TYPES:
        raise BadUserInput("ids name communities, organizations or categories", field="ids")
    return [key_of(gid, _ID_TYPES[scope], field="ids") or "" for gid in ids]


def _ascending(order: OrderDirection | None) -> bool | None:
    return None if order is None else order is OrderDirection.ASC


async def _impact(
    info: Info[Context, None],
    scope: domain.Scope,
    window: domain.Window,
    ids: list[relay.GlobalID] | None,
) -> list[ImpactGroup]:
    groups = await domain.impact(
        info.context.store,
        scope,
        window=window,
        now=info.context.clock(),
        ids=_keys(scope, ids),
    )
    return [ImpactGroup(group=group) for group in groups]


async def _ranking(
    info: Info[Context, None],
    metric: domain.Metric,
    scope: RankScope,
    window: domain.Window,
    min_volume: int,
    first: int,
    order: OrderDirection | None,
) -> list[RankEntry]:
    entries = await domain.ranking(
        info.context.store,
        metric,
        domain.Scope(scope.value),
        window=window,
        now=info.context.clock(),
        min_volume=min_volume,
        limit=page_size(info, first),
        ascending=_ascending(order),
    )
    return [RankEntry(entry=entry) for entry in entries]


async def _volume(
    info: Info[Context, None],
    window: domain.Window,
    by_year: bool,
    by_channel: bool,
    all_channels: bool,
) -> IssueVolume:
    volume = await domain.issue_volume(
        info.context.store,
        window=window,
        by_year=by_year,
        by_channel=by_channel,
        channels=None if all_channels else [Channel.HOTLINE],
    )
    return IssueVolume.of(volume)


@strawberry.type
class ImpactQuery:
    @strawberry.field(description="The three rates and their companions per group, with counts.")
    async def impact(
        self,
        info: Info[Context, None],
        scope: domain.Scope,
        from_: From = None,
        to: To = None,
        ids: Annotated[
            list[relay.GlobalID] | None,
            strawberry.argument(description="Only these communities, organizations or categories."),
        ] = None,
    ) -> list[ImpactGroup]:
        return await _impact(info, scope, domain.Window(from_, to), ids)

    @strawberry.field(
        description="Groups by a rate, best first (reopen lowest, whistle highest), above a volume."
    )
    async def ranking(
        self,
        info: Info[Context, None],
        metric: domain.Metric,
        scope: RankScope,
        min_volume: Annotated[
            int, strawberry.argument(description="Least denominator a group needs to rank.")
        ] = 30,
        from_: From = None,
        to: To = None,
        first: int = 10,
        order: Annotated[
            OrderDirection | None,
            strawberry.argument(description="Override the metric's best-first direction."),
        ] = None,
    ) -> list[RankEntry]:
        window = domain.Window(from_, to)
        return await _ranking(info, metric, scope, window, min_volume, first, order)

    @strawberry.field(description="Issues per year (Beijing time) and channel, with the figures.")
    async def hotline_volume(
        self,
        info: Info[Context, None],
        by_year: bool = True,
        by_channel: bool = False,
        all_channels: Annotated[
            bool, strawberry.argument(description="Count every channel, not only HOTLINE.")
        ] = False,
        from_: From = None,
        to: To = None,
    ) -> IssueVolume:
        window = domain.Window(from_, to)
        return await _volume(info, window, by_year, by_channel, all_channels)

    @strawberry.field(description="People served, communities, units and figures per project.")
    async def project_impact(
        self,
        info: Info[Context, None],
        kinds: Annotated[
            list[ProjectKind] | None,
            strawberry.argument(description="LIVELIHOOD and SERVICE_PROGRAM when omitted."),
        ] = None,
        first: int = 50,
    ) -> list[ProjectImpact]:
        reach = await domain.project_impact(info.context.store, kinds, limit=page_size(info, first))
        return [ProjectImpact.of(r) for r in reach]
