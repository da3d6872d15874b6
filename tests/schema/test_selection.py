"""Pages read only the properties a query selects, and answer exactly as a whole-row read does.

Issues and areas list what their computed fields read (`Keyed.READS`), so their pages project
just the selected properties, temporal ones as text. For every field of those types, a page
selecting that field alone must give the answer the same nodes give when refetched whole by ID.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type, is_required_argument
from starlette.testclient import TestClient

from graph.cypher.order import KEY_ORDER
from graph.model import Label
from graph.store import Neo4jStore
from schema import build_schema
from settings import Settings
from tests.support.graphql import client_for, run

SCHEMA = build_schema()._schema

OPEN_AND_DONE = ["DISPATCHED", "IN_PROGRESS", "ESCALATED", "RESOLVED", "CLOSED"]


def _selection(type_name: str, field: str) -> str:
    """The field, with a subselection of its type's first leaf field if it is an object."""
    parent = SCHEMA.get_type(type_name)
    assert isinstance(parent, GraphQLObjectType)
    named = get_named_type(parent.fields[field].type)
    if is_leaf_type(named):
        return field
    if isinstance(named, GraphQLObjectType):
        leaves = [name for name, f in named.fields.items() if is_leaf_type(get_named_type(f.type))]
        return f"{field} {{ {leaves[0]} }}"
    return f"{field} {{ __typename }}"


def _fields(type_name: str) -> list[str]:
    """Every field of a type that takes no required argument."""
    parent = SCHEMA.get_type(type_name)
    assert isinstance(parent, GraphQLObjectType)
    return [
        name
        for name, field in parent.fields.items()
        if not any(is_required_argument(arg) for arg in field.args.values())
    ]


@pytest.fixture(scope="module")
def admin(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An admin's client of an app over the demo graph."""
    with client_for(demo_settings) as client:
        yield client


def _whole(client: TestClient, type_name: str, ids: list[str], selection: str) -> list[Any]:
    """The nodes refetched by ID, which reads every property of each."""
    data = run(
        client,
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {type_name} {{ id {selection} }} }} }}",
        ids=ids,
    )
    return list(data["nodes"])


@pytest.mark.parametrize("field", _fields("Issue"))
def test_an_issue_page_selecting_one_field_answers_as_the_whole_row(
    admin: TestClient, field: str
) -> None:
    selection = _selection("Issue", field)
    data = run(
        admin,
        f"""query($states: [IssueState!]) {{
          issues(first: 30, orderBy: [{{field: RESOLVED_AT, direction: DESC}}],
                 where: {{state: {{in: $states}}}}) {{
            edges {{ cursor node {{ id {selection} }} }}
          }}
        }}""",
        states=OPEN_AND_DONE,
    )
    nodes = [edge["node"] for edge in data["issues"]["edges"]]
    assert len(nodes) == 30
    assert nodes == _whole(admin, "Issue", [node["id"] for node in nodes], selection)


@pytest.mark.parametrize("field", _fields("Issue"))
def test_an_overdue_page_selecting_one_field_answers_as_the_whole_row(
    admin: TestClient, field: str
) -> None:
    selection = _selection("Issue", field)
    data = run(admin, f"{{ overdueIssues(first: 25) {{ nodes {{ id {selection} }} }} }}")
    nodes = data["overdueIssues"]["nodes"]
    assert len(nodes) >= 10
    assert nodes == _whole(admin, "Issue", [node["id"] for node in nodes], selection)


@pytest.mark.parametrize("field", _fields("Area"))
def test_a_community_page_selecting_one_field_answers_as_whole_rows(
    admin: TestClient, field: str
) -> None:
    selection = _selection("Area", field)
    data = run(admin, f"{{ communities(first: 44) {{ nodes {{ id {selection} }} }} }}")
    nodes = data["communities"]["nodes"]
    assert len(nodes) == 44
    assert nodes == _whole(admin, "Area", [node["id"] for node in nodes], selection)


@pytest.mark.parametrize("field", ["reportedAt", "respondBy", "lateByHours", "category"])
def test_nested_issue_pages_selecting_one_field_answer_as_whole_rows(
    admin: TestClient, field: str
) -> None:
    selection = _selection("Issue", field)
    query = "{ communities(first: 10) { nodes { issues(first: 5) { nodes { id %s } } } } }"
    data = run(admin, query % selection)
    nodes = [n for c in data["communities"]["nodes"] for n in c["issues"]["nodes"]]
    assert len(nodes) >= 20
    assert nodes == _whole(admin, "Issue", [node["id"] for node in nodes], selection)


def test_cursors_of_a_projected_page_continue_it_as_a_whole_read_does(admin: TestClient) -> None:
    query = """query($after: String) {
      issues(first: 7, after: $after, orderBy: [{field: RESOLVED_AT}, {field: SATISFACTION}]) {
        pageInfo { endCursor hasNextPage } nodes { id %s }
      }
    }"""
    pages: dict[str, list[str]] = {}
    # Two projections: the sort keys alone beside the title, and the deadline fields too.
    for selection in ("title", "title lateBy description"):
        after, ids = None, []
        for _ in range(6):
            page = run(admin, query % selection, after=after)["issues"]
            ids += [node["id"] for node in page["nodes"]]
            after = page["pageInfo"]["endCursor"]
        pages[selection] = ids
    assert len(pages["title"]) == 42 == len(set(pages["title"]))
    assert pages["title"] == pages["title lateBy description"]


async def test_a_projected_read_holds_only_the_asked_properties_with_their_values(
    demo: Neo4jStore,
) -> None:
    asked = (("key", ""), ("reportedAt", "datetime"), ("resolvedAt", "datetime"), ("title", ""))
    projected, _ = await demo.page(
        Label.ISSUE,
        order=KEY_ORDER,
        limit=50,
        cursor=None,
        filters={},
        with_total=False,
        props=asked,
    )
    whole, _ = await demo.page(
        Label.ISSUE, order=KEY_ORDER, limit=50, cursor=None, filters={}, with_total=False
    )
    assert {frozenset(node) for node in projected} == {
        frozenset({"key", "reportedAt", "resolvedAt", "title", "_labels"})
    }
    for thin, full in zip(projected, whole, strict=True):
        assert {name: thin[name] for name, _ in asked} == {
            name: full.get(name) for name, _ in asked
        }
        assert isinstance(thin["reportedAt"], dt.datetime)
        assert thin["reportedAt"].utcoffset() == full["reportedAt"].utcoffset()
    assert any(node["resolvedAt"] is None for node in projected)
    assert any(isinstance(node["resolvedAt"], dt.datetime) for node in projected)
