"""Planners' mutations: a project's moves (plan, update, remove) and milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, MoveStatus
from resolvers.access.principal import Action
from resolvers.errors import BadUserInput
from resolvers.moves.milestones import MilestoneInput, set_milestone
from resolvers.moves.plans import MoveEdit, MovePlan, plan_move, remove_move, update_move
from schema.context import Context
from schema.move import Milestone, Move
from schema.node import key_of
from schema.payload import UserError

ClientKey = strawberry.field(
    default=None,
    description="Any unique string from the client for this change: a retry with the same "
    "clientKey (say, after a lost answer) writes nothing and answers what the first made.",
)


@strawberry.input(description="A unit's move to plan: from its compound to a new site.")
class PlanMoveInput:
    project: relay.GlobalID = strawberry.field(description="A relocation or renovation project.")
    unit: relay.GlobalID = strawberry.field(description="The Organization that moves.")
    compound: relay.GlobalID = strawberry.field(
        name="from", description="The unit's factory compound (厂矿大院) it leaves."
    )
    site: relay.GlobalID = strawberry.field(name="to", description="The new site it moves to.")
    planned_on: dt.date
    land_mu: float | None = strawberry.field(
        default=None, description="The land (亩) it frees; the compound's when left out."
    )
    note: str | None = None
    client_key: str | None = ClientKey


@strawberry.input(description="Changes to a move; a value left out stays as it is.")
class UpdateMoveInput:
    move: relay.GlobalID
    status: MoveStatus | None = strawberry.field(
        default=None,
        description="DONE needs movedOn; BLOCKED needs a note saying why. A move taken back "
        "from DONE loses its actual date.",
    )
    planned_on: dt.date | None = None
    moved_on: dt.date | None = strawberry.field(
        default=None, description="When it actually happened: only for a DONE move."
    )
    land_mu: float | None = None
    note: str | None = strawberry.field(default=None, description="An empty note clears it.")
    client_key: str | None = ClientKey


@strawberry.input(description="A milestone to add to a project, or one of its own to change.")
class SetMilestoneInput:
    project: relay.GlobalID
    milestone: relay.GlobalID | None = strawberry.field(
        default=None, description="The milestone to change; left out, a new one is added."
    )
    title: str
    due_on: dt.date | None = None
    reached_on: dt.date | None = None
    client_key: str | None = ClientKey


@strawberry.type(description="The move after the change, or why nothing was written.")
class MovePayload:
    move: Move | None
    user_errors: list[UserError]


@strawberry.type(description="The ID of the move removed, or why nothing was removed.")
class RemoveMovePayload:
    removed_move_id: relay.GlobalID | None
    user_errors: list[UserError]


@strawberry.type(description="The milestone after the change, or why nothing was written.")
class MilestonePayload:
    milestone: Milestone | None
    user_errors: list[UserError]


@strawberry.type
class PlanMutation:
    @strawberry.mutation(description="Plan a unit's move in a project. Planners and admins.")
    async def plan_move(self, info: Info[Context, None], input: PlanMoveInput) -> MovePayload:
        context = info.context
        context.principal.require(Action.PLAN_PROJECTS)

        async def change() -> str:
            plan = MovePlan(
                project=_key(input.project, "Project", "project"),
                unit=_key(input.unit, "Organization", "unit"),
                compound=_key(input.compound, "Site", "from"),
                site=_key(input.site, "Site", "to"),
                planned_on=input.planned_on,
                land_mu=input.land_mu,
                note=input.note,
            )
            return await plan_move(
                context.store,
                context.principal,
                plan,
                client_key=input.client_key,
                clock=context.clock,
            )

        return await _move_payload(info, change)

    @strawberry.mutation(
        description="Change a move's status, dates, land or note. Planners and admins."
    )
    async def update_move(self, info: Info[Context, None], input: UpdateMoveInput) -> MovePayload:
        context = info.context
        context.principal.require(Action.PLAN_PROJECTS)

        async def change() -> str:
            edit = MoveEdit(
                status=input.status,
                planned_on=input.planned_on,
                moved_on=input.moved_on,
                land_mu=input.land_mu,
                note=input.note,
            )
            return await update_move(
                context.store,
                context.principal,
                _key(input.move, "Move", "move"),
                edit,
                client_key=input.client_key,
                clock=context.clock,
            )

        return await _move_payload(info, change)

    @strawberry.mutation(description="Remove a move that is not DONE. Planners and admins.")
    async def remove_move(
        self, info: Info[Context, None], move: relay.GlobalID, client_key: str | None = None
    ) -> RemoveMovePayload:
        context = info.context
        context.principal.require(Action.PLAN_PROJECTS)
        try:
            key = await remove_move(
                context.store,
                context.principal,
                _key(move, "Move", "move"),
                client_key=client_key,
                clock=context.clock,
            )
        except BadUserInput as error:
            return RemoveMovePayload(removed_move_id=None, user_errors=[UserError.of(error)])
        context.loaders.clear_all()
        return RemoveMovePayload(removed_move_id=relay.GlobalID("Move", key), user_errors=[])

    @strawberry.mutation(
        description="Add a milestone to a project, or change one of its own. Planners and admins."
    )
    async def set_milestone(
        self, info: Info[Context, None], input: SetMilestoneInput
    ) -> MilestonePayload:
        context = info.context
        context.principal.require(Action.PLAN_PROJECTS)
        try:
            milestone = MilestoneInput(
                project=_key(input.project, "Project", "project"),
                title=input.title,
                due_on=input.due_on,
                reached_on=input.reached_on,
                key=key_of(input.milestone, "Milestone", field="milestone"),
            )
            key = await set_milestone(
                context.store,
                context.principal,
                milestone,
                client_key=input.client_key,
                clock=context.clock,
            )
        except BadUserInput as error:
            return MilestonePayload(milestone=None, user_errors=[UserError.of(error)])
        context.loaders.clear_all()
        row = await context.loaders.nodes(Label.MILESTONE).load(key)
        found = Milestone.from_row(row) if row is not None else None
        return MilestonePayload(milestone=found, user_errors=[])


def _key(global_id: relay.GlobalID, type_name: str, field: str) -> str:
    key = key_of(global_id, type_name, field=field)
    assert key is not None
    return key


async def _move_payload(
    info: Info[Context, None], change: Callable[[], Awaitable[str]]
) -> MovePayload:
    try:
        key = await change()
    except BadUserInput as error:
        return MovePayload(move=None, user_errors=[UserError.of(error)])
    # Figures read earlier in this request were of the plan before the change.
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.MOVE).load(key)
    return MovePayload(move=Move.from_row(row) if row is not None else None, user_errors=[])
