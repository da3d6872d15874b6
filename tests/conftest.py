"""Shared fixtures: one real Neo4j for the whole session, a clean store per test."""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator, Iterator

import pytest
from neo4j import AsyncDriver

from graph.bundled import BundledNeo4j
from graph.driver import open_driver
from graph.store import Neo4jStore
from settings import PROJECT_ROOT, Settings

TEST_PORT = int(os.environ.get("LIANXIN_TEST_NEO4J_PORT", "7688"))
TEST_DATA = PROJECT_ROOT / "var" / f"test-neo4j-{TEST_PORT}"


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Run async tests on asyncio, the loop uvicorn and the driver use."""
    return "asyncio"


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings pointing at the test Neo4j: the configured one, or a bundled one started here."""
    configured = Settings()
    if configured.neo4j_uri is not None:
        yield configured
        return
    server = BundledNeo4j(
        data_dir=TEST_DATA,
        port=TEST_PORT,
        password=configured.neo4j_password.get_secret_value(),
        heap_mb=configured.neo4j_heap_mb,
        pagecache_mb=configured.neo4j_pagecache_mb,
    )
    # Failing loudly here is the point: store tests never skip for a missing database.
    started = server.start(timeout=configured.neo4j_start_timeout)
    try:
        yield configured.model_copy(update={"neo4j_uri": server.uri, "neo4j_port": TEST_PORT})
    finally:
        if started:
            server.stop()


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    """One async driver for the session."""
    async with open_driver(settings) as driver:
        await driver.verify_connectivity()
        yield driver


@pytest.fixture
async def store(driver: AsyncDriver, settings: Settings) -> Neo4jStore:
    """A store over an emptied database with the schema in place."""
    store = Neo4jStore(driver, settings.neo4j_database)
    await store.clear()
    await store.ensure_schema()
    store.round_trips = 0
    return store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every coroutine test for anyio so no test needs the decorator."""
    for item in items:
        if isinstance(item, pytest.Function) and _is_coroutine(item):
            item.add_marker(pytest.mark.anyio)


def _is_coroutine(item: pytest.Function) -> bool:
    return inspect.iscoroutinefunction(item.obj)
