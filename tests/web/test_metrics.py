"""/metrics: who may scrape it, that it parses, and that its counters move with requests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from starlette.testclient import TestClient

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import bearer
from web.app import create_app

TOKEN = "scrape-token-of-the-tests"
PHONE = "13712345678"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    f = Fixture()
    f.add(Label.CATEGORY, "cat/metrics", name="供水")
    f.add(Label.AREA, "area/metrics", name="瑞景", level="COMMUNITY")
    await f.write(store)
    return store


@pytest.fixture
def scraped(settings: Settings) -> Settings:
    return settings.model_copy(update={"metrics_token": SecretStr(TOKEN)})


@pytest.fixture
def client(graph: Neo4jStore, scraped: Settings, tmp_path: Path) -> Iterator[TestClient]:
    configured = scraped.model_copy(update={"backup_dir": tmp_path / "backups"})
    with TestClient(create_app(configured), headers=bearer(configured)) as client:
        yield client


def _scrape(client: TestClient) -> Samples:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert PHONE not in response.text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_need_the_token_on_the_public_port(client: TestClient) -> None:
    assert client.get("/metrics", headers={"Authorization": ""}).status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert "LIANXIN_METRICS_TOKEN" in wrong.text


def test_without_a_token_or_a_port_metrics_are_not_served(
    graph: Neo4jStore, settings: Settings
) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/metrics")
    assert response.status_code == 404
    assert "LIANXIN_METRICS_PORT" in response.text


def test_counters_move_with_requests_and_labels_carry_no_personal_data(client: TestClient) -> None:
    before = _scrape(client)
    trips_before = client.app.state.store.round_trips
    for _ in range(3):
        body = client.post("/graphql", json={"query": "query Counts { stats { communities } }"})
        assert body.json()["data"]["stats"]["communities"] == 0
    forbidden = client.post(
        "/graphql",
        json={"query": "query Listing { issues(first: 1) { totalCount } }"},
        headers=bearer(client.app.state.settings, Role.VIEWER),
    )
    assert forbidden.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A client may spell anything into an operation name: a phone number is not kept.
    client.post("/graphql", json={"query": f"query Call{PHONE} {{ stats {{ communities }} }}"})
    trips = client.app.state.store.round_trips - trips_before
    after = _scrape(client)

    def moved(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    ok = {"operation": "Counts", "kind": "query", "code": "OK"}
    assert moved("lianxin_graphql_requests_total", **ok) == 3
    assert (
        moved("lianxin_graphql_requests_total", operation="Listing", kind="query", code="FORBIDDEN")
        == 1
    )
    assert moved("lianxin_graphql_requests_total", operation="other", kind="query", code="OK") == 1
    assert (
        moved("lianxin_graphql_request_duration_seconds_count", operation="Counts", kind="query")
        == 3
    )
    assert moved("lianxin_store_round_trips_per_request_count", kind="query") == 5
    # Every transaction the five requests ran, and no other, is in the histogram's sum.
    assert trips > 0
    assert moved("lianxin_store_round_trips_per_request_sum", kind="query") == trips
    assert moved("lianxin_http_requests_total", route="/graphql", status="200") == 5
    assert _value(after, "lianxin_http_requests_total", route="/metrics", status="200") >= 1
    assert _value(after, "lianxin_neo4j_sessions_in_use") == 0
    assert _value(after, "lianxin_subscriptions_open") == 0
    assert ("lianxin_event_feed_lag_events", ()) in after


def test_a_backup_shows_in_readyz_and_in_the_metrics(client: TestClient) -> None:
    last = client.portal.call(client.app.state.backups.take)  # type: ignore[union-attr]
    assert last.ok, last.error
    samples = _scrape(client)
    assert _value(samples, "lianxin_backups_total", result="ok") == 1
    assert _value(samples, "lianxin_backup_last_ok") == 1
    assert abs(_value(samples, "lianxin_backup_last_success_timestamp_seconds") - time.time()) < 60
    [row] = client.portal.call(  # type: ignore[union-attr]
        client.app.state.store.query, "MATCH (n) WHERE NOT n:WriteGate RETURN count(n) AS n"
    )
    assert _value(samples, "lianxin_backup_last_rows") == row["n"] >= 2
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["backups"]["last"]["result"] == "ok"
    assert ready["backups"]["last"]["file"] == last.file
    assert (client.app.state.settings.backup_dir / str(last.file)).is_file()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _bound(port: int) -> socket.socket:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    return listener


def test_the_metrics_port_serves_metrics_alone_and_the_public_port_none(
    graph: Neo4jStore, settings: Settings
) -> None:
    public, private = _free_port(), _free_port()
    configured = settings.model_copy(update={"metrics_port": private})
    server = uvicorn.Server(uvicorn.Config(create_app(configured), log_config=None))
    sockets = [_bound(public), _bound(private)]
    thread = threading.Thread(target=server.run, kwargs={"sockets": sockets}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        scraped = httpx.get(f"http://127.0.0.1:{private}/metrics")
        assert scraped.status_code == 200
        assert any(text_string_to_metric_families(scraped.text))
        assert httpx.get(f"http://127.0.0.1:{private}/readyz").status_code == 404
        assert httpx.get(f"http://127.0.0.1:{public}/metrics").status_code == 404
        assert httpx.get(f"http://127.0.0.1:{public}/healthz").status_code == 200
    finally:
        server.should_exit = True
        thread.join()
        for listener in sockets:
            listener.close()


def test_ledger_rows_imported_are_counted_by_ledger(client: TestClient) -> None:
    before = _scrape(client)
    csv = "小区名称,户数\n东辛社区,1200\n新星社区,800\n".encode()
    response = client.post("/ledgers/import", files={"file": ("社区台账.csv", csv)})
    assert response.status_code == 200, response.text
    assert response.json()["summary"]["written"] == 2
    after = _scrape(client)
    moved = _value(after, "lianxin_ledger_rows_imported_total", ledger="communities") - _value(
        before, "lianxin_ledger_rows_imported_total", ledger="communities"
    )
    assert moved == 2


async def test_open_subscriptions_and_the_feeds_lag_behind_the_log(
    store: Neo4jStore, scraped: Settings
) -> None:
    from tests.web import test_subscriptions as live

    # The subscription tests' graph: their fixture's own function, called here.
    await live.graph.__wrapped__(store)  # type: ignore[attr-defined]
    # The poller reads the log once when the first subscriber comes, then not for a minute.
    slow = scraped.model_copy(update={"event_poll_seconds": 60.0})
    with TestClient(create_app(slow), headers=bearer(slow)) as client:
        with live.subscribed(client, bearer(slow), live.EVENTS):
            live.joined(client, 1)
            quiet = _scrape(client)
            assert _value(quiet, "lianxin_subscriptions_open") == 1
            assert _value(quiet, "lianxin_event_feed_lag_events") == 0
            live.report(client, live.C1, "楼道漏水")
            behind = _scrape(client)
            assert _value(behind, "lianxin_event_feed_lag_events") == 1
            assert _value(behind, "lianxin_event_log_head_seq") == (
                _value(quiet, "lianxin_event_log_head_seq") + 1
            )
        deadline = time.monotonic() + 5
        while _value(_scrape(client), "lianxin_subscriptions_open") != 0:
            assert time.monotonic() < deadline
            time.sleep(0.05)
