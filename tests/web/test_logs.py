"""The log: no document or variables on any line; client errors quiet, faults traced once."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

import resolvers.desk
from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Json, bearer, client_for, gid
from web.app import create_app

PHONE = "13712345678"
NAME = "王小明"
CATEGORY, AREA = gid("Category", "cat/log"), gid("Area", "area/log")
MISSING = gid("Category", "cat/none")
FIELDS = "created issue { id } userErrors { code }"


def _inline(category: str, phone: str = f'"{PHONE}"') -> str:
    return (
        f'mutation ReportLeak {{ reportIssue(input: {{title: "漏水", channel: PHONE,'
        f' category: "{category}", area: "{AREA}", reporterName: "{NAME}",'
        f" reporterPhone: {phone}}}) {{ {FIELDS} }} }}"
    )


WITH_VARIABLES = (
    "mutation ReportLeak($input: ReportIssueInput!) { reportIssue(input: $input) { "
    + FIELDS
    + " } }"
)


def _input(category: str, phone: object = PHONE) -> dict[str, Any]:
    return {
        "title": "漏水",
        "channel": "PHONE",
        "category": category,
        "area": AREA,
        "reporterName": NAME,
        "reporterPhone": phone,
    }


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    f = Fixture()
    f.add(Label.CATEGORY, "cat/log", name="供水")
    f.add(Label.AREA, "area/log", name="瑞景", level="COMMUNITY")
    await f.write(store)
    return store


@pytest.fixture
def client(graph: Neo4jStore, settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as client:
        yield client


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG: the service's, Strawberry's, the driver's, uvicorn's."""
    caplog.set_level(logging.DEBUG)
    for name in ("strawberry", "strawberry.execution", "neo4j", "uvicorn", "uvicorn.access"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _service_records(logs: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    # httpx is the test's own client, reporting the URL it sent.
    return [r for r in logs.records if not r.name.startswith(("httpx", "asyncio"))]


def _assert_nothing_personal(logs: pytest.LogCaptureFixture) -> None:
    records = _service_records(logs)
    assert records, "the service logged nothing at all"
    for record in records:
        text = logs.handler.format(record)
        assert PHONE not in text, text
        assert NAME not in text, text
        assert "reportIssue(" not in text, text
        assert "GraphQL request" not in text, text


# (name, role, body, code of the error, or None for an answer without errors)
REQUESTS: list[tuple[str, Role, dict[str, Any], str | None]] = [
    ("inline-success", Role.ADMIN, {"query": _inline(CATEGORY)}, None),
    # An unknown category is a user error in the payload, not a GraphQL error.
    ("inline-user-error", Role.ADMIN, {"query": _inline(MISSING)}, None),
    ("inline-forbidden", Role.VIEWER, {"query": _inline(CATEGORY)}, "FORBIDDEN"),
    ("inline-invalid", Role.ADMIN, {"query": _inline(CATEGORY, phone=PHONE)}, "BAD_USER_INPUT"),
    (
        "variables-success",
        Role.ADMIN,
        {"query": WITH_VARIABLES, "variables": {"input": _input(CATEGORY)}},
        None,
    ),
    (
        "variables-user-error",
        Role.ADMIN,
        {"query": WITH_VARIABLES, "variables": {"input": _input(MISSING)}},
        None,
    ),
    (
        "variables-forbidden",
        Role.VIEWER,
        {"query": WITH_VARIABLES, "variables": {"input": _input(CATEGORY)}},
        "FORBIDDEN",
    ),
    (
        "variables-invalid",
        Role.ADMIN,
        {"query": WITH_VARIABLES, "variables": {"input": _input(CATEGORY, int(PHONE))}},
        "BAD_USER_INPUT",
    ),
]
FAILING = [(role, body, code) for _, role, body, code in REQUESTS if code is not None]


def _post(settings: Settings, role: Role, body: dict[str, Any]) -> list[Json]:
    with client_for(settings, role) as client:
        errors: list[Json] = client.post("/graphql", json=body).json().get("errors") or []
        return errors


@pytest.mark.parametrize(
    ("role", "body", "code"), [r[1:] for r in REQUESTS], ids=[r[0] for r in REQUESTS]
)
def test_no_log_line_carries_the_document_or_its_variables(
    graph: Neo4jStore,
    settings: Settings,
    logs: pytest.LogCaptureFixture,
    role: Role,
    body: dict[str, Any],
    code: str | None,
) -> None:
    errors = _post(settings, role, body)
    assert [e["extensions"]["code"] for e in errors] == ([code] if code else [])
    _assert_nothing_personal(logs)


@pytest.mark.parametrize(
    ("role", "body", "code"), FAILING, ids=[r[0] for r in REQUESTS if r[3] is not None]
)
def test_a_client_error_is_one_quiet_line_with_operation_code_and_request_id(
    graph: Neo4jStore,
    settings: Settings,
    logs: pytest.LogCaptureFixture,
    role: Role,
    body: dict[str, Any],
    code: str,
) -> None:
    _post(settings, role, body)
    records = _service_records(logs)
    assert [r for r in records if r.levelno >= logging.ERROR] == []
    assert [r for r in records if r.exc_info] == []
    # The error's line, and the request's own line (id, operation, code, time) beside it.
    [line] = [r for r in records if r.name.startswith("lianxin") and r.name != "lianxin.requests"]
    assert line.levelno in (logging.INFO, logging.WARNING)
    message = line.getMessage()
    assert "ReportLeak" in message
    assert code in message
    assert "request " in message
    [summary] = [r for r in records if r.name == "lianxin.requests"]
    assert message.split()[1] in summary.getMessage()
    assert "ReportLeak" in summary.getMessage() and code in summary.getMessage()


@pytest.mark.parametrize(
    "query",
    [
        "{ stats { communities ",
        "{ noSuchField }",
        "{ issues(first: 1000) { totalCount } }",
        '{ node(id: "not-an-id") { id } }',
    ],
    ids=["syntax", "validation", "limit", "bad-id"],
)
def test_other_client_errors_log_no_error_and_no_trace(
    client: TestClient, logs: pytest.LogCaptureFixture, query: str
) -> None:
    client.post("/graphql", json={"query": query})
    records = _service_records(logs)
    assert [r for r in records if r.levelno >= logging.ERROR or r.exc_info] == []


def test_an_unexpected_error_is_logged_once_with_its_trace_and_request_id(
    client: TestClient, logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the desk broke")

    monkeypatch.setattr(resolvers.desk.Desk, "report", broken)
    body = {"query": WITH_VARIABLES, "variables": {"input": _input(CATEGORY)}}
    [error] = client.post("/graphql", json=body).json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL"
    request_id = error["extensions"]["requestId"]
    [logged] = [r for r in _service_records(logs) if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None
    assert "the desk broke" in logs.handler.format(logged)
    assert request_id in logged.getMessage()
    assert "ReportLeak" in logged.getMessage()
    _assert_nothing_personal(logs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_access_log_of_a_real_server_keeps_no_query_string(
    graph: Neo4jStore, settings: Settings, logs: pytest.LogCaptureFixture
) -> None:
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_config=None, log_level="debug"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        query = f'{{ people(filter: {{namePrefix: "{NAME}"}}) {{ totalCount }} }}'
        response = httpx.get(
            f"http://127.0.0.1:{port}/graphql",
            params={"query": query, "variables": json.dumps({"phone": PHONE})},
            headers=bearer(settings),
        )
        assert response.status_code == 200, response.text
    finally:
        server.should_exit = True
        thread.join()
    access = [r for r in logs.records if r.name == "uvicorn.access"]
    assert access, "uvicorn logged no access line"
    assert any("/graphql" in r.getMessage() for r in access)
    _assert_nothing_personal(logs)
