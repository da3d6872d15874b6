"""With Neo4j unreachable the service stays up: health answers, reads say UNAVAILABLE."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from graph.driver import open_driver
from graph.errors import StoreUnavailable
from graph.outage import answered, request_budget
from graph.store import Neo4jStore
from settings import Settings
from tests.support.graphql import Api, Json, client_for, gid
from tests.unit.conftest import NOWHERE

ISSUE_STEP = "mutation($id: ID!) { verifyIssue(id: $id) { issue { id } userErrors { code } } }"


def _code(error: Json) -> str:
    code: str = error["extensions"]["code"]
    return code


def test_healthz_answers_without_the_database(settings: Settings) -> None:
    unreachable = settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1"})
    with client_for(unreachable) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert "unreachable" in ready.json()["neo4j"]


def test_neo4j_down_is_unavailable_and_health_still_answers(settings: Settings) -> None:
    down = settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_retry_seconds": 0.0}
    )
    with client_for(down) as client:
        api = Api(client)
        for query in ("{ organizations(first: 2) { totalCount } }", "{ stats { communities } }"):
            error = api.error(query)
            assert _code(error) == "UNAVAILABLE", error
            assert "bolt://" not in error["message"]
        error = api.error(ISSUE_STEP, {"id": gid("Issue", "issue/a")})
        assert _code(error) == "UNAVAILABLE"
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").status_code == 503


async def test_a_request_waits_for_an_unreachable_neo4j_once(settings: Settings) -> None:
    store = Neo4jStore(open_driver(settings), settings.neo4j_database)
    opened = 0
    session = store.driver.session

    def counted(**config: Any) -> Any:
        nonlocal opened
        opened += 1
        return session(**config)

    store.driver.session = counted  # type: ignore[method-assign]
    try:
        with request_budget():
            for _ in range(3):
                with pytest.raises(StoreUnavailable):
                    await store.query("RETURN 1")
        # Outside a request's budget each call tries on its own again.
        with pytest.raises(StoreUnavailable):
            await store.query("RETURN 1")
    finally:
        await store.driver.close()
    assert opened == 2


async def test_a_store_call_gives_up_when_neo4j_never_takes_its_transaction() -> None:
    async def never(work: Any) -> Any:
        await asyncio.Event().wait()

    async def starts(work: Any) -> Any:
        # Once the transaction runs, Neo4j answered: no deadline cuts it short.
        return await work(None)

    async def slow(tx: Any) -> str:
        await asyncio.sleep(0.05)
        return "done"

    with pytest.raises(StoreUnavailable, match="did not answer"):
        await answered(never, slow, seconds=0.01)
    assert await answered(starts, slow, seconds=0.01) == "done"


async def test_the_driver_retry_warnings_are_debug_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    await open_driver(Settings(neo4j_uri=NOWHERE)).close()
    with caplog.at_level(logging.INFO, logger="neo4j"):
        logging.getLogger("neo4j.session").warning(
            "Transaction failed and will be retried in %ss (%s)", 1.0, "refused"
        )
    assert caplog.records == []
