"""LIANXIN_LOG_FORMAT=json: one JSON object a line, the request's fields, nothing personal."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid
from web.logs import JsonLines, configure_logging

PHONE = "13712345678"
NAME = "王小明"
REPORT = (
    "mutation ReportLeak($input: ReportIssueInput!) { reportIssue(input: $input) { "
    "created issue { id } userErrors { code } } }"
)


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    f = Fixture()
    f.add(Label.CATEGORY, "cat/json", name="供水")
    f.add(Label.AREA, "area/json", name="瑞景", level="COMMUNITY")
    await f.write(store)
    return store


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """Every logger's lines at DEBUG, as the JSON format writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _report(category: str, phone: Any = PHONE) -> dict[str, Any]:
    variables = {
        "input": {
            "title": "漏水",
            "channel": "PHONE",
            "category": gid("Category", category),
            "area": gid("Area", "area/json"),
            "reporterName": NAME,
            "reporterPhone": phone,
        }
    }
    return {"query": REPORT, "variables": variables}


def test_every_line_is_json_with_the_request_fields_and_nothing_personal(
    graph: Neo4jStore, settings: Settings, lines: io.StringIO
) -> None:
    with client_for(settings) as admin:
        assert admin.post("/graphql", json=_report("cat/json")).json()["data"]
        # A bad phone (a number, not text) is refused: the error line names no value.
        refused = admin.post("/graphql", json=_report("cat/json", int(PHONE))).json()
        assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    with client_for(settings, Role.VIEWER) as viewer:
        forbidden = viewer.post("/graphql", json=_report("cat/json")).json()
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    written = lines.getvalue().splitlines()
    assert written
    entries = [json.loads(line) for line in written]
    for line, entry in zip(written, entries, strict=True):
        assert {"time", "level", "logger", "message"} <= set(entry)
        assert PHONE not in line and NAME not in line and "reportIssue(" not in line, line
    requests = [e for e in entries if e["logger"] == "lianxin.requests"]
    assert [(e["operation"], e["kind"], e["code"], e["role"]) for e in requests] == [
        ("ReportLeak", "mutation", "OK", "ADMIN"),
        ("ReportLeak", "mutation", "BAD_USER_INPUT", "ADMIN"),
        ("ReportLeak", "mutation", "FORBIDDEN", "VIEWER"),
    ]
    for entry in requests:
        assert entry["durationMs"] >= 0 and entry["roundTrips"] >= 0
        assert len(entry["requestId"]) == 12
    # The error's own line carries the same request id as the request's line.
    [forbidden_line] = [
        e for e in entries if e["logger"] == "lianxin.errors" and "FORBIDDEN" in e["message"]
    ]
    assert forbidden_line["requestId"] == requests[2]["requestId"]
    assert forbidden_line["operation"] == "ReportLeak"


def test_the_json_setting_gives_the_root_logger_json_lines(settings: Settings) -> None:
    root = logging.getLogger()
    kept = root.handlers[:], root.level
    try:
        assert configure_logging(settings.model_copy(update={"log_format": "json"})) is None
        assert any(isinstance(h.formatter, JsonLines) for h in root.handlers)
        assert logging.getLogger("uvicorn.access").propagate
    finally:
        root.handlers[:] = kept[0]
        root.setLevel(kept[1])
