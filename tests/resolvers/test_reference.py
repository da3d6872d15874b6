"""Reference-data upserts by stable key: idempotent, all-or-nothing, validated."""

from __future__ import annotations

from graph.model import Label
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, run

UPSERT_ORG = """
mutation($input: OrganizationInput!) {
  upsertOrganization(input: $input) {
    node { id name kind parent { name } area { name } }
    userErrors { field message code }
  }
}
"""


async def test_upserting_an_organization_twice_keeps_one_node_and_the_latest_values(
    store: Neo4jStore, settings: Settings
) -> None:
    await store.upsert_nodes(
        Label.ORGANIZATION,
        [{"key": "org/center", "name": "中心"}, {"key": "org/office", "name": "办公室"}],
    )
    with client_for(settings) as client:
        for name, parent in (("物业公司", "org/center"), ("物业服务公司", "org/office")):
            data = run(
                client,
                UPSERT_ORG,
                input={
                    "key": "org/wuye",
                    "name": name,
                    "kind": "SERVICE_COMPANY",
                    "parent": gid("Organization", parent),
                },
            )
    payload = data["upsertOrganization"]
    assert payload["userErrors"] == []
    assert payload["node"]["name"] == "物业服务公司"
    assert payload["node"]["parent"] == {"name": "办公室"}
    assert (await store.count_by_label())["Organization"] == 3
    # The second upsert replaced the parent link rather than adding a second one.
    assert (await store.count_by_relationship())["PART_OF"] == 1


async def test_a_missing_link_target_writes_nothing(store: Neo4jStore, settings: Settings) -> None:
    with client_for(settings) as client:
        data = run(
            client,
            UPSERT_ORG,
            input={
                "key": "org/new",
                "name": "新单位",
                "kind": "REGIONAL_UNIT",
                "area": gid("Area", "community/nowhere"),
            },
        )
    errors = data["upsertOrganization"]["userErrors"]
    assert data["upsertOrganization"]["node"] is None
    assert errors[0]["code"] == "BAD_USER_INPUT"
    assert "community/nowhere" in errors[0]["message"]
    assert (await store.count_by_label())["Organization"] == 0


async def test_bad_keys_names_and_id_types_are_user_errors(
    store: Neo4jStore, settings: Settings
) -> None:
    cases = [
        ({"key": "has space", "name": "x", "kind": "SCHOOL"}, "key"),
        ({"key": "org/x", "name": "  ", "kind": "SCHOOL"}, "name"),
        ({"key": "org/x", "name": "x", "kind": "SCHOOL", "area": gid("Person", "p/1")}, "area"),
    ]
    with client_for(settings) as client:
        for payload_input, field in cases:
            data = run(client, UPSERT_ORG, input=payload_input)["upsertOrganization"]
            assert data["node"] is None
            assert data["userErrors"][0]["field"] == [field], payload_input
    assert (await store.count_by_label())["Organization"] == 0


async def test_a_community_area_carries_the_community_label(
    store: Neo4jStore, settings: Settings
) -> None:
    query = """
    mutation($input: AreaInput!) {
      upsertArea(input: $input) { node { name level } userErrors { message } }
    }
    """
    with client_for(settings) as client:
        run(client, query, input={"key": "area/street", "name": "街道", "level": "STREET"})
        data = run(
            client,
            query,
            input={
                "key": "community/x",
                "name": "新小区",
                "level": "COMMUNITY",
                "parent": gid("Area", "area/street"),
            },
        )
        communities = run(client, "{ communities { totalCount nodes { name parent { name } } } }")
    assert data["upsertArea"]["node"] == {"name": "新小区", "level": "COMMUNITY"}
    assert communities["communities"] == {
        "totalCount": 1,
        "nodes": [{"name": "新小区", "parent": {"name": "街道"}}],
    }


async def test_a_routing_rule_links_its_categories_areas_lead_and_escalation_chain(
    store: Neo4jStore, settings: Settings
) -> None:
    f = Fixture()
    f.add(Label.CATEGORY, "category/water", name="供水")
    f.add(Label.COMMUNITY, "community/a", name="甲小区")
    f.add(Label.ORGANIZATION, "org/water", name="供水公司")
    f.add(Label.ORGANIZATION, "org/center", name="中心")
    f.add(Label.ORGANIZATION, "org/gov", name="住建局")
    await f.write(store)
    query = """
    mutation($input: RoutingRuleInput!) {
      upsertRoutingRule(input: $input) {
        node {
          name responseHours categories { name } areas { name } lead { name }
          escalations { level afterHours organization { name } }
        }
        userErrors { field message }
      }
    }
    """
    rule = {
        "key": "rule/water-a",
        "name": "甲小区供水",
        "responseHours": 2,
        "categories": [gid("Category", "category/water")],
        "areas": [gid("Area", "community/a")],
        "lead": gid("Organization", "org/water"),
        "escalations": [
            {"organization": gid("Organization", "org/gov"), "level": 2, "afterHours": 48},
            {"organization": gid("Organization", "org/center"), "level": 1, "afterHours": 24},
        ],
    }
    with client_for(settings) as client:
        node = run(client, query, input=rule)["upsertRoutingRule"]["node"]
        again = run(client, query, input=rule)["upsertRoutingRule"]["node"]
    assert node == again
    assert node["lead"] == {"name": "供水公司"}
    assert node["categories"] == [{"name": "供水"}]
    assert node["areas"] == [{"name": "甲小区"}]
    assert [(e["level"], e["organization"]["name"]) for e in node["escalations"]] == [
        (1, "中心"),
        (2, "住建局"),
    ]
    assert (await store.count_by_relationship())["ESCALATE"] == 2
