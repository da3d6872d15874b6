"""Open311 GeoReport v2: services, requests with the spec's filters, and intake by POST."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import SecretStr
from starlette.testclient import TestClient

from graph.model import Channel, Label, Rel
from graph.store import Neo4jStore
from resolvers.lifecycle import IssueDraft, Lifecycle, Resident
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for

V2 = "/open311/v2"
KEY = "good-key"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
REPORTER_NAME = "张三丰"
REPORTER_PHONE = "13800138000"
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def _client(settings: Settings) -> TestClient:
    keyed = settings.model_copy(update={"open311_api_keys": SecretStr(f"other-key, {KEY}")})
    return client_for(keyed)


async def _graph(store: Neo4jStore) -> dict[str, str]:
    """Two categories under a root, a street with two communities and a compound, 3 issues."""
    f = Fixture()
    f.add(Label.CATEGORY, "category/property", name="物业服务")
    f.add(Label.CATEGORY, "category/elevator", name="电梯维修", keywords=["电梯", "elevator"])
    f.add(Label.CATEGORY, "category/water", name="供水")
    f.link(Rel.PART_OF, "category/elevator", "category/property")
    f.add(Label.AREA, "area/street", name="东城街道", level="STREET")
    f.add(Label.AREA, "area/compound-a", name="甲小区3号院", level="COMPOUND")
    f.add(Label.COMMUNITY, "community/a", name="甲小区", level="COMMUNITY", lat=37.46, lon=118.44)
    f.add(Label.COMMUNITY, "community/b", name="乙小区", level="COMMUNITY", lat=37.40, lon=118.40)
    f.links(
        Rel.PART_OF,
        [
            ("community/a", "area/street"),
            ("community/b", "area/street"),
            ("area/compound-a", "community/a"),
        ],
    )
    f.add(Label.ORGANIZATION, "org/wuye", name="物业公司")
    f.add(Label.PERSON, "person/resident", name=REPORTER_NAME, phone=REPORTER_PHONE)
    await f.write(store)

    def at(days: float) -> Lifecycle:
        moment = NOW - dt.timedelta(days=days)
        return Lifecycle(store, "tester", clock=lambda: moment)

    working = (
        await at(2).report(
            IssueDraft(
                "电梯停运",
                Channel.PHONE,
                "category/elevator",
                "area/compound-a",
                description="3号楼电梯停运两天",
                reporter="person/resident",
            )
        )
    ).key
    await at(2).verify(working)
    await at(2).dispatch(working, "org/wuye", resolve_due=NOW + dt.timedelta(days=3))
    await at(1).accept(working)
    await at(1).start(working)
    rejected = (
        await at(10).report(IssueDraft("水压低", Channel.QR_CODE, "category/water", "community/b"))
    ).key
    await at(10).verify(rejected)
    await at(9).reject(rejected, "不属于受理范围")
    old = (
        await at(120).report(
            IssueDraft("电梯异响", Channel.PHONE, "category/elevator", "community/a")
        )
    ).key
    return {"working": working, "rejected": rejected, "old": old}


def _ids(body: list[dict[str, Any]]) -> list[str]:
    return [request["service_request_id"] for request in body]


async def test_services_are_the_categories_with_the_spec_fields(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    with _client(settings) as client:
        response = client.get(f"{V2}/services.json")
    assert response.status_code == 200
    services = {service["service_code"]: service for service in response.json()}
    assert set(services) == {"category/property", "category/elevator", "category/water"}
    assert services["category/elevator"] == {
        "service_code": "category/elevator",
        "service_name": "电梯维修",
        "description": "电梯维修",
        "metadata": False,
        "type": "realtime",
        "keywords": "电梯,elevator",
        "group": "物业服务",
    }
    assert services["category/water"]["group"] is None


async def test_requests_default_to_90_days_newest_first_with_public_fields_only(
    store: Neo4jStore, settings: Settings
) -> None:
    issues = await _graph(store)
    with _client(settings) as client:
        response = client.get(f"{V2}/requests.json")
    assert response.status_code == 200
    body = response.json()
    assert _ids(body) == [issues["working"], issues["rejected"]]
    assert all(set(request) == REQUEST_FIELDS for request in body)
    working, rejected = body
    assert working["status"] == "open"
    assert working["status_notes"] == "IN_PROGRESS"
    assert working["service_code"] == "category/elevator"
    assert working["service_name"] == "电梯维修"
    assert working["description"] == "3号楼电梯停运两天"
    assert working["agency_responsible"] == "物业公司"
    assert working["address"] == "甲小区3号院"
    assert working["address_id"] == "area/compound-a"
    # The compound has no coordinates: they come from its community.
    assert (working["lat"], working["long"]) == (37.46, 118.44)
    assert dt.datetime.fromisoformat(working["requested_datetime"]) == NOW - dt.timedelta(days=2)
    assert dt.datetime.fromisoformat(working["updated_datetime"]) == NOW - dt.timedelta(days=1)
    assert dt.datetime.fromisoformat(working["expected_datetime"]) == NOW + dt.timedelta(days=3)
    assert rejected["status"] == "closed"
    assert rejected["status_notes"] == "REJECTED"
    assert rejected["description"] == "水压低"
    assert rejected["agency_responsible"] is None
    assert rejected["expected_datetime"] is None
    assert (rejected["lat"], rejected["long"]) == (37.40, 118.40)
    assert REPORTER_NAME not in response.text
    assert REPORTER_PHONE not in response.text
    assert "person/resident" not in response.text


async def test_requests_filter_by_code_status_dates_and_ids(
    store: Neo4jStore, settings: Settings
) -> None:
    issues = await _graph(store)
    old_day = (NOW - dt.timedelta(days=120)).date()
    cases: list[tuple[dict[str, str], list[str]]] = [
        ({"service_code": "category/water"}, [issues["rejected"]]),
        ({"service_code": "category/property"}, []),
        ({"status": "open"}, [issues["working"]]),
        ({"status": "closed"}, [issues["rejected"]]),
        ({"status": "open,closed"}, [issues["working"], issues["rejected"]]),
        (
            {"start_date": (NOW - dt.timedelta(days=5)).isoformat()},
            [issues["working"]],
        ),
        (
            {"end_date": (NOW - dt.timedelta(days=5)).isoformat().replace("+00:00", "Z")},
            [issues["rejected"]],
        ),
        (
            {"start_date": str(old_day), "end_date": str(old_day + dt.timedelta(days=1))},
            [issues["old"]],
        ),
        # Listed ids override the window and every other filter.
        (
            {"service_request_id": f"{issues['old']},{issues['working']}", "status": "closed"},
            [issues["working"], issues["old"]],
        ),
    ]
    with _client(settings) as client:
        for params, expected in cases:
            response = client.get(f"{V2}/requests.json", params=params)
            assert response.status_code == 200, (params, response.text)
            assert _ids(response.json()) == expected, params


async def test_bad_filters_and_formats_are_400_with_the_spec_error_body(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    start = NOW - dt.timedelta(days=200)
    cases = [
        ("requests.json", {"status": "pending"}),
        ("requests.json", {"start_date": "yesterday"}),
        ("requests.json", {"start_date": start.isoformat(), "end_date": NOW.isoformat()}),
        ("requests.json", {"start_date": NOW.isoformat(), "end_date": start.isoformat()}),
        ("requests.xml", {}),
        ("services.xml", {}),
    ]
    with _client(settings) as client:
        for path, params in cases:
            response = client.get(f"{V2}/{path}", params=params)
            assert response.status_code == 400, (path, params)
            [error] = response.json()
            assert error["code"] == 400
            assert error["description"]
        xml = client.get(f"{V2}/services.xml").json()[0]["description"]
    assert ".json" in xml


async def test_one_request_is_a_one_element_list_and_unknown_ids_are_404(
    store: Neo4jStore, settings: Settings
) -> None:
    issues = await _graph(store)
    with _client(settings) as client:
        found = client.get(f"{V2}/requests/{issues['old']}.json")
        missing = client.get(f"{V2}/requests/issue/nope.json")
        xml = client.get(f"{V2}/requests/{issues['old']}.xml")
    assert found.status_code == 200
    [request] = found.json()
    assert request["service_request_id"] == issues["old"]
    assert (request["status"], request["status_notes"]) == ("open", "RECEIVED")
    assert missing.status_code == 404
    assert missing.json() == [
        {"code": 404, "description": "service_request_id issue/nope was not found"}
    ]
    assert xml.status_code == 400


async def test_posting_files_one_received_issue_in_the_nearest_community(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    before = await store.count_by_label()
    form = {
        "api_key": KEY,
        "service_code": "category/water",
        "lat": "37.455",
        "long": "118.437",
        "description": "楼道漏水\n已经两天了",
        "email": "resident@example.com",
        "first_name": "三",
        "last_name": "张",
        "phone": "13900139000",
        "client_request_id": "app-1",
    }
    with _client(settings) as client:
        response = client.post(f"{V2}/requests.json", data=form)
        again = client.post(f"{V2}/requests.json", data=form)
        listed = client.get(f"{V2}/requests.json", params={"service_code": "category/water"})
    assert response.status_code == 200, response.text
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    assert created["account_id"] is None
    assert "not stored" in created["service_notice"]
    key = created["service_request_id"]
    # The same client_request_id returns the first issue instead of filing a second one.
    assert again.json()[0]["service_request_id"] == key
    after = await store.count_by_label()
    assert after["Issue"] == before["Issue"] + 1
    assert after["IssueEvent"] == before["IssueEvent"] + 1
    assert after["Person"] == before["Person"]
    [issue] = await store.get_nodes(Label.ISSUE, [key])
    assert issue is not None
    assert issue["state"] == "RECEIVED"
    assert issue["channel"] == Channel.QR_CODE.value
    assert issue["title"] == "楼道漏水"
    assert not {"email", "phone", "firstName", "first_name", "reporter"} & set(issue)
    [[area]] = await store.neighbors(Label.ISSUE, [key], Rel.LOCATED_IN)
    assert area["key"] == "community/a"
    [[event]] = await store.neighbors(Label.ISSUE, [key], Rel.HAS_EVENT)
    assert (event["toState"], event["actor"]) == ("RECEIVED", "open311")
    assert listed.json()[0]["service_request_id"] == key
    assert "13900139000" not in listed.text


async def test_posting_json_with_an_address_string_or_id(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    bodies = [
        ({"address_string": "东城街道乙小区5号楼"}, "community/b"),
        ({"address_string": "东城街道甲小区3号院2单元"}, "area/compound-a"),
        ({"address_string": "甲小区"}, "community/a"),
        ({"address_id": "community/a"}, "community/a"),
    ]
    with _client(settings) as client:
        for location, area in bodies:
            body = {"api_key": KEY, "service_code": "category/elevator", **location}
            response = client.post(f"{V2}/requests.json", json=body)
            assert response.status_code == 200, response.text
            key = response.json()[0]["service_request_id"]
            [[found]] = await store.neighbors(Label.ISSUE, [key], Rel.LOCATED_IN)
            assert found["key"] == area, location
            [issue] = await store.get_nodes(Label.ISSUE, [key])
            assert issue is not None
            assert issue["title"] == "电梯维修"


async def test_bad_key_is_403_and_bad_input_is_400_and_nothing_is_written(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    before = await store.count_by_label()
    good = {"api_key": KEY, "service_code": "category/water", "lat": "37.4", "long": "118.4"}
    cases: list[tuple[dict[str, str], int]] = [
        ({**good, "api_key": "wrong"}, 403),
        ({k: v for k, v in good.items() if k != "api_key"}, 403),
        ({k: v for k, v in good.items() if k != "service_code"}, 400),
        ({**good, "service_code": "category/nope"}, 400),
        ({"api_key": KEY, "service_code": "category/water"}, 400),
        ({**good, "lat": "north"}, 400),
        ({**good, "lat": "95"}, 400),
        # Beijing is far from every community: not ours to file.
        ({**good, "lat": "39.9", "long": "116.4"}, 400),
        ({"api_key": KEY, "service_code": "category/water", "address_string": "火星"}, 400),
        ({"api_key": KEY, "service_code": "category/water", "address_id": "area/nope"}, 400),
        ({**good, "description": "长" * 4001}, 400),
    ]
    with _client(settings) as client:
        for form, status in cases:
            response = client.post(f"{V2}/requests.json", data=form)
            assert response.status_code == status, (form, response.text)
            [error] = response.json()
            assert error["code"] == status
    # With no keys configured, posting is off.
    with client_for(settings) as unconfigured:
        refused = unconfigured.post(f"{V2}/requests.json", data={**good, "api_key": ""})
    assert refused.status_code == 403
    assert await store.count_by_label() == before


async def test_public_requests_hide_phone_and_identity_numbers_and_the_reporters_name(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    told = Lifecycle(store, "tester", clock=lambda: NOW - dt.timedelta(hours=1))
    described_report = await told.report(
        IssueDraft(
            "楼顶漏水",
            Channel.PHONE,
            "category/water",
            "community/a",
            description=(
                "居民李秀英（身份证370502198001011234）反映2023年起楼顶漏水，涉及1100亩棚改区；"
                "请回电138-0013-8000或座机(0546)8123456，李女士白天在家。"
            ),
            resident=Resident.of("李秀英", "13700137000"),
        )
    )
    titled_report = await told.report(
        IssueDraft(
            "李秀英来电 +86 139 0013 9000 反映停水",
            Channel.PHONE,
            "category/water",
            "community/b",
            resident=Resident.of("李秀英", "13700137000"),
        )
    )
    described, titled = described_report.key, titled_report.key
    with _client(settings) as client:
        listed = client.get(f"{V2}/requests.json", params={"service_code": "category/water"})
        one = client.get(f"{V2}/requests/{described}.json")
        other = client.get(f"{V2}/requests/{titled}.json")
    assert listed.status_code == one.status_code == other.status_code == 200
    shown = {request["service_request_id"]: request["description"] for request in listed.json()}
    assert shown[described] == one.json()[0]["description"]
    assert shown[titled] == other.json()[0]["description"]
    for text in (listed.text, one.text, other.text):
        for secret in (
            "李秀英",
            "李女士",
            "370502198001011234",
            "138-0013-8000",
            "8123456",
            "139 0013 9000",
            "13700137000",
        ):
            assert secret not in text
    # What is not personal stays readable: years, counts and the rest of the sentence.
    assert "2023年起楼顶漏水，涉及1100亩棚改区" in shown[described]
    assert "反映停水" in shown[titled]


async def test_a_post_body_over_the_limit_is_413_and_writes_nothing(
    store: Neo4jStore, settings: Settings
) -> None:
    await _graph(store)
    before = await store.count_by_label()
    small = settings.model_copy(update={"max_body_mb": 0.001})
    good = {"api_key": KEY, "service_code": "category/water", "lat": "37.4", "long": "118.4"}
    oversized = {**good, "description": "长" * 600}
    with _client(small) as client:
        declared = client.post(f"{V2}/requests.json", data=oversized)

        def chunks() -> Iterator[bytes]:
            yield b"api_key=" + KEY.encode() + b"&service_code=category/water&description="
            yield from (b"x" * 256 for _ in range(8))

        streamed = client.post(
            f"{V2}/requests.json",
            content=chunks(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        accepted = client.post(f"{V2}/requests.json", data={**good, "description": "路灯不亮"})
    for response in (declared, streamed):
        assert response.status_code == 413, response.text
        [error] = response.json()
        assert error["code"] == 413
        assert "LIANXIN_MAX_BODY_MB" in error["description"]
    assert accepted.status_code == 200, accepted.text
    after = await store.count_by_label()
    assert after["Issue"] == before["Issue"] + 1
