"""Residents' intake links (码上反映): the admins' list, and creating and revoking links."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, Rel
from resolvers.access.principal import Action
from resolvers.browse import Order
from resolvers.errors import BadUserInput
from resolvers.intake.codes import IntakeCodes, link_path, qr_svg
from resolvers.intake.links import create_link, revoke_link
from resolvers.paging import PageRequest
from schema.connection import Connection
from schema.context import Context
from schema.node import Keyed, key_of, node_from_row
from schema.paging import paged
from schema.payload import UserError
from schema.relations import root_connection
from schema.where import IntakeLinkWhere

NEWEST_FIRST = Order("createdAt", ascending=False)


@strawberry.type(
    description="A signed link to one place (a community, area or organization such as a "
    "labour team) where residents report issues with no account: printed as a QR code. "
    "Admins only."
)
class IntakeLink(relay.Node, Keyed):
    LABEL = Label.INTAKE_LINK

    key: relay.NodeID[str]
    created_at: dt.datetime
    label: str | None = strawberry.field(
        default=None, description="A note for the sheet, e.g. 3号楼大厅."
    )
    expires_on: dt.date | None = strawberry.field(
        default=None, description="The last day the code is accepted; none: no end."
    )
    revoked_at: dt.datetime | None = strawberry.field(
        default=None, description="When it was revoked; its code is refused since."
    )

    @strawberry.field(name="key", description="The link's stable key (intake/…).")
    def link_key(self) -> str:
        return self.key

    @strawberry.field(description="The Area or Organization reports through it are filed at.")
    async def place(self, info: Info[Context, None]) -> relay.Node | None:
        rows = await info.context.loaders.related(self.LABEL, Rel.FOR, "OUT").load(self.key)
        return node_from_row(rows[0]) if rows else None

    @strawberry.field(description="The signed code the QR carries; it grants only reporting here.")
    def code(self, info: Info[Context, None]) -> str:
        return IntakeCodes.of(info.context.settings).code(self.key)

    @strawberry.field(description="The public form's path, /r/<code>.")
    def path(self, info: Info[Context, None]) -> str:
        return link_path(self.code(info))

    @strawberry.field(
        description="An SVG QR code of the form's absolute URL (LIANXIN_PUBLIC_URL + path)."
    )
    def qr_svg(self, info: Info[Context, None]) -> str:
        return qr_svg(info.context.settings.public_base_url + self.path(info))


@strawberry.input(description="Which intake links to list.")
class IntakeLinkFilter:
    place: relay.GlobalID | None = strawberry.field(
        default=None, description="Only the links of this Area or Organization."
    )
    revoked: bool | None = strawberry.field(
        default=None, description="Only revoked links (true) or only unrevoked ones (false)."
    )


@strawberry.input(description="A new intake link.")
class CreateIntakeLinkInput:
    place: relay.GlobalID = strawberry.field(
        description="An Area (a community, say) or an Organization (a labour team, a work site "
        "unit) that lies in an area, directly or through an organization above it."
    )
    label: str | None = None
    expires_on: dt.date | None = strawberry.field(
        default=None, description="The last day the code is accepted (the service's zone)."
    )


@strawberry.type(description="The intake link after the change, or why nothing was written.")
class IntakeLinkPayload:
    intake_link: IntakeLink | None
    user_errors: list[UserError]


@strawberry.type
class IntakeQuery:
    @paged("Residents' intake links (码上反映), newest first. Admins only.")
    async def intake_links(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: IntakeLinkFilter | None = None,
        where: IntakeLinkWhere | None = None,
    ) -> Connection[IntakeLink]:
        info.context.principal.require(Action.MANAGE_INTAKE)
        filters = {}
        if filter is not None:
            filters = {
                "place": key_of(filter.place, "Area", "Organization", field="place"),
                "revoked": filter.revoked,
            }
        return await root_connection(info, IntakeLink, page, NEWEST_FIRST, filters, where=where)


@strawberry.type
class IntakeMutation:
    @strawberry.mutation(description="Make an intake link (a QR code) for a place. Admins only.")
    async def create_intake_link(
        self, info: Info[Context, None], input: CreateIntakeLinkInput
    ) -> IntakeLinkPayload:
        context = info.context
        context.principal.require(Action.MANAGE_INTAKE)
        try:
            place = key_of(input.place, "Area", "Organization", field="place")
            assert place is not None
            key = await create_link(
                context.store,
                context.principal,
                place,
                input.label,
                input.expires_on,
                context.clock,
            )
        except BadUserInput as error:
            return IntakeLinkPayload(intake_link=None, user_errors=[UserError.of(error)])
        return IntakeLinkPayload(intake_link=await _link(info, key), user_errors=[])

    @strawberry.mutation(
        description="Revoke an intake link: its code is refused from now on. Revoking it again "
        "changes nothing. Admins only."
    )
    async def revoke_intake_link(
        self, info: Info[Context, None], id: relay.GlobalID
    ) -> IntakeLinkPayload:
        context = info.context
        context.principal.require(Action.MANAGE_INTAKE)
        try:
            link = key_of(id, "IntakeLink")
            assert link is not None
        except BadUserInput as error:
            return IntakeLinkPayload(intake_link=None, user_errors=[UserError.of(error)])
        key = await revoke_link(context.store, context.principal, link, context.clock)
        return IntakeLinkPayload(intake_link=await _link(info, key), user_errors=[])


async def _link(info: Info[Context, None], key: str) -> IntakeLink | None:
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.INTAKE_LINK).load(key)
    return IntakeLink.from_row(row) if row is not None else None
