"""Every error leaves with a stable extensions.code; surprises are masked; limits hold."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

import schema.root
from graph.model import Label
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Api, Json, client_for, gid
from tests.support.graphs import add_issue

ISSUE_STEP = "mutation($id: ID!) { verifyIssue(id: $id) { issue { id } userErrors { code } } }"


@pytest.fixture(scope="module")
async def graph(shared_store: Neo4jStore) -> Neo4jStore:
    """A few organizations and one issue; enough to aim requests at."""
    f = Fixture()
    for i in range(3):
        f.add(Label.ORGANIZATION, f"org/{i}", name=f"单位{i}", kind="SCHOOL")
    f.add(Label.CATEGORY, "cat/a", name="类")
    f.add(Label.AREA, "area/a", name="区")
    add_issue(f, "issue/a", state="VERIFYING", category="cat/a", area="area/a")
    await f.write(shared_store)
    return shared_store


def _code(error: Json) -> str:
    code: str = error["extensions"]["code"]
    return code


@pytest.mark.parametrize(
    "query",
    [
        ISSUE_STEP,
        """mutation($id: ID!) { dispatchIssue(id: $id, organization: "Org", reason: "r") {
            issue { id } } }""".replace('"Org"', f'"{gid("Organization", "org/1")}"'),
        """mutation($id: ID!) { escalateIssue(id: $id, organizations: ["Org"], reason: "r") {
            issue { id } } }""".replace('"Org"', f'"{gid("Organization", "org/1")}"'),
        'mutation($id: ID!) { rejectIssue(id: $id, reason: "无效") { issue { id } } }',
    ],
    ids=["verify", "dispatch", "escalate", "reject"],
)
def test_unknown_issue_in_a_mutation_is_not_found(api: Api, graph: Neo4jStore, query: str) -> None:
    error = api.error(query, {"id": gid("Issue", "issue/nope")})
    assert _code(error) == "NOT_FOUND", error
    assert "issue/nope" in error["message"]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        # Malformed global IDs, as a literal and as a variable.
        ('{ node(id: "not base64 at all!") { id } }', None),
        ("query($id: ID!) { node(id: $id) { id } }", {"id": _b64("no colon")}),
        # A global ID of a type that does not exist, or of the wrong type for the argument.
        ("query($id: ID!) { node(id: $id) { id } }", {"id": gid("Nope", "x")}),
        (
            "query($id: ID!) { issues(filter: {organization: $id}) { totalCount } }",
            {"id": gid("Area", "area/a")},
        ),
        (
            "query($id: ID!) { organizations(filter: {area: $id}) { totalCount } }",
            {"id": gid("Organization", "org/1")},
        ),
        # Cursors that are not ours.
        ('{ organizations(after: "xyz") { totalCount } }', None),
        ("query($c: String) { organizations(after: $c) { totalCount } }", {"c": _b64("[1, 2]")}),
        (
            "query($c: String) { organizations(before: $c, last: 2) { totalCount } }",
            {"c": _b64(json.dumps(["key", "x", "v", "org/1"]))},
        ),
        # An instant without an offset would compare with no stored instant at all.
        (
            "query($t: DateTime) { issues(filter: {reportedFrom: $t}) { totalCount } }",
            {"t": "2024-03-01T09:00:00"},
        ),
        # Relay arguments that contradict each other or are out of range.
        ("{ organizations(first: 2, last: 2) { totalCount } }", None),
        ('{ organizations(last: 2, after: "x") { totalCount } }', None),
        ("{ organizations(first: 0) { totalCount } }", None),
        ("{ organizations(last: -3) { totalCount } }", None),
        # Documents that are not valid.
        ("{ organizations { nope } }", None),
        ("{ organizations(", None),
        ("{ organizations(first: 2) { totalCount } }", {"unused": 1}),
    ],
    ids=[
        "garbage-id",
        "id-without-type",
        "unknown-type-id",
        "area-as-organization",
        "organization-as-area",
        "garbage-cursor",
        "cursor-not-a-position",
        "cursor-unknown-kind",
        "datetime-without-offset",
        "first-and-last",
        "last-and-after",
        "first-zero",
        "last-negative",
        "unknown-field",
        "syntax",
        "unused-variable-is-fine",
    ],
)
def test_bad_input_is_bad_user_input(
    api: Api, graph: Neo4jStore, query: str, variables: Json | None
) -> None:
    result = api.post(query, variables)
    if variables == {"unused": 1}:
        # Extra variables are ignored, as the spec allows: a control for the cases above.
        assert "errors" not in result
        return
    [error] = result["errors"]
    assert _code(error) == "BAD_USER_INPUT", error


def test_wrong_type_id_in_a_mutation_is_a_user_error(api: Api, graph: Neo4jStore) -> None:
    payload = api.data(ISSUE_STEP, {"id": gid("Organization", "org/1")})["verifyIssue"]
    assert payload == {"issue": None, "userErrors": [{"code": "BAD_USER_INPUT"}]}


@pytest.mark.parametrize(
    "query",
    [
        "{ organizations(first: 1000) { totalCount } }",
        "{ organizations(first: 101) { totalCount } }",
        "{ organizations(last: 101) { totalCount } }",
        '{ node(id: "QXJlYTphcmVhL2E=") { ... on Area { units(first: 500) { totalCount } } } }',
    ],
    ids=["first-1000", "first-101", "last-101", "relation-500"],
)
def test_page_size_above_the_maximum_is_limit_exceeded(
    api: Api, graph: Neo4jStore, query: str
) -> None:
    error = api.error(query)
    assert _code(error) == "LIMIT_EXCEEDED", error
    assert error["extensions"]["maximum"] == 100


def test_page_size_at_the_maximum_is_fine(api: Api, graph: Neo4jStore) -> None:
    data = api.data("{ organizations(first: 100) { totalCount } }")
    assert data["organizations"]["totalCount"] == 3


@pytest.fixture(scope="module")
def strict(settings: Settings) -> Iterator[Api]:
    """An app with tiny query limits."""
    tight = settings.model_copy(update={"max_query_depth": 4, "max_aliases": 3, "max_tokens": 80})
    with client_for(tight) as client:
        yield Api(client)


DEEP = "{ organizations { edges { node { parent { parent { name } } } } } }"
SHALLOW = "{ organizations { edges { node { name } } } }"


@pytest.mark.parametrize(
    ("query", "limited"),
    [
        (SHALLOW, False),
        (DEEP, True),
        ("{ a: stats { communities } b: stats { communities } c: stats { communities } }", False),
        (
            "{ a: stats { communities } b: stats { communities } c: stats { communities }"
            " d: stats { communities } }",
            True,
        ),
        ("{ stats { " + "communities " * 20 + "} }", False),
        ("{ stats { " + "communities " * 80 + "} }", True),
    ],
    ids=["depth-ok", "depth", "aliases-ok", "aliases", "tokens-ok", "tokens"],
)
def test_query_limits(strict: Api, graph: Neo4jStore, query: str, limited: bool) -> None:
    result = strict.post(query)
    if not limited:
        assert "errors" not in result, result
        return
    [error] = result["errors"]
    assert _code(error) == "LIMIT_EXCEEDED", error
    assert result.get("data") is None


def test_limits_hold_for_the_default_settings(api: Api, graph: Neo4jStore) -> None:
    aliases = " ".join(f"a{i}: stats {{ communities }}" for i in range(31))
    assert _code(api.error("{ " + aliases + " }")) == "LIMIT_EXCEEDED"
    nested = "{ organizations { edges { node { " + "parent { " * 12 + "name" + " }" * 12
    assert _code(api.error(nested + " } } } }")) == "LIMIT_EXCEEDED"


def test_unexpected_errors_are_masked_with_a_request_id(
    api: Api, graph: Neo4jStore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(schema.root, "resolve_node", broken)
    query = "query($id: ID!) { node(id: $id) { id } stats { communities } }"
    with caplog.at_level(logging.ERROR, logger="lianxin.errors"):
        result = api.post(query, {"id": gid("Organization", "org/1")})
    [error] = result["errors"]
    assert error["message"] == "Unexpected error."
    assert _code(error) == "INTERNAL"
    assert error["path"] == ["node"]
    request_id = error["extensions"]["requestId"]
    assert len(request_id) >= 8
    assert "hunter2" not in json.dumps(result)
    # The rest of the query still answers, and the log keeps the details under the same id.
    assert result["data"] == {"node": None, "stats": {"communities": 0}}
    assert any(request_id in record.getMessage() for record in caplog.records)
    assert any("hunter2" in str(record.exc_info) for record in caplog.records)
