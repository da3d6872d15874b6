"""The write gate: how a backup knows no write committed while it read, or holds writes back.

Every write transaction of the store bumps one of a few counters (stripes) as its first
statement, and Neo4j holds that stripe's lock until the transaction ends. A backup reads the
counters before and after its scan: equal counters mean no write committed in between, so the
scan saw one state. A backup that keeps meeting writes takes the barrier instead: it locks every
stripe in one open transaction, which waits for the writes under way and holds new ones back
until it is rolled back. Readers take no locks and never wait.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.cypher.backup import BUMP_GATE, ENSURE_GATE, HOLD_GATE, READ_GATE

# Writers on different stripes never wait for each other at the gate.
STRIPES = 16
KEYS = tuple(f"gate/{stripe}" for stripe in range(STRIPES))
# The barrier ends with its transaction, and so if its process dies: this is a backstop.
HOLD_SECONDS = 3600.0

Clock = tuple[tuple[str, int], ...]


async def pass_gate(tx: AsyncManagedTransaction) -> None:
    """Bump one stripe: a write's first statement."""
    await (await tx.run(BUMP_GATE, key=random.choice(KEYS))).consume()


async def read_clock(driver: AsyncDriver, database: str) -> Clock:
    """Every stripe's count of committed writes, read from the leader."""
    async with driver.session(database=database) as session:
        await (await session.run(ENSURE_GATE, keys=list(KEYS))).consume()
        result = await session.run(READ_GATE)
        return tuple((row["key"], row["writes"]) for row in await result.data())


@asynccontextmanager
async def barrier(driver: AsyncDriver, database: str) -> AsyncIterator[None]:
    """Hold every stripe's lock: no write commits until the block ends."""
    async with driver.session(database=database) as session:
        await (await session.run(ENSURE_GATE, keys=list(KEYS))).consume()
        tx = await session.begin_transaction(timeout=HOLD_SECONDS)
        try:
            await (await tx.run(HOLD_GATE)).consume()
            yield
        finally:
            await tx.rollback()
