"""The resident's QR form (码上反映) on a phone, its status page, and the admin's QR sheets."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service

# A first load on a cold service, on a shared and busy machine, can take tens of seconds.
FIRST_LOAD = 60_000
PHONE = {"width": 390, "height": 844}
# The receipt's form, as the README gives it: the day and six unambiguous characters.
RECEIPT = re.compile(r"QR\d{8}-[2-9A-HJ-NP-Z]{6}")
# A category the demo routes in every community (as the desk's tests rely on).
CATEGORY = "供水排水"
STEPS = ("verifyIssue", "dispatchIssue", "acceptIssue", "startIssue", "resolveIssue")
ISSUES = """
query IntakeTestIssues($title: String!) {
  issues(first: 10, filter: { titlePrefix: $title }) {
    totalCount
    nodes { id title state channel events { seq toState actor note } }
  }
}
"""


def _graphql(service: Service, query: str, **variables: Any) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{service.base}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {service.token(Role.ADMIN)}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    assert "errors" not in answer, answer
    return answer["data"]


def _public(service: Service, path: str) -> tuple[int, dict[str, Any]]:
    """A public endpoint's status and JSON, as a phone with no token gets them."""
    try:
        with urllib.request.urlopen(f"{service.base}{path}", timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _community(service: Service) -> dict[str, str]:
    return _graphql(service, "{ communities(first: 1) { nodes { id name } } }")["communities"][
        "nodes"
    ][0]


def _link(service: Service, place: str, label: str) -> dict[str, Any]:
    made = _graphql(
        service,
        """mutation IntakeTestLink($input: CreateIntakeLinkInput!) {
             createIntakeLink(input: $input) {
               intakeLink { id code path } userErrors { message }
             }
           }""",
        input={"place": place, "label": label},
    )["createIntakeLink"]
    assert made["userErrors"] == [], made
    return made["intakeLink"]


def _issues(service: Service, title: str) -> dict[str, Any]:
    return _graphql(service, ISSUES, title=title)["issues"]


def _resident(context: BrowserContext, service: Service) -> tuple[Page, list[Request]]:
    """A phone-sized page in a browser that holds an admin's token, and every request it sends."""
    staff = context.new_page()
    staff.goto(service.signed_in("/people", Role.ADMIN), timeout=FIRST_LOAD)
    expect(staff.get_by_test_id("who")).to_be_visible(timeout=FIRST_LOAD)
    staff.close()
    phone = context.new_page()
    phone.set_viewport_size(PHONE)
    phone.set_default_timeout(15_000)
    sent: list[Request] = []
    phone.on("request", lambda request: sent.append(request))
    return phone, sent


def _no_token_sent(phone: Page, sent: list[Request]) -> None:
    """The kept staff token is there to send, and no request of the public pages carried it."""
    assert phone.evaluate("localStorage.getItem('lianxin.token')"), "the browser holds no token"
    api = [request for request in sent if "/api/" in request.url]
    assert api, "the public page made no API request"
    carrying = [r.url for r in sent if "authorization" in r.all_headers()]
    assert carrying == []
    assert not [r.url for r in sent if r.url.endswith("/graphql")]


def test_a_resident_reports_once_reads_the_status_and_reopens_it_by_rating(
    service: Service, context: BrowserContext
) -> None:
    community = _community(service)
    link = _link(service, community["id"], "1号楼门厅")
    title = f"码上反映测试{uuid.uuid4().hex[:8]}"
    phone, sent = _resident(context, service)

    phone.goto(f"{service.base}{link['path']}", timeout=FIRST_LOAD)
    expect(phone.get_by_test_id("place")).to_have_text(community["name"], timeout=FIRST_LOAD)
    expect(phone.get_by_text("1号楼门厅")).to_be_visible()
    expect(phone.locator(".topbar")).to_have_count(0)
    phone.locator("select[name=category]").select_option(label=CATEGORY)
    phone.locator("input[name=title]").fill(title)
    phone.locator("textarea[name=description]").fill("3号楼楼道水管漏水，地面积水。")
    phone.locator("input[name=name]").fill("王测试")
    phone.locator("input[name=phone]").fill("1381234")
    phone.get_by_role("button", name="提交").click()
    expect(phone.get_by_test_id("problem")).to_contain_text("联系电话格式不对")
    phone.locator("input[name=phone]").fill("138 1234 5678")

    # The first answer is lost after the service took the report: the resident taps again.
    posts: list[dict[str, Any]] = []

    def lose_first_answer(route: Route) -> None:
        posts.append(json.loads(route.request.post_data or "{}"))
        response = route.fetch()
        if len(posts) == 1:
            assert response.status == 201, response.text()
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    phone.route(f"**{link['path'].replace('/r/', '/api/intake/')}", lose_first_answer)
    # Two taps in one instant: the page sends one request.
    phone.locator("form.intake").evaluate("form => { form.requestSubmit(); form.requestSubmit(); }")
    expect(phone.get_by_test_id("problem")).to_contain_text("无法连接服务")
    assert len(posts) == 1
    phone.get_by_role("button", name="提交").click()
    receipt = phone.get_by_test_id("receipt-number")
    expect(receipt).to_have_text(RECEIPT)
    assert len(posts) == 2 and posts[0]["clientRequestId"] == posts[1]["clientRequestId"]
    number = receipt.inner_text()

    found = _issues(service, title)
    assert found["totalCount"] == 1, found
    [issue] = found["nodes"]
    assert (issue["title"], issue["channel"]) == (title, "QR_CODE")
    status_link = phone.get_by_test_id("status-link").input_value()
    assert re.fullmatch(rf"{re.escape(service.base)}/s/[^/]+", status_link), status_link
    expect(phone.get_by_role("button", name="复制链接")).to_be_visible()

    phone.get_by_role("link", name="查看办理进度").click()
    expect(phone).to_have_url(status_link)
    expect(phone.get_by_test_id("receipt-number")).to_have_text(number)
    expect(phone.get_by_test_id("state")).to_have_attribute("data-state", issue["state"])
    expect(phone.get_by_test_id("rating")).to_have_count(0)

    # The coordinator takes it through the lifecycle to RESOLVED, with an answer for the resident.
    for step in STEPS:
        note = ', note: "已更换漏水管段，地面已清理"' if step == "resolveIssue" else ""
        answer = _graphql(
            service,
            f"""mutation IntakeTest{step}($id: ID!, $step: String!) {{
                  {step}(id: $id, clientStepId: $step{note}) {{
                    issue {{ state }} userErrors {{ message }}
                  }}
                }}""",
            id=issue["id"],
            step=f"{step}-{uuid.uuid4().hex}",
        )[step]
        assert answer["userErrors"] == [], answer
    phone.reload()
    expect(phone.get_by_test_id("state")).to_have_attribute("data-state", "RESOLVED")
    expect(phone.get_by_test_id("timeline")).to_contain_text("已更换漏水管段")
    rating = phone.get_by_test_id("rating")
    expect(rating.get_by_role("button")).to_have_text(["满意", "基本满意", "不满意"])
    rating.locator("textarea[name=comment]").fill("水管还在滴水")
    rating.get_by_role("button", name="不满意").click()

    expect(phone.get_by_test_id("reopened")).to_contain_text("已重新交办处理（整改提升）")
    expect(phone.get_by_test_id("rating")).to_have_count(0)
    [after] = _issues(service, title)["nodes"]
    expect(phone.get_by_test_id("state")).to_have_attribute("data-state", after["state"])
    last = max(after["events"], key=lambda event: event["seq"])
    assert after["state"] == "REOPENED" and last["toState"] == "REOPENED"
    assert last["actor"] == f"resident:{number}"
    _no_token_sent(phone, sent)


def test_an_admin_prints_and_stops_a_sheet_and_the_link_then_shows_the_stopped_page(
    service: Service, page: Page, context: BrowserContext
) -> None:
    community = _community(service)
    label = f"测试{uuid.uuid4().hex[:6]}"
    page.goto(service.signed_in("/sheets", Role.ADMIN), timeout=FIRST_LOAD)
    page.locator("select[name=place]").select_option(label=community["name"])
    page.locator("input[name=label]").fill(label)
    page.get_by_role("button", name="生成二维码").click()
    row = page.get_by_test_id("links").locator("tr", has_text=label)
    expect(row).to_contain_text("有效", timeout=FIRST_LOAD)
    path = row.get_by_role("link", name="预览").get_attribute("href")
    assert path and path.startswith("/r/")
    status, form = _public(service, path.replace("/r/", "/api/intake/"))
    assert status == 200 and form["place"]["name"] == community["name"]

    row.get_by_role("button", name="打印").click()
    sheet = page.get_by_test_id("sheet")
    expect(sheet).to_have_count(1)
    expect(sheet).to_contain_text("诉求“码”上填")
    expect(sheet).to_contain_text(community["name"])
    expect(sheet).to_contain_text(label)
    expect(sheet).to_contain_text(f"服务电话 {form['servicePhone']}")
    expect(sheet.locator("[data-testid=qr] svg")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator("#root")).to_be_hidden()
    expect(sheet).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="返回").click()

    row.get_by_role("button", name="停用").click()
    row.get_by_role("button", name="确认停用").click()
    expect(row).to_contain_text("已停用")
    phone, sent = _resident(context, service)
    phone.goto(f"{service.base}{path}", timeout=FIRST_LOAD)
    closed = phone.get_by_test_id("closed")
    status, refusal = _public(service, path.replace("/r/", "/api/intake/"))
    assert status == 410
    expect(closed.get_by_role("heading")).to_have_text("此二维码已停用", timeout=FIRST_LOAD)
    expect(closed).to_contain_text(refusal["error"]["message"])
    expect(closed.get_by_role("link", name=form["servicePhone"])).to_be_visible()
    expect(phone.locator("form")).to_have_count(0)
    _no_token_sent(phone, sent)


