"""Projects, sites, visits and the documents' figures (observations)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, ProjectKind, ProjectStatus, Qualifier, Rel, SiteKind
from resolvers.moves.progress import Progress, progress
from schema.context import Context
from schema.move import Milestone, Move, MoveProgress, move_facts
from schema.node import Keyed, NodeType, node_from_row
from schema.relations import related_many, related_matching, related_one
from schema.where import MoveWhere

if TYPE_CHECKING:
    from schema.area import Area
    from schema.issue import Issue
    from schema.meeting import Meeting
    from schema.organization import Organization

AreaRef = Annotated["Area", strawberry.lazy("schema.area")]
IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]

# Built by label, so the type modules never import each other at run time.
AREA: NodeType[Area] = NodeType(Label.AREA)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)
MEETING: NodeType[Meeting] = NodeType(Label.MEETING)

# Moves a filtered `moves` lists at most: a relocation plan holds tens of them.
MAX_MOVES = 1000


@strawberry.type(description="A livelihood, relocation, renovation project or service program.")
class Project(relay.Node, Keyed):
    LABEL = Label.PROJECT

    key: relay.NodeID[str]
    name: str
    kind: ProjectKind | None = None
    status: ProjectStatus | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    people_served: int | None = None
    motto: str | None = None

    @strawberry.field(description="The organization leading it.")
    async def led_by(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LED_BY, "OUT", ORGANIZATION)

    @strawberry.field(description="Where it takes place.")
    async def area(self, info: Info[Context, None]) -> AreaRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LOCATED_IN, "OUT", AREA)

    @strawberry.field(description="Communities it affects.")
    async def affects(self, info: Info[Context, None]) -> list[AreaRef]:
        return await related_many(info, self.LABEL, self.key, Rel.AFFECTS, "OUT", AREA)

    @strawberry.field(description="Its moves (relocation plan): unit, compound, site, status.")
    async def moves(self, info: Info[Context, None], where: MoveWhere | None = None) -> list[Move]:
        if where is None:
            moves = await related_many(info, self.LABEL, self.key, Rel.HAS_MOVE, "OUT", Move)
        else:
            moves = await related_matching(
                info, self.LABEL, self.key, Rel.HAS_MOVE, "OUT", Move, where, MAX_MOVES
            )
        return sorted(
            moves, key=lambda move: (move.moved_on or move.planned_on or dt.date.min, move.key)
        )

    @strawberry.field(description="Its milestones (节点), by due date.")
    async def milestones(self, info: Info[Context, None]) -> list[Milestone]:
        found = await related_many(info, self.LABEL, self.key, Rel.HAS_MILESTONE, "OUT", Milestone)
        return sorted(found, key=lambda milestone: (milestone.due_on or dt.date.max, milestone.key))

    @strawberry.field(description="How far its moves have come: units, moves, days and land.")
    async def progress(self, info: Info[Context, None]) -> MoveProgress:
        facts = await move_facts(info, self.key)
        return MoveProgress.of(progress(self.start_date, self.end_date, facts))

    @strawberry.field(description="Meetings about it.")
    async def meetings(self, info: Info[Context, None]) -> list[MeetingRef]:
        meetings = await related_many(info, self.LABEL, self.key, Rel.ABOUT, "IN", MEETING)
        return sorted(meetings, key=lambda meeting: (meeting.held_on or dt.date.min, meeting.key))

    @strawberry.field(description="Figures the documents give about it.")
    async def observations(self, info: Info[Context, None]) -> list[Observation]:
        return await related_many(info, self.LABEL, self.key, Rel.ABOUT, "IN", Observation)

    @strawberry.field(description="Days from start to end; null while either date is missing.")
    def days_taken(self) -> int | None:
        if self.start_date is None or self.end_date is None:
            return None
        return (self.end_date - self.start_date).days

    @strawberry.field(description="Compounds (厂矿大院) it relocated: its DONE moves.")
    async def compounds_relocated(self, info: Info[Context, None]) -> int:
        return (await self._progress(info)).moves_done

    @strawberry.field(description="Land its DONE moves freed, in mu (亩).")
    async def land_freed_mu(self, info: Info[Context, None]) -> float:
        return (await self._progress(info)).land_freed_mu

    @strawberry.field(description="Units (直属单位) it relocated: every move of them DONE.")
    async def units_relocated(self, info: Info[Context, None]) -> int:
        return (await self._progress(info)).units_moved

    @strawberry.field(description="How many meetings were about it.")
    async def meeting_count(self, info: Info[Context, None]) -> int:
        loader = info.context.loaders.related(self.LABEL, Rel.ABOUT, "IN", Label.MEETING)
        return len(await loader.load(self.key))

    async def _progress(self, info: Info[Context, None]) -> Progress:
        # The same loaders as `moves` and `progress`, so asking for all costs two queries.
        return progress(self.start_date, self.end_date, await move_facts(info, self.key))


@strawberry.type(description="A place on the map: a factory compound (厂矿大院) or a new site.")
class Site(relay.Node, Keyed):
    LABEL = Label.SITE

    key: relay.NodeID[str]
    name: str
    kind: SiteKind | None = None
    lat: float | None = None
    lon: float | None = None
    land_mu: float | None = strawberry.field(default=None, description="Land area in mu (亩).")

    @strawberry.field(description="The unit that owns it.")
    async def owner(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.OWNED_BY, "OUT", ORGANIZATION)

    @strawberry.field(description="The area it lies in.")
    async def area(self, info: Info[Context, None]) -> AreaRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LOCATED_IN, "OUT", AREA)


@strawberry.type(description="A figure from a source document, with how it bounds the truth.")
class Observation(relay.Node, Keyed):
    LABEL = Label.OBSERVATION

    key: relay.NodeID[str]
    indicator: str
    label: str | None = None
    value: float
    qualifier: Qualifier
    unit: str | None = None
    source: str | None = strawberry.field(default=None, description="The source document.")

    @strawberry.field(description="The figure as the document states it, e.g. '370+' or '<1000'.")
    def display(self) -> str:
        number = str(int(self.value)) if self.value.is_integer() else f"{self.value:,}"
        suffix = {Qualifier.AT_LEAST: "+", Qualifier.LESS_THAN: "", Qualifier.EXACT: ""}
        prefix = {Qualifier.LESS_THAN: "<", Qualifier.APPROX: "~"}
        return f"{prefix.get(self.qualifier, '')}{number}{suffix.get(self.qualifier, '')}"

    @strawberry.field(description="What the figure is about.")
    async def about(self, info: Info[Context, None]) -> relay.Node | None:
        rows = await info.context.loaders.related(self.LABEL, Rel.ABOUT, "OUT").load(self.key)
        return node_from_row(rows[0]) if rows else None
