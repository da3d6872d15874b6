"""Operations take turns: at most `max_concurrent_operations` run at once, the rest wait."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from graph.store import Neo4jStore
from settings import Settings
from tests.support.graphql import bearer
from web.app import create_app

QUERY = "{ issues(first: 3) { totalCount nodes { id } } }"


async def test_no_more_operations_run_at_once_than_allowed(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"max_concurrent_operations": 2}))
    running = most = 0

    async with app.router.lifespan_context(app):
        store: Neo4jStore = app.state.store
        query = store.query

        async def slow_query(statement: str, **params: Any) -> list[dict[str, Any]]:
            # Each read lingers, so that operations let in together would overlap here.
            nonlocal running, most
            running += 1
            most = max(most, running)
            try:
                await asyncio.sleep(0.05)
                return await query(statement, **params)
            finally:
                running -= 1

        store.query = slow_query  # type: ignore[method-assign]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=bearer(settings)
        ) as client:
            responses = await asyncio.gather(
                *(client.post("/graphql", json={"query": QUERY}) for _ in range(8))
            )
    assert [r.status_code for r in responses] == [200] * 8
    assert all("errors" not in r.json() for r in responses)
    assert most == 2
