"""GraphQL over HTTP: methods, media types and status codes as the spec asks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.model import Label
from graph.store import Neo4jStore
from settings import Settings
from tests.support.graphql import client_for

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


@pytest.mark.parametrize("body", ["true", "123", '"x"', "null", "1.5"])
async def test_a_body_that_is_not_an_object_is_400_with_a_code(
    client: TestClient, body: str
) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "JSON object" in error["message"]
    # The service is still up and answers the next request.
    assert client.post("/graphql", json={"query": "{ __typename }"}).status_code == 200


async def test_other_refusals_of_the_http_layer_carry_a_code_too(client: TestClient) -> None:
    broken = client.post("/graphql", content="{", headers={"content-type": "application/json"})
    assert broken.status_code == 400
    assert broken.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    missing = client.post("/graphql", json={})
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


SUBSCRIPTION = "subscription { issueEvents { seq } }"


@pytest.mark.parametrize("method", ["POST", "GET"])
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_a_subscription_over_http_is_a_request_error_naming_the_websocket_protocol(
    client: TestClient, method: str, accept: str
) -> None:
    headers = {"accept": accept}
    if method == "POST":
        response = client.post("/graphql", json={"query": SUBSCRIPTION}, headers=headers)
    else:
        response = client.get("/graphql", params={"query": SUBSCRIPTION}, headers=headers)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "graphql-transport-ws" in error["message"]
    assert "data" not in response.json() or response.json()["data"] is None


TWO_OPERATIONS = "query A { stats { communities } } query B { __typename }"


async def test_two_operations_without_an_operation_name_is_a_request_error(
    client: TestClient,
) -> None:
    for accept, status in (("application/json", 200), (GRAPHQL_RESPONSE, 400)):
        response = client.post(
            "/graphql", json={"query": TWO_OPERATIONS}, headers={"accept": accept}
        )
        assert response.status_code == status, accept
        body = response.json()
        assert body.get("data") is None
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "operationName" in error["message"]


async def test_two_operations_with_an_operation_name_runs_that_one(client: TestClient) -> None:
    body = {"query": TWO_OPERATIONS, "operationName": "B"}
    assert client.post("/graphql", json=body).json() == {"data": {"__typename": "Query"}}
    unknown = client.post("/graphql", json={**body, "operationName": "C"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.fixture
def small(store: Neo4jStore, settings: Settings) -> Iterator[TestClient]:
    limited = settings.model_copy(update={"max_body_mb": 0.01})
    with client_for(limited) as client:
        yield client


def _padded(size: int) -> bytes:
    return ('{"query": "{ __typename }", "variables": {"pad": "' + "x" * size + '"}}').encode()


async def test_a_body_over_the_limit_is_413_by_its_declared_length(small: TestClient) -> None:
    response = small.post(
        "/graphql", content=_padded(20_000), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "LIANXIN_MAX_BODY_MB" in error["message"]
    assert small.post("/graphql", json={"query": "{ __typename }"}).status_code == 200


async def test_a_chunked_body_over_the_limit_is_413_while_it_streams(small: TestClient) -> None:
    body = _padded(20_000)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    response = small.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"


async def test_a_body_under_the_limit_is_served(small: TestClient) -> None:
    response = small.post(
        "/graphql", content=_padded(1_000), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_the_body_limit_defaults_to_a_few_megabytes() -> None:
    assert 1 <= Settings().max_body_mb <= 2
