"""The write gate: how a backup knows no write committed while it read, or holds writes back.

A backup pass notes the database's last committed transaction (the bookmark of a trivial read)
before and after it reads; the same transaction both times means nothing committed in between,
so the pass saw one state. This sees every write, Lianxin's or another program's.

A backup that keeps meeting writes takes the barrier: every write transaction of the store
first locks one of a few stripes (`WriteGate` nodes, set to what they hold: a lock, no change),
in a statement of its own or as the first clause of its one statement (`GATE_FIRST`), and the
barrier locks all of them in one open transaction, which waits for the writes under way
and holds new ones back at their first statement until it is rolled back. Readers take no
locks and never wait; writers on different stripes never wait for each other at the gate.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.cypher.backup import ENSURE_GATE, HOLD_GATE, LAST_COMMIT, PASS_GATE

STRIPES = 16
KEYS = tuple(f"gate/{stripe}" for stripe in range(STRIPES))
# The barrier ends with its transaction, and so if its process dies: this is a backstop.
HOLD_SECONDS = 3600.0


def stripe() -> str:
    """The key of a stripe to lock, chosen at random so that writers rarely share one."""
    return random.choice(KEYS)


async def pass_gate(tx: AsyncManagedTransaction) -> None:
    """Lock one stripe until the transaction ends: a write's first statement."""
    await (await tx.run(PASS_GATE, key=stripe())).consume()


async def last_commit(driver: AsyncDriver, database: str) -> frozenset[str]:
    """The bookmark naming the database's last committed transaction, read from the leader."""
    async with driver.session(database=database) as session:
        await (await session.run(LAST_COMMIT)).consume()
        return frozenset((await session.last_bookmarks()).raw_values)


@asynccontextmanager
async def barrier(driver: AsyncDriver, database: str) -> AsyncIterator[None]:
    """Hold every stripe's lock: no write of the store commits until the block ends."""
    async with driver.session(database=database) as session:
        await (await session.run(ENSURE_GATE, keys=list(KEYS))).consume()
        tx = await session.begin_transaction(timeout=HOLD_SECONDS)
        try:
            await (await tx.run(HOLD_GATE)).consume()
            yield
        finally:
            await tx.rollback()
