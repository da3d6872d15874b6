"""The resident's door (码上反映): a link's form and reports, its scope, expiry and revocation."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.clock import local_now
from resolvers.intake.codes import IntakeCodes
from settings import Settings
from tests.support.graphql import bearer, client_for, gid, run
from tests.support.intake import (
    COMMUNITY_A,
    COMMUNITY_B,
    ELEVATOR,
    LIGHTING,
    PROPERTY,
    TEAM,
    WORK_SITE,
    intake_graph,
    make_link,
    public_client,
    report_body,
)
from web.logs import QueryStringDropped

HAN = re.compile(r"[\u4e00-\u9fff]")
RECEIPT = re.compile(r"QR\d{8}-[2-9A-HJ-NP-Z]{6}")
REVOKE = "mutation Revoke($id: ID!) { revokeIntakeLink(id: $id) { intakeLink { revokedAt } } }"
ISSUES = """
MATCH (i:Issue)-[:LOCATED_IN]->(a:Area), (i)-[:IN_CATEGORY]->(c:Category)
OPTIONAL MATCH (r:Person)-[:REPORTED]->(i)
RETURN i.key AS key, i.receipt AS receipt, i.channel AS channel, i.state AS state,
       a.key AS area, c.key AS category, r {.name, .phone, .roles} AS reporter,
       COLLECT { MATCH (i)-[:HAS_EVENT]->(e) RETURN e.actor } AS actors
ORDER BY i.reportedAt
"""


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    """The intake graph in an emptied database."""
    await intake_graph(store)
    return store


@pytest.fixture
def admin(settings: Settings, graph: Neo4jStore) -> Iterator[TestClient]:
    """An admin's GraphQL client over the intake graph."""
    with client_for(settings) as client:
        yield client


@pytest.fixture
def resident(settings: Settings, graph: Neo4jStore) -> Iterator[TestClient]:
    """A resident's phone: no token."""
    with public_client(settings) as client:
        yield client


async def _issues(store: Neo4jStore) -> list[dict[str, Any]]:
    return await store.query(ISSUES)


def _refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert HAN.search(error["message"]), error
    return error


def test_the_form_shows_the_place_its_categories_and_the_service_phone(
    admin: TestClient, resident: TestClient, settings: Settings
) -> None:
    link = make_link(admin, COMMUNITY_A, label="3号楼大厅")
    response = resident.get(f"/api/intake/{link['code']}")
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    form = response.json()
    assert form["place"] == {"name": "甲社区", "kind": "COMMUNITY"}
    assert form["label"] == "3号楼大厅"
    assert form["servicePhone"] == settings.service_phone
    parents = {c["id"]: c["parent"] for c in form["categories"]}
    assert parents == {
        gid("Category", PROPERTY): None,
        gid("Category", LIGHTING): gid("Category", PROPERTY),
        gid("Category", ELEVATOR): gid("Category", PROPERTY),
    }


