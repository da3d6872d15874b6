"""Relocation plans: a project's moves and milestones, and the progress derived from the moves."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, MoveStatus, Rel
from resolvers.moves.progress import MoveFacts, Progress
from schema.context import Context
from schema.node import Keyed, NodeType
from schema.relations import related_one

if TYPE_CHECKING:
    from schema.organization import Organization
    from schema.project import Project, Site

OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]
ProjectRef = Annotated["Project", strawberry.lazy("schema.project")]
SiteRef = Annotated["Site", strawberry.lazy("schema.project")]

ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)
PROJECT: NodeType[Project] = NodeType(Label.PROJECT)
SITE: NodeType[Site] = NodeType(Label.SITE)


@strawberry.type(description="One unit's move from a factory compound to a new site.")
class Move(relay.Node, Keyed):
    LABEL = Label.MOVE

    key: relay.NodeID[str]
    status: MoveStatus | None = None
    planned_on: dt.date | None = strawberry.field(default=None, description="When it is planned.")
    moved_on: dt.date | None = strawberry.field(
        default=None, description="When it was actually done; set only once DONE."
    )
    land_mu: float | None = strawberry.field(
        default=None, description="The land (亩) it frees: its compound's."
    )
    note: str | None = strawberry.field(default=None, description="A note; why, when BLOCKED.")

    @strawberry.field(description="The unit that moves.")
    async def unit(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.MOVES, "OUT", ORGANIZATION)

    @strawberry.field(name="from", description="The factory compound (厂矿大院) it leaves.")
    async def compound(self, info: Info[Context, None]) -> SiteRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.FROM_SITE, "OUT", SITE)

    @strawberry.field(name="to", description="The new site it moves to.")
    async def site(self, info: Info[Context, None]) -> SiteRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.TO_SITE, "OUT", SITE)

    @strawberry.field(description="The project it belongs to.")
    async def project(self, info: Info[Context, None]) -> ProjectRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.HAS_MOVE, "IN", PROJECT)


@strawberry.type(description="A milestone (节点) of a project: due on a day, reached or not.")
class Milestone(relay.Node, Keyed):
    LABEL = Label.MILESTONE

    key: relay.NodeID[str]
    title: str
    due_on: dt.date | None = None
    reached_on: dt.date | None = None


@strawberry.type(description="How far a plan has come, derived from its moves (never typed in).")
class MoveProgress:
    units_moved: int = strawberry.field(description="Units every move of which is DONE.")
    units_total: int = strawberry.field(description="Units the plan moves.")
    moves_done: int
    moves_total: int
    days_used: int | None = strawberry.field(
        description="Days from the project's start to its latest actual move."
    )
    days_planned: int | None = strawberry.field(
        description="Days from the project's start to its planned end."
    )
    land_freed_mu: float = strawberry.field(description="Land (亩) its DONE moves freed.")
    land_total_mu: float = strawberry.field(description="Land (亩) all its moves free.")
    blocked_keys: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, figures: Progress) -> MoveProgress:
        """The GraphQL value of derived progress."""
        return cls(
            units_moved=figures.units_moved,
            units_total=figures.units_total,
            moves_done=figures.moves_done,
            moves_total=figures.moves_total,
            days_used=figures.days_used,
            days_planned=figures.days_planned,
            land_freed_mu=figures.land_freed_mu,
            land_total_mu=figures.land_total_mu,
            blocked_keys=figures.blocked,
        )

    @strawberry.field(description="Moves that are BLOCKED, with their notes saying why.")
    async def blocked(self, info: Info[Context, None]) -> list[Move]:
        rows = await info.context.loaders.nodes(Label.MOVE).load_many(list(self.blocked_keys))
        return [Move.from_row(row) for row in rows if row is not None]


async def move_facts(info: Info[Context, None], project: str) -> list[MoveFacts]:
    """A project's moves with their units, through the request's loaders (two batched reads)."""
    loaders = info.context.loaders
    moves = await loaders.related(Label.PROJECT, Rel.HAS_MOVE, "OUT", Label.MOVE).load(project)
    units = await loaders.related(Label.MOVE, Rel.MOVES, "OUT", Label.ORGANIZATION).load_many(
        [move["key"] for move in moves]
    )
    return [
        MoveFacts(
            key=move["key"],
            status=move.get("status"),
            moved_on=move.get("movedOn"),
            land_mu=move.get("landMu"),
            unit=found[0]["key"] if found else None,
        )
        for move, found in zip(moves, units, strict=True)
    ]
