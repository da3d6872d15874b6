"""Fixtures of the schema tests: one app per module and a database a module builds once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from neo4j import AsyncDriver

from graph.store import Neo4jStore
from settings import Settings
from tests.support.graphql import Api, client_for


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[Api]:
    """One app (and its Neo4j driver) per test module."""
    with client_for(settings) as client:
        yield Api(client)


@pytest.fixture(scope="module")
async def shared_store(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Neo4jStore]:
    """An emptied database for a module whose tests only read the graph it builds once."""
    store = Neo4jStore(driver, settings.neo4j_database)
    await store.clear()
    await store.ensure_schema()
    yield store
