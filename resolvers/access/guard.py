"""The issue guard: whether a principal may act on one issue, told apart from a missing one."""

from __future__ import annotations

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal, Role
from resolvers.errors import Forbidden


async def require_issue(
    store: Neo4jStore, principal: Principal, key: str, action: Action
) -> None:
    """FORBIDDEN unless the role may take `action` and the issue is one it sees."""
    principal.require(action)
    if principal.role is Role.ADMIN:
        return
    [seen] = await store.get_nodes(Label.ISSUE, [key], viewer=principal.viewer)
    if seen is not None:
        return
    # Hidden or missing: a missing issue stays the lifecycle's NOT_FOUND.
    [hidden] = await store.get_nodes(Label.ISSUE, [key])
    if hidden is not None:
        raise Forbidden(
            f"issue {key} is not one this {principal.role.value} handles", role=principal.role.value
        )


def require_speaks_for(principal: Principal, organization: str) -> None:
    """FORBIDDEN unless an admin, or a coordinator acting for its own organization."""
    principal.require(Action.HANDLE)
    if principal.role is not Role.ADMIN and principal.org != organization:
        raise Forbidden(
            f"a {principal.role.value} of {principal.org} may report in only for its own "
            "organization",
            role=principal.role.value,
        )
