"""Chinese full-text search: ranking, types, paging, escaping, and the demo graph's 医保 issue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.paging import Cursor
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post
from tests.support.graphs import (
    BYSTANDER,
    HANDLER,
    RESIDENT,
    RESIDENT_NAME,
    RESIDENT_PHONE,
    STAFF,
    reported_resident,
)

Json = dict[str, Any]

SEARCH = """
query Search($text: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(text: $text, types: $types, first: $first, after: $after) {
    totalCount
    edges { cursor score node { __typename id ... on Issue { title } ... on Organization { name }
      ... on Person { name } ... on Project { name } ... on Area { name } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """One app per module; its store counts the statements the requests run."""
    with client_for(settings) as client:
        yield client


def search(client: TestClient, text: str, **variables: Any) -> Json:
    body = post(client, SEARCH, text=text, **variables)
    assert "errors" not in body, body
    result: Json = body["data"]["search"]
    return result


def error_code(client: TestClient, text: str, **variables: Any) -> str:
    body = post(client, SEARCH, text=text, **variables)
    [error] = body["errors"]
    code: str = error["extensions"]["code"]
    return code


def labels(result: Json) -> list[str]:
    return [edge["node"].get("title") or edge["node"].get("name") for edge in result["edges"]]


async def issues(store: Neo4jStore, *titles: str, description: str | None = None) -> None:
    rows = [
        {"key": f"issue/{n:02d}", "title": title, "state": "RECEIVED"}
        for n, title in enumerate(titles, start=1)
    ]
    if description is not None:
        rows[-1]["description"] = description
    await store.upsert_nodes(Label.ISSUE, rows)


# --- Hand-made graphs -------------------------------------------------------------------------


async def test_shorter_titles_rank_higher_and_non_matches_are_left_out(
    store: Neo4jStore, client: TestClient
) -> None:
    await issues(
        store, "社区食堂就餐难", "油田医保在社区周边无法结算问题", "医保报销", "医保异地结算"
    )
    result = search(client, "医保")
    assert labels(result) == ["医保报销", "医保异地结算", "油田医保在社区周边无法结算问题"]
    assert result["totalCount"] == 3
    scores = [edge["score"] for edge in result["edges"]]
    assert scores == sorted(scores, reverse=True)
    assert scores[-1] > 0


async def test_a_word_in_the_description_adds_to_the_title_match(
    store: Neo4jStore, client: TestClient
) -> None:
    await issues(store, "医保结算难题", "医保结算问题", description="居民无法使用医保结算")
    assert labels(search(client, "医保")) == ["医保结算问题", "医保结算难题"]


async def test_a_well_connected_node_outranks_an_equal_isolated_match(
    store: Neo4jStore, client: TestClient
) -> None:
    # Same title, so the same text score; only issue 02 has been worked on in the graph.
    await issues(store, "医保报销", "医保报销")
    f = Fixture()
    f.known(Label.ISSUE, "issue/02")
    for n in "ab":
        f.link(Rel.RESOLVED, f.add(Label.MEETING, f"meeting/{n}", title="会"), "issue/02")
    await f.write(store)
    edges = search(client, "医保")["edges"]
    assert [edge["node"]["id"] for edge in edges] == [
        gid("Issue", f"issue/{n}") for n in ("02", "01")
    ]
    assert edges[0]["score"] > edges[1]["score"]


async def test_multi_word_text_ranks_nodes_matching_more_words_first(
    store: Neo4jStore, client: TestClient
) -> None:
    await issues(store, "瑞景社区停水", "瑞景社区医保结算", "兴河小区医保结算")
    assert labels(search(client, "瑞景 医保"))[0] == "瑞景社区医保结算"
    # Chinese is written without spaces: the words need not stand side by side in the title.
    assert labels(search(client, "瑞景医保"))[0] == "瑞景社区医保结算"


async def test_results_are_typed_and_filtered_by_type(
    store: Neo4jStore, client: TestClient
) -> None:
    await issues(store, "医保报销")
    f = Fixture()
    f.add(Label.ORGANIZATION, "org/yb", name="区医保局")
    f.add(Label.PERSON, "person/yb", name="医保联络员")
    f.add(Label.PROJECT, "project/yb", name="医保直接结算工程")
    f.add(Label.COMMUNITY, "community/yb", name="医保小区")
    f.add(Label.CATEGORY, "category/yb", name="医保")
    await f.write(store)

    everything = search(client, "医保")
    kinds = sorted(edge["node"]["__typename"] for edge in everything["edges"])
    # Categories are not indexed; a community comes back as the Area it is.
    assert kinds == ["Area", "Issue", "Organization", "Person", "Project"]
    assert everything["totalCount"] == 5

    some = search(client, "医保", types=["ORGANIZATION", "AREA"])
    assert sorted(labels(some)) == ["区医保局", "医保小区"]
    assert some["totalCount"] == 2
    assert {edge["node"]["id"] for edge in some["edges"]} == {
        gid("Organization", "org/yb"),
        gid("Area", "community/yb"),
    }


async def test_paging_visits_every_result_once_in_rank_order(
    store: Neo4jStore, client: TestClient
) -> None:
    # Eleven identical titles tie on score, so the key must break ties for the cursor.
    await issues(store, *["医保报销"] * 11, "油田医保在瑞景社区周边无法结算", "停水")
    first = search(client, "医保", first=4)
    assert first["totalCount"] == 12
    seen: list[str] = []
    scores: list[float] = []
    after: str | None = None
    pages = 0
    while True:
        page = search(client, "医保", first=4, after=after)
        pages += 1
        assert page["totalCount"] == 12
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        scores += [edge["score"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 12
    assert scores == sorted(scores, reverse=True)
    assert seen[:4] == [edge["node"]["id"] for edge in first["edges"]]


async def test_a_written_node_is_found_by_the_next_search(
    store: Neo4jStore, client: TestClient
) -> None:
    # The index is updated when the write commits, so no waiting is needed.
    assert search(client, "暖气")["totalCount"] == 0
    await issues(store, "暖气不热")
    assert labels(search(client, "暖气")) == ["暖气不热"]


@pytest.mark.parametrize(
    "text",
    [
        "医保 AND (",
        "医保 OR",
        "NOT 医保",
        "医保 && ||",
        "医保~2",
        "医保^10",
        "title:医保",
        '"医保',
        "医保\\",
        "/医保/",
        "[医保 TO 结算]",
        "{医保}",
        "医保!",
        "+医保 -结算",
        "医保*",
        "医保?",
    ],
)
async def test_query_syntax_in_the_text_is_searched_as_plain_text(
    store: Neo4jStore, client: TestClient, text: str
) -> None:
    await issues(store, "医保报销", "停水")
    assert labels(search(client, text)) == ["医保报销"]


@pytest.mark.parametrize("text", ["", "   ", "*", "(", "&& ||", "？！", "医" * 101])
async def test_text_with_nothing_to_search_for_is_bad_user_input(
    client: TestClient, text: str
) -> None:
    assert error_code(client, text) == "BAD_USER_INPUT"


async def test_stop_words_alone_find_nothing_rather_than_fail(
    store: Neo4jStore, client: TestClient
) -> None:
    await issues(store, "and or not")
    assert search(client, "AND")["totalCount"] == 0


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "not-a-cursor"}, "cursor"),
        # A cursor from a list ordered by name cannot page search results.
        ({"after": Cursor.one("name", "医保", "issue/01").encode()}, "cursor"),
        ({"after": Cursor.one("score", "high", "issue/01").encode()}, "cursor"),
    ],
)
async def test_bad_paging_arguments_are_refused(
    client: TestClient, variables: Json, argument: str
) -> None:
    body = post(client, SEARCH, text="医保", **variables)
    [error] = body["errors"]
    assert error["extensions"]["code"] in {"BAD_USER_INPUT", "LIMIT_EXCEEDED"}
    assert error["extensions"]["field"] == argument


async def test_one_search_is_one_round_trip(store: Neo4jStore, client: TestClient) -> None:
    await issues(store, *["医保报销"] * 5)
    app_store: Neo4jStore = client.app.state.store  # type: ignore[attr-defined]
    before = app_store.round_trips
    assert len(search(client, "医保", first=3)["edges"]) == 3
    assert app_store.round_trips - before == 1


async def test_a_resident_shown_masked_is_not_found_by_its_name(
    store: Neo4jStore, settings: Settings
) -> None:
    await reported_resident(store)
    resident, staff = gid("Person", RESIDENT), gid("Person", STAFF)
    readers = (
        (Role.ADMIN, "test-admin", None, True),
        (Role.COORDINATOR, "person/h", HANDLER, True),
        (Role.COORDINATOR, "person/b", BYSTANDER, False),
        (Role.OBSERVER, "person/obs", None, False),
    )
    for role, sub, org, whole in readers:
        with client_for(settings, role, sub=sub, org=org) as reader:
            for text in (RESIDENT_NAME, "小明", "王小", RESIDENT_PHONE):
                found = [edge["node"]["id"] for edge in search(reader, text)["edges"]]
                # A phone number is not searchable text for anyone.
                assert (resident in found) is (whole and text != RESIDENT_PHONE), (sub, text)
            # Public people are found by name as before.
            assert staff in [edge["node"]["id"] for edge in search(reader, "王五")["edges"]]


# --- The demo graph (kept last: the tests above empty the database) ---------------------------


@pytest.fixture(scope="module")
def demo_client(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An app over the session's demo-graph database."""
    with client_for(demo_settings) as client:
        yield client


async def test_the_ruijing_medical_insurance_issue_is_in_the_top_three(
    demo_client: TestClient,
) -> None:
    result = search(demo_client, "医保", first=10)
    top = labels(result)[:3]
    assert "油田医保在瑞景社区周边无法结算" in top, top
    # Hundreds of hotline calls mention 医保; the ranking must not drown the real case.
    assert result["totalCount"] > 100


async def test_issue_search_in_the_demo_graph_returns_only_issues(demo_client: TestClient) -> None:
    result = search(demo_client, "瑞景社区", types=["ISSUE"], first=20)
    assert {edge["node"]["__typename"] for edge in result["edges"]} == {"Issue"}
    assert any("瑞景社区" in title for title in labels(result))
