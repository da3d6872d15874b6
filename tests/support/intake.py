"""Residents' QR intake in tests: a small graph with two communities and a labour team, links."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.clock import Clock, local_now
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import gid, run
from web.app import create_app

COMMUNITY_A, COMMUNITY_B = "community/a", "community/b"
TEAM, RAILWAY, ADRIFT = "org/tunnel-1", "org/railway", "org/adrift"
WORK_SITE = "area/work-site"
LEAD = "org/property"
STAFF_NAME = "李建国"
LIGHTING, ELEVATOR, PROPERTY = "category/lighting", "category/elevator", "category/property"

CREATE = """
mutation Create($input: CreateIntakeLinkInput!) {
  createIntakeLink(input: $input) {
    intakeLink { id key label code path qrSvg createdAt expiresOn revokedAt
                 place { id ... on Area { name } ... on Organization { name } } }
    userErrors { field message code }
  }
}
"""


async def intake_graph(store: Neo4jStore) -> None:
    """Categories under a root, communities A and B, a labour team of a located railway project."""
    f = Fixture()
    f.add(Label.CATEGORY, PROPERTY, name="物业服务")
    f.add(Label.CATEGORY, LIGHTING, name="楼道照明")
    f.add(Label.CATEGORY, ELEVATOR, name="电梯维修")
    f.links(Rel.PART_OF, [(LIGHTING, PROPERTY), (ELEVATOR, PROPERTY)])
    f.add(Label.AREA, "area/street", name="文汇街道", level="STREET")
    f.add(Label.COMMUNITY, COMMUNITY_A, name="甲社区", level="COMMUNITY")
    f.add(Label.COMMUNITY, COMMUNITY_B, name="乙社区", level="COMMUNITY")
    f.add(Label.AREA, WORK_SITE, name="康渝高铁工地", level="COMPOUND")
    f.links(Rel.PART_OF, [(COMMUNITY_A, "area/street"), (COMMUNITY_B, "area/street")])
    f.add(Label.ORGANIZATION, RAILWAY, name="康渝高铁项目部", kind="ENTERPRISE")
    f.add(Label.ORGANIZATION, TEAM, name="隧道一队", kind="LABOR_TEAM")
    f.add(Label.ORGANIZATION, ADRIFT, name="无处单位", kind="ENTERPRISE")
    f.add(Label.ORGANIZATION, LEAD, name="甲物业公司", kind="SERVICE_COMPANY")
    f.add(Label.PERSON, "person/li", name=STAFF_NAME, roles=["STAFF"], phone="13900001111")
    f.link(Rel.PART_OF, TEAM, RAILWAY)
    f.link(Rel.LOCATED_IN, RAILWAY, WORK_SITE)
    f.link(Rel.MEMBER_OF, "person/li", LEAD)
    await f.write(store)


def make_link(
    admin: TestClient, place: str, type_name: str = "Area", **more: Any
) -> dict[str, Any]:
    """A new intake link for `place`, made by an admin through GraphQL."""
    data = run(admin, CREATE, input={"place": gid(type_name, place), **more})
    payload = data["createIntakeLink"]
    assert payload["userErrors"] == [], payload
    link: dict[str, Any] = payload["intakeLink"]
    return link


def public_client(settings: Settings, clock: Clock = local_now, **overrides: Any) -> TestClient:
    """A client of a fresh app that sends no token, as a resident's phone does."""
    return TestClient(create_app(settings.model_copy(update=overrides), clock=clock))


def report_body(**fields: Any) -> dict[str, Any]:
    """A valid report, with a fresh clientRequestId, changed by `fields`."""
    body = {
        "clientRequestId": uuid.uuid4().hex,
        "category": gid("Category", LIGHTING),
        "title": "楼道灯不亮",
        "description": "三单元二楼楼道灯坏了一周",
    }
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}