async def test_a_community_code_files_the_issue_in_that_community_as_a_qr_report(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    link = make_link(admin, COMMUNITY_A)
    # The code alone decides the place: a field naming another is not read.
    body = report_body(name="张桂兰", phone="138-0013-8000", area=gid("Area", COMMUNITY_B))
    response = resident.post(f"/api/intake/{link['code']}", json=body)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert set(answer) == {"receipt", "statusPath"}
    assert RECEIPT.fullmatch(answer["receipt"])
    secret = answer["statusPath"].removeprefix("/s/")
    assert answer["statusPath"].startswith("/s/") and len(secret) >= 22
    [issue] = await _issues(graph)
    assert issue["area"] == COMMUNITY_A and issue["category"] == LIGHTING
    assert issue["channel"] == "QR_CODE" and issue["state"] == "RECEIVED"
    assert issue["receipt"] == answer["receipt"]
    assert issue["actors"] == [f"resident:{answer['receipt']}"]
    # Staff find the issue a resident calls about by the receipt the resident reads out.
    shown = run(
        admin,
        "query ($id: ID!) { node(id: $id) { ... on Issue { receipt } } }",
        id=gid("Issue", issue["key"]),
    )
    assert shown["node"]["receipt"] == answer["receipt"]
    # As reportIssue keeps a named report's resident: this report's name and number.
    assert issue["reporter"] == {"name": "张桂兰", "phone": "13800138000", "roles": ["RESIDENT"]}
    # Only a digest of the status secret is stored.
    [stored] = await graph.query("MATCH (i:Issue) RETURN properties(i) AS props")
    assert secret not in str(stored["props"])


async def test_an_anonymous_report_stores_no_reporter(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    link = make_link(admin, COMMUNITY_B)
    response = resident.post(f"/api/intake/{link['code']}", json=report_body(anonymous=True))
    assert response.status_code == 201, response.text
    [issue] = await _issues(graph)
    assert issue["area"] == COMMUNITY_B and issue["reporter"] is None


async def test_a_labour_team_code_files_the_issue_where_its_project_lies(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    link = make_link(admin, TEAM, "Organization")
    form = resident.get(f"/api/intake/{link['code']}").json()
    assert form["place"] == {"name": "隧道一队", "kind": "LABOR_TEAM"}
    response = resident.post(f"/api/intake/{link['code']}", json=report_body())
    assert response.status_code == 201, response.text
    [issue] = await _issues(graph)
    assert issue["area"] == WORK_SITE
    # Once the project lies nowhere, its teams' links cannot place a report.
    await graph.execute("MATCH (:Organization)-[r:LOCATED_IN]->() DELETE r")
    _refused(resident.get(f"/api/intake/{link['code']}"), 410, "GONE")
    _refused(resident.post(f"/api/intake/{link['code']}", json=report_body()), 410, "GONE")
    assert len(await _issues(graph)) == 1


async def test_a_double_submit_is_one_issue_and_the_same_receipt(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    link, other = make_link(admin, COMMUNITY_A), make_link(admin, COMMUNITY_B)
    body = report_body()
    first = resident.post(f"/api/intake/{link['code']}", json=body)
    again = resident.post(f"/api/intake/{link['code']}", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(await _issues(graph)) == 1
    # The id is scoped to its link: the same id through another link is another report.
    elsewhere = resident.post(f"/api/intake/{other['code']}", json=body)
    assert elsewhere.status_code == 201
    assert elsewhere.json()["receipt"] != first.json()["receipt"]
    assert [i["area"] for i in await _issues(graph)] == [COMMUNITY_A, COMMUNITY_B]


async def test_tampered_unknown_and_token_codes_are_not_found(
    admin: TestClient, settings: Settings, graph: Neo4jStore
) -> None:
    code = make_link(admin, COMMUNITY_A)["code"]
    assert re.fullmatch(r"[0-9a-f]{56}", code)
    tail, mac = code[:24], code[24:]
    flipped = "a" if mac[0] != "a" else "b"
    other_tail = tail[:-1] + ("0" if tail[-1] != "0" else "1")
    unknown = IntakeCodes.of(settings).code("intake/" + "0" * 24)
    token = bearer(settings)["Authorization"].removeprefix("Bearer ")
    # Not limited here: every refusal must be the code's own.
    with public_client(settings, intake_reports_per_minute=0) as resident:
        for bad in (
            f"{tail}{flipped}{mac[1:]}",
            f"{other_tail}{mac}",
            code.upper(),
            unknown,
            token,
            "x",
        ):
            error = _refused(resident.get(f"/api/intake/{bad}"), 404, "NOT_FOUND")
            _refused(resident.post(f"/api/intake/{bad}", json=report_body()), 404, "NOT_FOUND")
            assert error["message"].startswith("二维码无效")
    assert await _issues(graph) == []


def test_the_console_serves_the_form_and_status_pages(
    admin: TestClient, resident: TestClient
) -> None:
    code = make_link(admin, COMMUNITY_A)["code"]
    answer = resident.post(f"/api/intake/{code}", json=report_body()).json()
    for page in (f"/r/{code}", answer["statusPath"]):
        response = resident.get(page, headers={"accept": "text/html"})
        # The console's page (or, where it is not built, how to build it): never a file's 404.
        assert response.status_code in (200, 503)
        assert response.headers["content-type"].startswith("text/html")


def test_an_intake_code_is_not_a_bearer_token(admin: TestClient, resident: TestClient) -> None:
    code = make_link(admin, COMMUNITY_A)["code"]
    response = resident.post(
        "/graphql",
        json={"query": "{ stats { communities } }"},
        headers={"Authorization": f"Bearer {code}"},
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_expired_link_is_gone_from_the_day_after_its_last(
    admin: TestClient, settings: Settings, graph: Neo4jStore
) -> None:
    today = local_now()
    link = make_link(admin, COMMUNITY_A, expiresOn=today.date().isoformat())
    with public_client(settings) as resident:
        assert resident.get(f"/api/intake/{link['code']}").status_code == 200
    tomorrow = today + dt.timedelta(days=1)
    with public_client(settings, clock=lambda: tomorrow) as late:
        error = _refused(late.get(f"/api/intake/{link['code']}"), 410, "GONE")
        assert "停用" in error["message"] and settings.service_phone in error["message"]
        posted = late.post(f"/api/intake/{link['code']}", json=report_body())
        _refused(posted, 410, "GONE")
    assert await _issues(graph) == []


async def test_a_revoked_link_is_refused(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    link = make_link(admin, COMMUNITY_A)
    assert resident.post(f"/api/intake/{link['code']}", json=report_body()).status_code == 201
    run(admin, REVOKE, id=link["id"])
    _refused(resident.get(f"/api/intake/{link['code']}"), 410, "GONE")
    _refused(resident.post(f"/api/intake/{link['code']}", json=report_body()), 410, "GONE")
    assert len(await _issues(graph)) == 1


BAD_REPORTS: list[tuple[str, dict[str, Any], str]] = [
    ("no title", {"title": " "}, "title"),
    ("long title", {"title": "灯" * 101}, "title"),
    ("long description", {"description": "灯" * 2001}, "description"),
    ("not a phone", {"phone": "12345"}, "phone"),
    ("eleven digits not a mobile", {"phone": "23800138000"}, "phone"),
    ("long name", {"name": "张" * 21, "phone": "13800138000"}, "name"),
    ("a name without a phone", {"name": "张三"}, "phone"),
    ("a phone without a name", {"phone": "13800138000"}, "name"),
    ("anonymous with a phone", {"anonymous": True, "phone": "13800138000"}, "anonymous"),
    ("no category", {"category": None}, "category"),
    ("an area as category", {"category": gid("Area", COMMUNITY_A)}, "category"),
    ("an unknown category", {"category": gid("Category", "category/none")}, "category"),
    ("a short client id", {"clientRequestId": "1"}, "clientRequestId"),
    ("a title that is a number", {"title": 5}, "title"),
]


@pytest.mark.parametrize(("case", "change", "field"), BAD_REPORTS, ids=[c[0] for c in BAD_REPORTS])
async def test_a_bad_report_is_refused_in_chinese_and_writes_nothing(
    admin: TestClient,
    resident: TestClient,
    graph: Neo4jStore,
    case: str,
    change: dict[str, Any],
    field: str,
) -> None:
    link = make_link(admin, COMMUNITY_A)
    body = report_body(**change)
    if change.get("category", "") is None:
        body.pop("category", None)
    error = _refused(resident.post(f"/api/intake/{link['code']}", json=body), 400, "BAD_USER_INPUT")
    assert error["field"] == field
    assert await _issues(graph) == []
    assert await graph.query("MATCH (p:Person) WHERE 'RESIDENT' IN p.roles RETURN p") == []


async def test_bodies_that_are_not_a_small_json_object_are_refused(
    admin: TestClient, resident: TestClient, graph: Neo4jStore
) -> None:
    url = f"/api/intake/{make_link(admin, COMMUNITY_A)['code']}"
    _refused(resident.post(url, content=b"[1, 2]"), 400, "BAD_USER_INPUT")
    _refused(resident.post(url, content=b"title=x"), 400, "BAD_USER_INPUT")
    huge = report_body(description="灯" * 6000)
    _refused(resident.post(url, json=huge), 413, "LIMIT_EXCEEDED")
    assert await _issues(graph) == []


async def test_reports_are_limited_per_client_with_a_chinese_429(
    admin: TestClient, settings: Settings, graph: Neo4jStore
) -> None:
    code = make_link(admin, COMMUNITY_A)["code"]
    with public_client(settings, intake_reports_per_minute=2) as resident:
        for _ in range(2):
            assert resident.post(f"/api/intake/{code}", json=report_body()).status_code == 201
        response = resident.post(f"/api/intake/{code}", json=report_body())
        error = _refused(response, 429, "LIMIT_EXCEEDED")
        assert "频繁" in error["message"]
        assert 1 <= int(response.headers["retry-after"]) <= 60
    assert len(await _issues(graph)) == 2


async def test_reports_are_limited_per_link(
    admin: TestClient, settings: Settings, graph: Neo4jStore
) -> None:
    busy, quiet = make_link(admin, COMMUNITY_A)["code"], make_link(admin, COMMUNITY_B)["code"]
    with public_client(settings, intake_link_reports_per_hour=1) as resident:
        # A refused report takes nothing of the link's hour.
        bad = resident.post(f"/api/intake/{busy}", json=report_body(title=""))
        assert bad.status_code == 400
        assert resident.post(f"/api/intake/{busy}", json=report_body()).status_code == 201
        response = resident.post(f"/api/intake/{busy}", json=report_body())
        error = _refused(response, 429, "LIMIT_EXCEEDED")
        assert "二维码" in error["message"] and int(response.headers["retry-after"]) > 60
        assert resident.post(f"/api/intake/{quiet}", json=report_body()).status_code == 201
    assert [i["area"] for i in await _issues(graph)] == [COMMUNITY_A, COMMUNITY_B]


def test_no_personal_data_reaches_the_log(
    admin: TestClient, resident: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    code = make_link(admin, COMMUNITY_A)["code"]
    name, phone, title, description = "欧阳娜娜", "13912345678", "楼上漏水严重", "卫生间天花板滴水"
    body = report_body(name=name, phone=phone, title=title, description=description)
    with caplog.at_level(logging.DEBUG):
        answer = resident.post(f"/api/intake/{code}", json=body).json()
        resident.post(f"/api/intake/{code}", json={**body, "phone": "1391234567x"})
        resident.get(answer["statusPath"].replace("/s/", "/api/status/"))
    # The test client's own lines name the URLs it called: they are the phone's, not ours.
    served = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("httpx")
    )
    assert "QR report" in served
    secret = answer["statusPath"].removeprefix("/s/")
    for private in (name, phone, title, description, secret, "1391234567x"):
        assert private not in served


def test_the_access_log_does_not_show_status_secrets() -> None:
    paths = {
        "/s/Zm9vYmFyYmF6cXV4": "/s/…",
        "/api/status/Zm9vYmFyYmF6cXV4": "/api/status/…",
        "/api/status/Zm9vYmFyYmF6cXV4/feedback": "/api/status/…/feedback",
        "/r/5cd60f67cf1a80b2f4": "/r/5cd60f67cf1a80b2f4",
    }
    for path, shown in paths.items():
        record = logging.LogRecord(
            "uvicorn.access",
            logging.INFO,
            "",
            0,
            '%s - "%s %s HTTP/%s" %d',
            ("127.0.0.1:5000", "GET", path, "1.1", 200),
            None,
        )
        QueryStringDropped().filter(record)
        assert record.getMessage() == f'127.0.0.1:5000 - "GET {shown} HTTP/1.1" 200'


def test_only_admins_make_links(settings: Settings, graph: Neo4jStore) -> None:
    create = 'mutation { createIntakeLink(input: {place: "%s"}) { intakeLink { id } } }'
    with client_for(settings, Role.OBSERVER, sub="person/observer") as observer:
        body = observer.post("/graphql", json={"query": create % gid("Area", COMMUNITY_A)}).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
