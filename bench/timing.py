"""Timing: one GraphQL request over HTTP, one Cypher replay, and percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from functools import cache
from typing import Any

import httpx

from graph.store import Neo4jStore
from resolvers.access.principal import Principal, Role
from resolvers.access.tokens import mint_token
from settings import Settings


def admin_headers() -> dict[str, str]:
    """An ADMIN bearer token for the service under test, which shares the local secret."""
    return headers_for(Principal("bench", Role.ADMIN))


@cache
def headers_for(principal: Principal) -> dict[str, str]:
    """A bearer token for `principal`, signed with the local secret the service shares."""
    token = mint_token(Settings(), sub=principal.sub, role=principal.role, org=principal.org)
    return {"Authorization": f"Bearer {token}"}


class GraphQLError(RuntimeError):
    """A GraphQL response that was not a clean 200 without errors."""


async def post(
    client: httpx.AsyncClient,
    url: str,
    query: str,
    variables: Any,
    headers: dict[str, str] | None = None,
) -> Any:
    """The `data` of a GraphQL response; raise on HTTP errors, GraphQL errors or userErrors."""
    response = await client.post(
        url, json={"query": query, "variables": variables}, headers=headers
    )
    if response.status_code != 200:
        raise GraphQLError(f"HTTP {response.status_code}: {response.text[:300]}")
    body = response.json()
    if body.get("errors"):
        raise GraphQLError(str(body["errors"])[:300])
    return body["data"]


async def replay(store: Neo4jStore, statements: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Run captured statements in order, each its own read transaction, as the API does."""
    for statement, params in statements:
        await store.query(statement, **params)


async def sample(work: Callable[[], Awaitable[Any]], runs: int, warmup: int = 3) -> list[float]:
    """Milliseconds per call of `work`, after a few untimed calls."""
    for _ in range(warmup):
        await work()
    out: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        out.append((time.perf_counter() - started) * 1000)
    return out


async def sample_pair(
    first: Callable[[], Awaitable[Any]],
    second: Callable[[], Awaitable[Any]],
    runs: int,
    warmup: int = 3,
) -> tuple[list[float], list[float]]:
    """Milliseconds per call of two works, interleaved so both see the same machine load."""
    for _ in range(warmup):
        await first()
        await second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        for work, out in ((first, a), (second, b)):
            started = time.perf_counter()
            await work()
            out.append((time.perf_counter() - started) * 1000)
    return a, b


def summary(ms: Sequence[float]) -> dict[str, float]:
    """p50, p95, mean and count of a list of milliseconds."""
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "runs": len(ordered),
    }
