"""Helpers for tests that speak GraphQL over HTTP to the app."""

from __future__ import annotations

import base64
from typing import Any

from starlette.testclient import TestClient

from resolvers.access.principal import Role
from resolvers.access.tokens import mint_token
from settings import Settings
from web.app import create_app

Json = dict[str, Any]


def bearer(
    settings: Settings, role: Role = Role.ADMIN, *, sub: str = "test-admin", org: str | None = None
) -> dict[str, str]:
    """An Authorization header for a token of `role`, signed with the service's secret."""
    token = mint_token(settings, sub=sub, role=role, org=org)
    return {"Authorization": f"Bearer {token}"}


def client_for(
    settings: Settings, role: Role = Role.ADMIN, *, sub: str = "test-admin", org: str | None = None
) -> TestClient:
    """A test client of a fresh app whose every request carries a token of `role`."""
    return TestClient(create_app(settings), headers=bearer(settings, role, sub=sub, org=org))


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
