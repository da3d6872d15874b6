"""Unit tests start no server: their settings point at a closed port."""

from __future__ import annotations

import pytest

from settings import Settings
from tests.conftest import configured_settings

# Port 1 refuses at once, so a unit test that reaches for the store fails instead of waiting.
NOWHERE = "bolt://127.0.0.1:1"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The tests' settings without a database: tokens sign and verify, nothing connects."""
    return configured_settings().model_copy(
        update={"neo4j_uri": NOWHERE, "neo4j_retry_seconds": 0.0}
    )
