"""The HTTP surface: health, readiness against a real Neo4j, and the minimal GraphQL schema."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
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


SLOW_WHEN_DOWN = {
    # Each made the driver retry an unreachable server for up to 8 s before.
    "whoHandles": '{ whoHandles(issue: "SXNzdWU6aXNzdWUveA==") { explanation } }',
    "escalateIssue": 'mutation { escalateIssue(id: "SXNzdWU6aXNzdWUveA==", reason: "r", '
    'organizations: ["T3JnYW5pemF0aW9uOm9yZy9h"]) { issue { id } } }',
    "stats": "{ stats { communities } hotlineVolume(byYear: true) { rows { year } } }",
}


def test_an_outage_answers_unavailable_within_five_seconds_logged_once(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # A closed port, with the default retry time: what a stopped Neo4j looks like.
    retry = Settings().neo4j_retry_seconds
    down = settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_retry_seconds": retry}
    )
    with client_for(down) as client:
        for name, query in SLOW_WHEN_DOWN.items():
            caplog.clear()
            started = time.monotonic()
            with caplog.at_level(logging.INFO):
                body = client.post("/graphql", json={"query": query}).json()
            elapsed = time.monotonic() - started
            assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAVAILABLE"], name
            assert elapsed < 5.0, (name, elapsed)
            warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert [(r.name, r.levelno) for r in warnings] == [
                ("lianxin.errors", logging.WARNING)
            ], (name, [r.getMessage() for r in warnings])
            assert all(r.exc_info is None for r in caplog.records)


def test_a_wrong_password_is_unavailable_and_readyz_names_the_setting(settings: Settings) -> None:
    # Another user than the tests' own: failed logins lock a user out for a while, and the
    # other tests log in as `neo4j`.
    wrong = settings.model_copy(
        update={"neo4j_user": "lianxin-nobody", "neo4j_password": SecretStr("not-the-password")}
    )
    with client_for(wrong) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert "authentication failed, check LIANXIN_NEO4J_PASSWORD" in ready.json()["neo4j"]
        assert "unreachable" not in ready.json()["neo4j"]
        body = client.post("/graphql", json={"query": "{ stats { communities } }"}).json()
        [error] = body["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE"