def test_a_wrong_status_secret_shows_only_the_not_found_message(
    service: Service, context: BrowserContext
) -> None:
    path = f"/s/{secrets.token_urlsafe(32)}"
    status, refusal = _public(service, path.replace("/s/", "/api/status/"))
    assert status == 404
    phone, sent = _resident(context, service)
    phone.goto(f"{service.base}{path}", timeout=FIRST_LOAD)
    closed = phone.get_by_test_id("closed")
    expect(closed).to_contain_text(refusal["error"]["message"], timeout=FIRST_LOAD)
    # The whole page is the service's sentence: no heading, receipt, state or timeline.
    expect(phone.locator("body")).to_have_text(refusal["error"]["message"])
    expect(phone.locator(".topbar")).to_have_count(0)
    _no_token_sent(phone, sent)


def test_a_labour_team_gets_a_sheet_of_its_own(service: Service, page: Page) -> None:
    team = _graphql(
        service,
        "{ organizations(first: 1, filter: { kinds: [LABOR_TEAM] }) { nodes { id name } } }",
    )["organizations"]["nodes"][0]
    label = f"工地{uuid.uuid4().hex[:6]}"
    page.goto(service.signed_in("/sheets", Role.ADMIN), timeout=FIRST_LOAD)
    page.locator("select[name=place]").select_option(label=team["name"])
    page.locator("input[name=label]").fill(label)
    page.get_by_role("button", name="生成二维码").click()
    row = page.get_by_test_id("links").locator("tr", has_text=label)
    expect(row).to_contain_text(team["name"], timeout=FIRST_LOAD)
    expect(page.get_by_test_id("sheets-problem")).to_have_count(0)
    path = row.get_by_role("link", name="预览").get_attribute("href")
    assert path
    status, form = _public(service, path.replace("/r/", "/api/intake/"))
    assert status == 200, form
    assert form["place"] == {"name": team["name"], "kind": "LABOR_TEAM"}


