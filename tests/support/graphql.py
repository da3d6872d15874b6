"""GraphQL over HTTP for tests: tokens, clients of the real app, global IDs, request helpers."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.testclient import TestClient

from graph.store import Neo4jStore
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
    """The global ID Strawberry gives the node of `type_name` with `key`, as clients see it."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def key_of(global_id: str) -> str:
    """The key inside a global ID."""
    return base64.b64decode(global_id).decode().split(":", 1)[1]


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


@dataclass
class Api:
    """GraphQL over HTTP against one running app."""

    client: TestClient

    @property
    def store(self) -> Neo4jStore:
        """The app's own store (its round-trip counter sees every statement it runs)."""
        store: Neo4jStore = self.client.app.state.store  # type: ignore[attr-defined]
        return store

    def post(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The whole response body of one GraphQL request."""
        body: Json = {"query": query}
        if variables is not None:
            body["variables"] = dict(variables)
        response = self.client.post("/graphql", json=body)
        assert response.status_code == 200, response.text
        result: Json = response.json()
        return result

    def data(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The data of a request that must succeed without errors."""
        result = self.post(query, variables)
        assert "errors" not in result, result["errors"]
        data: Json = result["data"]
        return data

    def error(self, query: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The single error of a request that must fail."""
        result = self.post(query, variables)
        errors: list[Json] = result.get("errors") or []
        assert len(errors) == 1, result
        return errors[0]
