"""Projects, sites, meetings, visits and the documents' figures (observations)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, MeetingKind, ProjectKind, ProjectStatus, Qualifier, Rel, SiteKind
from graph.records import Node
from schema.context import Context
from schema.node import Keyed, NodeType, node_from_row
from schema.relations import related_many, related_one

if TYPE_CHECKING:
    from schema.area import Area
    from schema.issue import Issue
    from schema.organization import Organization, Person

AreaRef = Annotated["Area", strawberry.lazy("schema.area")]
IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.organization")]

# Built by label, so the type modules never import each other at run time.
AREA: NodeType[Area] = NodeType(Label.AREA)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PERSON: NodeType[Person] = NodeType(Label.PERSON)
ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)


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

    @strawberry.field(description="Compounds it relocated: from where, to where, when.")
    async def relocations(self, info: Info[Context, None]) -> list[Relocation]:
        loader = info.context.loaders.related(self.LABEL, Rel.RELOCATES, "OUT", Label.SITE)
        moves = [
            Relocation(
                compound=Site.from_row(row),
                moved_on=row["_rel"].get("movedOn"),
                to_site_key=row["_rel"].get("toSite"),
            )
            for row in await loader.load(self.key)
        ]
        return sorted(moves, key=lambda move: (move.moved_on or dt.date.min, move.compound.key))

    @strawberry.field(description="Meetings about it.")
    async def meetings(self, info: Info[Context, None]) -> list[Meeting]:
        meetings = await related_many(info, self.LABEL, self.key, Rel.ABOUT, "IN", Meeting)
        return sorted(meetings, key=lambda meeting: (meeting.held_on or dt.date.min, meeting.key))

    @strawberry.field(description="Figures the documents give about it.")
    async def observations(self, info: Info[Context, None]) -> list[Observation]:
        return await related_many(info, self.LABEL, self.key, Rel.ABOUT, "IN", Observation)

    @strawberry.field(description="Days from start to end; null while either date is missing.")
    def days_taken(self) -> int | None:
        if self.start_date is None or self.end_date is None:
            return None
        return (self.end_date - self.start_date).days

    @strawberry.field(description="Compounds (厂矿大院) it relocated.")
    async def compounds_relocated(self, info: Info[Context, None]) -> int:
        return len(await self._compounds(info))

    @strawberry.field(description="Land the relocated compounds freed, in mu (亩).")
    async def land_freed_mu(self, info: Info[Context, None]) -> float:
        # Rounded: the sum of one-decimal areas picks up binary floating-point noise.
        return round(sum(row.get("landMu") or 0.0 for row in await self._compounds(info)), 2)

    @strawberry.field(description="Units (直属单位) whose compounds it relocated.")
    async def units_relocated(self, info: Info[Context, None]) -> int:
        compounds = [row["key"] for row in await self._compounds(info)]
        loader = info.context.loaders.related(Label.SITE, Rel.OWNED_BY, "OUT", Label.ORGANIZATION)
        owners = await loader.load_many(compounds)
        return len({owner["key"] for found in owners for owner in found})

    @strawberry.field(description="How many meetings were about it.")
    async def meeting_count(self, info: Info[Context, None]) -> int:
        loader = info.context.loaders.related(self.LABEL, Rel.ABOUT, "IN", Label.MEETING)
        return len(await loader.load(self.key))

    async def _compounds(self, info: Info[Context, None]) -> list[Node]:
        # The same loader as `relocations`, so asking for both costs one query.
        loader = info.context.loaders.related(self.LABEL, Rel.RELOCATES, "OUT", Label.SITE)
        return await loader.load(self.key)


@strawberry.type(description="One compound moved by a relocation project.")
class Relocation:
    compound: Site
    moved_on: dt.date | None
    to_site_key: strawberry.Private[str | None]

    @strawberry.field(description="Where the unit moved to.")
    async def to_site(self, info: Info[Context, None]) -> Site | None:
        if self.to_site_key is None:
            return None
        row = await info.context.loaders.nodes(Label.SITE).load(self.to_site_key)
        return Site.from_row(row) if row is not None else None


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


@strawberry.type(description="A joint meeting (联席会), forum or coordination meeting.")
class Meeting(relay.Node, Keyed):
    LABEL = Label.MEETING

    key: relay.NodeID[str]
    title: str
    kind: MeetingKind | None = None
    held_on: dt.date | None = None
    decision: str | None = None

    @strawberry.field(description="Organizations that attended.")
    async def attendees(self, info: Info[Context, None]) -> list[OrganizationRef]:
        return await related_many(info, self.LABEL, self.key, Rel.ATTENDED_BY, "OUT", ORGANIZATION)

    @strawberry.field(description="Projects it was about.")
    async def projects(self, info: Info[Context, None]) -> list[Project]:
        return await related_many(info, self.LABEL, self.key, Rel.ABOUT, "OUT", Project)

    @strawberry.field(description="Issues it resolved.")
    async def resolved_issues(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.RESOLVED, "OUT", ISSUE)


@strawberry.type(description="A visit group (走访小组), led by a leadership member.")
class VisitGroup(relay.Node, Keyed):
    LABEL = Label.VISIT_GROUP

    key: relay.NodeID[str]
    name: str
    cadence: str | None = None
    programme: str | None = None

    @strawberry.field(description="Its leader.")
    async def leader(self, info: Info[Context, None]) -> PersonRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.LED_BY, "OUT", PERSON)

    @strawberry.field(description="Visits it made.")
    async def visits(self, info: Info[Context, None]) -> list[Visit]:
        return await related_many(info, self.LABEL, self.key, Rel.CONDUCTED_BY, "IN", Visit)


@strawberry.type(description="A visit to the frontline; problems found are solved or brought back.")
class Visit(relay.Node, Keyed):
    LABEL = Label.VISIT

    key: relay.NodeID[str]
    visited_on: dt.date | None = None
    member_count: int | None = None
    summary: str | None = None

    @strawberry.field(description="The group that made it.")
    async def group(self, info: Info[Context, None]) -> VisitGroup | None:
        return await related_one(info, self.LABEL, self.key, Rel.CONDUCTED_BY, "OUT", VisitGroup)

    @strawberry.field(description="The organization visited.")
    async def visited(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.VISITED, "OUT", ORGANIZATION)

    @strawberry.field(description="Issues raised during it.")
    async def issues(self, info: Info[Context, None]) -> list[IssueRef]:
        return await related_many(info, self.LABEL, self.key, Rel.RAISED_DURING, "IN", ISSUE)


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
