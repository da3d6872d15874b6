"""Who may record a visit group's visits: admins, a center's coordinators, the group's own."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from graph.cypher.visits import GROUP_CREW
from resolvers.access.principal import Action, Principal, Role
from resolvers.errors import Forbidden, NotFound


def require_manager(principal: Principal) -> None:
    """FORBIDDEN unless an admin or a center's coordinator, who set up the groups."""
    principal.require(Action.RECORD_VISITS)
    if principal.role is not Role.ADMIN and not principal.center:
        raise Forbidden(
            "只有管理员和中心的协调员可以设立走访小组；请联系中心协调员",
            role=principal.role.value,
        )


async def require_crew(
    tx: AsyncManagedTransaction, principal: Principal, group: str, field: str = "group"
) -> None:
    """FORBIDDEN unless the principal may record `group`'s visits; NOT_FOUND for no group."""
    principal.require(Action.RECORD_VISITS)
    record = await (await tx.run(GROUP_CREW, group=group)).single()
    if record is None:
        raise NotFound(
            f"没有这个走访小组（{group}）；请从走访小组列表中选择", key=group, field=field
        )
    if principal.role is Role.ADMIN or principal.center:
        return
    if principal.sub not in record["crew"]:
        raise Forbidden(
            "只有本小组的组长和组员、中心协调员或管理员可以记录本小组的走访",
            role=principal.role.value,
        )
