"""With Neo4j unreachable the service stays up: health answers, reads say UNAVAILABLE."""

from __future__ import annotations

from settings import Settings
from tests.support.graphql import Api, Json, client_for, gid

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
