"""Shared fixtures: real Neo4j servers for the session, a clean store per test, and the demo graph.

Tests that only read the demo graph share one seeded database on a second server, so the
suite seeds once instead of once per module; every other test gets an emptied database.
Tests under tests/unit use none of these servers and run first.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver
from pydantic import SecretStr

from demo.seed import seed
from graph.bundled import BundledNeo4j
from graph.driver import open_driver
from graph.store import Neo4jStore
from settings import PROJECT_ROOT, Settings
from tests.support.backups import drop_schema

TEST_PORT = int(os.environ.get("LIANXIN_TEST_NEO4J_PORT", "7688"))
DEMO_PORT = TEST_PORT + 1
# Where backups are restored: a third server, started only by the tests that restore.
RESTORE_PORT = int(os.environ.get("LIANXIN_TEST_RESTORE_NEO4J_PORT", str(TEST_PORT + 2)))
# Named when one of the two ports is taken.
PORT_SETTING = "LIANXIN_TEST_NEO4J_PORT (the tests take that port and the one after it)"
BROWSER = Path(__file__).parent / "browser"
UNIT = Path(__file__).parent / "unit"


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Run async tests on asyncio, the loop uvicorn and the driver use."""
    return "asyncio"


def configured_settings() -> Settings:
    """The environment's settings, signing tokens with the tests' known secret."""
    # Tests mint their own tokens, so they sign with a known secret whatever the environment.
    secret = SecretStr("lianxin-test-secret-of-at-least-32-bytes")
    return Settings().model_copy(update={"auth_secret": secret, "auth_jwks_file": None})


def _server_settings(port: int, configured_uri: str | None) -> Iterator[Settings]:
    configured = configured_settings()
    if configured_uri is not None:
        yield configured.model_copy(update={"neo4j_uri": configured_uri})
        return
    server = BundledNeo4j(
        data_dir=PROJECT_ROOT / "var" / f"test-neo4j-{port}",
        port=port,
        password=configured.neo4j_password.get_secret_value(),
        heap_mb=configured.neo4j_heap_mb,
        pagecache_mb=configured.neo4j_pagecache_mb,
        port_setting=PORT_SETTING,
    )
    # Failing loudly here is the point: store tests never skip for a missing database.
    started = server.start(timeout=configured.neo4j_start_timeout)
    try:
        yield configured.model_copy(update={"neo4j_uri": server.uri, "neo4j_port": port})
    finally:
        if started:
            server.stop()


@pytest.fixture(autouse=True)
def _anyio_backend_in_use(anyio_backend: str) -> str:
    # anyio rebuilds async tests that do not name anyio_backend, dropping their parameters.
    return anyio_backend


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings pointing at the test Neo4j: the configured one, or a bundled one started here."""
    yield from _server_settings(TEST_PORT, Settings().neo4j_uri)


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    """One async driver for the session."""
    async with open_driver(settings) as driver:
        await driver.verify_connectivity()
        yield driver


@pytest.fixture(scope="session")
def demo_settings() -> Iterator[Settings]:
    """Settings for the demo-graph database: a second bundled server, or a configured one."""
    if Settings().neo4j_uri is not None:
        uri = os.environ.get("LIANXIN_TEST_DEMO_NEO4J_URI")
        if uri is None:
            pytest.fail(
                "LIANXIN_NEO4J_URI is set, so the tests cannot start their own Neo4j for the "
                "demo graph: set LIANXIN_TEST_DEMO_NEO4J_URI to a second, scratch database."
            )
        yield from _server_settings(DEMO_PORT, uri)
        return
    yield from _server_settings(DEMO_PORT, None)


@pytest.fixture(scope="session")
async def demo(demo_settings: Settings) -> AsyncIterator[Neo4jStore]:
    """A store over a database holding exactly the demo graph, seeded once per session."""
    async with open_driver(demo_settings) as driver:
        store = Neo4jStore(driver, demo_settings.neo4j_database)
        await store.clear()
        await seed(store)
        yield store


@pytest.fixture(scope="session")
def restore_settings() -> Iterator[Settings]:
    """Settings for a third database that backups are restored into, started on first use."""
    configured = Settings().neo4j_uri
    uri = os.environ.get("LIANXIN_TEST_RESTORE_NEO4J_URI")
    if configured is not None and uri is None:
        pytest.fail(
            "LIANXIN_NEO4J_URI is set, so the tests cannot start their own Neo4j to restore "
            "into: set LIANXIN_TEST_RESTORE_NEO4J_URI to a third, scratch database."
        )
    yield from _server_settings(RESTORE_PORT, uri)


@pytest.fixture
async def target(restore_settings: Settings) -> AsyncIterator[Neo4jStore]:
    """A store over the emptied restore database, with no schema: a fresh database."""
    async with open_driver(restore_settings) as driver:
        store = Neo4jStore(driver, restore_settings.neo4j_database)
        await store.clear()
        await drop_schema(store)
        yield store


@pytest.fixture
async def store(driver: AsyncDriver, settings: Settings) -> Neo4jStore:
    """A store over an emptied database with the schema in place."""
    store = Neo4jStore(driver, settings.neo4j_database)
    await store.clear()
    await store.ensure_schema()
    store.round_trips = 0
    return store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run tests/unit first, and mark every coroutine test for anyio so none needs the decorator."""
    # A stable sort: tests/unit starts no server, so a broken rule fails before Neo4j boots;
    # tests/browser runs last, as Playwright's own event loop must not meet another test's.
    items.sort(
        key=lambda item: (not item.path.is_relative_to(UNIT), item.path.is_relative_to(BROWSER))
    )
    for item in items:
        if isinstance(item, pytest.Function) and _is_coroutine(item):
            item.add_marker(pytest.mark.anyio)


def _is_coroutine(item: pytest.Function) -> bool:
    return inspect.iscoroutinefunction(item.obj)
