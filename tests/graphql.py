"""Helpers for tests that speak GraphQL over HTTP to the app."""

from __future__ import annotations

import base64
from typing import Any

from starlette.testclient import TestClient

Json = dict[str, Any]


def gid(type_name: str, key: str) -> str:
    """The global ID of a node, as clients see it."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def post(client: TestClient, query: str, **variables: Any) -> Json:
    """The whole GraphQL response body, which must come with HTTP 200."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


def run(client: TestClient, query: str, **variables: Any) -> Json:
    """The `data` of a response that must have no errors."""
    body = post(client, query, **variables)
    assert "errors" not in body, body
    data: Json = body["data"]
    return data
