"""Centers: which organizations are coordination centers, remembered for a short while."""

from __future__ import annotations

import dataclasses
import time

from graph.cypher.access import CENTER_KEYS
from graph.store import Neo4jStore
from resolvers.access.principal import Principal, Role

# Organizations rarely change kind; a minute's staleness costs a center coordinator only speed,
# since the Cypher rule checks the center itself as well.
TTL_SECONDS = 60.0


class Centers:
    """The keys of CENTER organizations, read at most once per TTL."""

    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self.ttl = ttl
        self._keys: frozenset[str] = frozenset()
        self._read_at = float("-inf")

    async def resolve(self, store: Neo4jStore, principal: Principal) -> Principal:
        """The principal, marked as a center's coordinator if its organization is one."""
        if principal.role is not Role.COORDINATOR:
            return principal
        keys = await self._current(store)
        return dataclasses.replace(principal, center=principal.org in keys)

    async def _current(self, store: Neo4jStore) -> frozenset[str]:
        if time.monotonic() - self._read_at > self.ttl:
            [row] = await store.query(CENTER_KEYS)
            self._keys = frozenset(row["keys"])
            self._read_at = time.monotonic()
        return self._keys
