"""The HTTP surface: health, readiness against a real Neo4j, and the minimal GraphQL schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.bundled import BundledNeo4j
from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import PROJECT_ROOT, Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for

STATS_QUERY = """
{ stats { communities regionalUnits observers nodes { name count } } }
"""


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as client:
        yield client


async def test_stats_counts_what_the_store_holds(store: Neo4jStore, settings: Settings) -> None:
    f = Fixture()
    for i in range(3):
        f.add(Label.COMMUNITY, f"area/c{i}", name=f"小区{i}")
    for i in range(5):
        f.add(Label.ORGANIZATION, f"org/u{i}", kind="REGIONAL_UNIT", name=f"单位{i}")
    f.add(Label.PERSON, "person/o1", name="观察员", roles=["OBSERVER"])
    f.link(Rel.OBSERVES, "person/o1", "area/c0")
    await f.write(store)
    with client_for(settings) as client:
        response = client.post("/graphql", json={"query": STATS_QUERY})
    assert response.status_code == 200
    stats = response.json()["data"]["stats"]
    assert (stats["communities"], stats["regionalUnits"], stats["observers"]) == (3, 5, 1)
    nodes = {row["name"]: row["count"] for row in stats["nodes"]}
    assert nodes["Area"] == 3
    assert nodes["Organization"] == 5


def test_readyz_fails_clearly_when_neo4j_is_down_and_recovers(settings: Settings) -> None:
    port = settings.neo4j_port + 100
    server = BundledNeo4j(
        data_dir=PROJECT_ROOT / "var" / f"test-neo4j-readyz-{port}",
        port=port,
        password=settings.neo4j_password.get_secret_value(),
        heap_mb=256,
        pagecache_mb=32,
    )
    server.start()
    try:
        own = settings.model_copy(update={"neo4j_uri": server.uri})
        with client_for(own) as client:
            assert client.get("/readyz").json()["status"] == "ready"
            server.stop()
            down = client.get("/readyz")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable"
            assert "unreachable" in down.json()["neo4j"]
            assert client.get("/healthz").status_code == 200
            server.start()
            back = client.get("/readyz")
            assert back.status_code == 200, back.text
    finally:
        server.stop()
