"""The committed SDL matches the code, so front ends can trust schema.graphql."""

from __future__ import annotations

from schema import schema
from settings import PROJECT_ROOT


def test_committed_sdl_matches_the_code() -> None:
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "schema.graphql is stale: run `make schema`"
