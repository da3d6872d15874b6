"""The audit of changes as GraphQL: who changed a visit, meeting, move or suggestion, and when."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label
from resolvers.access.principal import Action
from resolvers.audit import changes_of
from resolvers.errors import BadUserInput
from schema.context import Context


@strawberry.type(description="One change made through the API, from the audit.")
class Change:
    at: dt.datetime
    actor: str = strawberry.field(description="The key of who made it (a token's subject).")
    role: str = strawberry.field(description="The role it acted in.")
    action: str = strawberry.field(description="The mutation that made it.")
    fields: list[str] = strawberry.field(description="The fields it set.")


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The changes made to one node through the API, oldest first.")
    async def changes(self, info: Info[Context, None], of: relay.GlobalID) -> list[Change]:
        info.context.principal.require(Action.READ_CHANGES)
        try:
            label = Label(of.type_name)
        except ValueError:
            raise BadUserInput(f"{of.type_name} 不是图中的节点类型", field="of") from None
        rows = await changes_of(info.context.store, label, of.node_id)
        return [
            Change(
                at=row["at"].to_native(),
                actor=row["actor"],
                role=row["role"],
                action=row["action"],
                fields=list(row["fields"] or []),
            )
            for row in rows
        ]
