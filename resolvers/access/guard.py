"""The issue guard: whether a principal may act on one issue; a hidden one answers as missing."""

from __future__ import annotations

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal, Role
from resolvers.errors import Forbidden, NotFound


async def require_issue(store: Neo4jStore, principal: Principal, key: str, action: Action) -> None:
    """FORBIDDEN unless the role may take `action`; NOT_FOUND unless the issue is one it sees."""
    principal.require(action)
    if principal.role is Role.ADMIN:
        # An admin sees every issue: a missing one is the lifecycle's own NOT_FOUND, same words.
        return
    [seen] = await store.get_nodes(Label.ISSUE, [key], viewer=principal.viewer)
    if seen is None:
        # Hidden and missing answer alike, so that the answer never tells a hidden issue exists.
        raise NotFound(f"no Issue with key {key!r}", key=key)


def require_speaks_for(principal: Principal, organization: str) -> None:
    """FORBIDDEN unless an admin, or a coordinator acting for its own organization."""
    principal.require(Action.HANDLE)
    if principal.role is not Role.ADMIN and principal.org != organization:
        raise Forbidden(
            f"a {principal.role.value} of {principal.org} may report in only for its own "
            "organization",
            role=principal.role.value,
        )
