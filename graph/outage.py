"""Outages: the driver errors that mean Neo4j is out of reach, and one request's budget for them.

A store call gives up when Neo4j has not let its transaction start within WAIT_SECONDS (the
driver alone retried an unreachable server for up to 8 s on a 3 s retry time), and a request that
found Neo4j down once is not made to wait for it again, however many calls it makes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph.errors import StoreAuthFailed, StoreUnavailable


@dataclass
class Budget:
    """What one request learned about Neo4j: the outage it met, if any."""

    outage: StoreUnavailable | None = None
    # Transactions the request ran: its round trips to Neo4j.
    round_trips: int = 0


T = TypeVar("T")
Work = Callable[[AsyncManagedTransaction], Awaitable[T]]

# How long a store call waits for Neo4j to take its transaction: an outage answers this soon.
WAIT_SECONDS = 3.0

# Tasks a request spawns copy the context, so they share the request's one Budget object.
_budget: ContextVar[Budget | None] = ContextVar("lianxin_store_budget", default=None)


@contextmanager
def request_budget() -> Iterator[Budget]:
    """Give the store calls made inside one budget; outside any, every call tries on its own."""
    token = _budget.set(Budget())
    try:
        yield _budget.get() or Budget()
    finally:
        _budget.reset(token)


def spent() -> StoreUnavailable | None:
    """The outage this request already met: later calls fail at once instead of waiting again."""
    budget = _budget.get()
    return budget.outage if budget is not None else None


def current_budget() -> Budget:
    """The current request's budget (a fresh one outside any request)."""
    return _budget.get() or Budget()


def count_round_trip() -> None:
    """Count one transaction against the current request, if there is one."""
    budget = _budget.get()
    if budget is not None:
        budget.round_trips += 1


def met(outage: StoreUnavailable) -> StoreUnavailable:
    """Record an outage in the current request's budget; the error, to raise."""
    budget = _budget.get()
    if budget is not None and budget.outage is None:
        budget.outage = outage
    return outage


def outage_of(error: Exception) -> StoreUnavailable | None:
    """The outage a driver error stands for: Neo4j unreachable, or refusing our credentials."""
    # A server locks a user out for a while after failed logins: that is the same refusal.
    code = getattr(error, "code", None) or ""
    if isinstance(error, AuthError) or code.startswith("Neo.ClientError.Security.Authentication"):
        return StoreAuthFailed()
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return StoreUnavailable(f"Neo4j is unreachable: {error}")
    return None


async def answered(
    run: Callable[[Work[T]], Awaitable[T]], work: Work[T], seconds: float = WAIT_SECONDS
) -> T:
    """`run(work)`, or StoreUnavailable if Neo4j has not started the transaction in `seconds`.

    Once the work runs Neo4j has answered, and a healthy transaction takes as long as it needs.
    """
    deadline = asyncio.timeout(seconds)

    async def started(tx: AsyncManagedTransaction) -> T:
        deadline.reschedule(None)
        return await work(tx)

    try:
        async with deadline:
            return await run(started)
    except TimeoutError as error:
        if not deadline.expired():
            raise
        raise met(StoreUnavailable(f"Neo4j did not answer within {seconds:g} s")) from error
