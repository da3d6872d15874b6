"""GraphQL over HTTP: methods, media types and status codes as the spec asks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.model import Label
from graph.store import Neo4jStore
from settings import Settings
from tests.support.graphql import client_for
from web.app import create_app

QUERY = "{ communities(first: 1) { totalCount } }"
GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
def client(store: Neo4jStore, settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as client:
        yield client


async def _one_community(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.COMMUNITY, [{"key": "community/a", "name": "甲小区"}])


async def test_post_json_answers_a_query(store: Neo4jStore, client: TestClient) -> None:
    await _one_community(store)
    response = client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"data": {"communities": {"totalCount": 1}}}


async def test_get_answers_a_query(store: Neo4jStore, client: TestClient) -> None:
    await _one_community(store)
    response = client.get("/graphql", params={"query": QUERY})
    assert response.status_code == 200
    assert response.json()["data"]["communities"]["totalCount"] == 1


async def test_get_refuses_a_mutation_with_405(client: TestClient) -> None:
    mutation = 'mutation { verifyIssue(id: "SXNzdWU6aXNzdWUveA==") { userErrors { message } } }'
    response = client.get("/graphql", params={"query": mutation})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_graphql_response_media_type_is_honoured(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": "{ stats { communities } }"},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)


async def test_request_errors_are_400_with_graphql_response_and_200_with_json(
    client: TestClient,
) -> None:
    for query in ("{ stats { communities ", "{ noSuchField }"):
        strict = client.post(
            "/graphql", json={"query": query}, headers={"accept": GRAPHQL_RESPONSE}
        )
        assert strict.status_code == 400, query
        assert "data" not in strict.json()
        assert strict.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        legacy = client.post("/graphql", json={"query": query})
        assert legacy.status_code == 200, query
        assert legacy.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_missing_query_is_400(client: TestClient) -> None:
    assert client.post("/graphql", json={}).status_code == 400


async def test_other_methods_are_405(client: TestClient) -> None:
    assert client.put("/graphql", json={"query": QUERY}).status_code == 405


async def test_graphiql_is_served_to_browsers_without_a_token(settings: Settings) -> None:
    with TestClient(create_app(settings)) as browser:
        response = browser.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_graphiql_is_served_to_browsers(client: TestClient) -> None:
    response = client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()
