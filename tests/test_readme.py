"""Every GraphQL example in the README runs against the demo graph as written."""

from __future__ import annotations

import re
from typing import Any

from graph.store import Neo4jStore
from settings import PROJECT_ROOT, Settings
from tests.support.graphql import client_for

EXAMPLES = re.findall(
    r"```graphql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S
)


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    return value is not None


async def test_the_readme_has_an_example_for_each_user() -> None:
    assert len(EXAMPLES) >= 5


async def test_every_readme_example_runs_and_finds_something(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    with client_for(demo_settings) as client:
        for example in EXAMPLES:
            body = client.post("/graphql", json={"query": example}).json()
            assert "errors" not in body, (example, body)
            for field, value in body["data"].items():
                assert _has_content(value), (example, field, value)