def _uncovered(service: Service) -> set[str]:
    """The communities with no link a resident could use today, from the admin's GraphQL."""
    data = _graphql(
        service,
        """{ communities(first: 100) { nodes { id } }
             intakeLinks(first: 100, filter: { revoked: false }) {
               pageInfo { hasNextPage } nodes { expiresOn place { id } }
             } }""",
    )
    assert not data["intakeLinks"]["pageInfo"]["hasNextPage"]
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    covered = {
        link["place"]["id"]
        for link in data["intakeLinks"]["nodes"]
        if not link["expiresOn"] or link["expiresOn"] >= today
    }
    return {community["id"] for community in data["communities"]["nodes"]} - covered


def test_a_batch_makes_one_sheet_per_community_without_one_each_on_its_own_page(
    service: Service, page: Page, tmp_path: Path
) -> None:
    missing = _uncovered(service)
    assert missing
    page.goto(service.signed_in("/sheets", Role.ADMIN), timeout=FIRST_LOAD)
    batch = page.get_by_role("button", name=re.compile("^批量生成"))
    expect(batch).to_contain_text(f"尚无二维码的社区 {len(missing)} 个", timeout=FIRST_LOAD)
    batch.click()
    expect(page.get_by_test_id("sheet")).to_have_count(len(missing), timeout=FIRST_LOAD)
    expect(page.get_by_test_id("qr").locator("svg")).to_have_count(len(missing))
    pdf = page.pdf(path=str(tmp_path / "sheets.pdf"), prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(missing)
    assert _uncovered(service) == set()
    page.get_by_role("button", name="返回").click()
    expect(batch).to_be_disabled()
