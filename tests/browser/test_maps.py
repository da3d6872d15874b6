"""The overview map and the planner's map, checked against the demo graph and the documents."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections import Counter
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, Request, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service
from tests.support.graphql import gid

# The documents' facts about the 东辛 relocation (see the domain brief): 28 factory compounds of
# 13 direct units moved, each unit to one new site, so 13 sites and one move per compound.
DOCUMENTED_COMPOUNDS = 28
DOCUMENTED_SITES = 13
DOCUMENTED_UNITS = 13
DOCUMENTED_DAYS = 62
DOCUMENTED_COMMUNITIES = 44
DONGXIN_RELOCATION = "东辛片区改造提升直属单位应急搬迁"
DONGXIN_RENOVATION = "东辛片区改造提升"
# The first map of a session waits on a cold service sharing a busy machine.
LOADED = 30_000


def graphql(service: Service, query: str, role: Role = Role.VIEWER, **variables: Any) -> Any:
    """The data of one GraphQL request over HTTP, as `role`; any error fails the test."""
    answer = httpx.post(
        f"{service.base}/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {service.token(role)}"},
        timeout=30,
    ).json()
    assert not answer.get("errors"), answer["errors"]
    return answer["data"]


def project_id(service: Service, name: str) -> str:
    data = graphql(
        service,
        "query($name: String) { projects(first: 5, filter: {namePrefix: $name})"
        " { nodes { id name } } }",
        name=name,
    )
    return next(node["id"] for node in data["projects"]["nodes"] if node["name"] == name)


def relocation_features(service: Service, project: str) -> list[dict[str, Any]]:
    data = graphql(service, "query($p: ID!) { relocationMap(project: $p) }", p=project)
    features: list[dict[str, Any]] = data["relocationMap"]["features"]
    return features


def chinese_date(value: str) -> str:
    """A Date scalar as format.ts writes it: 2023年3月4日."""
    day = dt.date.fromisoformat(value)
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture(scope="module")
def dongxin(service: Service) -> str:
    return project_id(service, DONGXIN_RELOCATION)


def test_the_dongxin_map_draws_every_compound_site_and_move(
    page: Page, service: Service, dongxin: str
) -> None:
    kinds = Counter(f["properties"]["kind"] for f in relocation_features(service, dongxin))
    assert (kinds["compound"], kinds["site"], kinds["move"]) == (
        DOCUMENTED_COMPOUNDS,
        DOCUMENTED_SITES,
        DOCUMENTED_COMPOUNDS,
    )

    # No project named: the planner's map opens on the 东辛 relocation.
    page.goto(service.signed_in("/plan", Role.VIEWER))
    expect(page.locator("select[name=project]")).to_have_value(dongxin)
    expect(page.locator("path.lx-compound")).to_have_count(kinds["compound"], timeout=LOADED)
    expect(page.locator(".lx-site")).to_have_count(kinds["site"])
    expect(page.locator("path.lx-move")).to_have_count(kinds["move"])
    expect(page.locator(".lx-arrow")).to_have_count(kinds["move"])
    # Every move of the documents' relocation is done: solid lines, arrows in the DONE colour.
    expect(page.locator(".lx-arrow-done")).to_have_count(kinds["move"])
    expect(page.locator("path.lx-move[stroke-dasharray]")).to_have_count(0)
    expect(page.get_by_test_id("legend")).to_contain_text("箭头：已搬迁")
    expect(page.get_by_test_id("legend")).to_contain_text("箭头：受阻")
    expect(page.get_by_test_id("headline")).to_contain_text(
        f"{DOCUMENTED_COMPOUNDS} 个厂矿大院 → {DOCUMENTED_SITES} 处新址"
    )
    expect(page.locator("path.lx-community")).to_have_count(DOCUMENTED_COMMUNITIES)


def test_the_plan_panel_lists_the_moves_the_figures_as_stated_and_the_meetings(
    page: Page, service: Service, dongxin: str
) -> None:
    moves = [
        f["properties"] | {"key": f["id"]}
        for f in relocation_features(service, dongxin)
        if f["properties"]["kind"] == "move"
    ]
    project = graphql(
        service,
        "query($p: ID!) { project(id: $p) { meetingCount"
        " observations { indicator display unit } meetings { title heldOn } } }",
        p=dongxin,
    )["project"]

    page.goto(service.signed_in(f"/plan?project={urllib.parse.quote(dongxin)}", Role.VIEWER))
    rows = page.get_by_test_id("moves").locator("tbody tr")
    expect(rows).to_have_count(len(moves), timeout=LOADED)
    assert sorted(rows.locator("td:nth-child(2)").all_inner_texts()) == sorted(
        m["from"] for m in moves
    )
    statuses = Counter(rows.locator("td:nth-child(5)").all_inner_texts())
    names = {"DONE": "已搬迁", "IN_PROGRESS": "搬迁中", "PLANNED": "计划中", "BLOCKED": "受阻"}
    assert statuses == Counter(names[m["status"]] for m in moves)
    # A viewer reads the statuses; only planners and admins get a choice to change them.
    expect(rows.locator("select")).to_have_count(0)

    # The documents' figures keep their qualifiers: '30+' meetings, not the graph's count.
    figures = page.get_by_test_id("figures")
    for observation in project["observations"]:
        expect(figures).to_contain_text(f"{observation['display']} {observation['unit']}")
    meetings_stated = next(
        o for o in project["observations"] if o["indicator"] == "relocation_meetings"
    )
    assert meetings_stated["display"].endswith("+")
    stated = figures.locator("tr[data-figure=relocation_meetings] td.stated")
    expect(stated).to_have_text(f"{meetings_stated['display']} {meetings_stated['unit']}")

    meetings = page.get_by_test_id("meetings").locator("tbody tr")
    expect(meetings).to_have_count(project["meetingCount"])
    first = min(project["meetings"], key=lambda m: m["heldOn"])
    expect(meetings.first.locator("td").first).to_have_text(chinese_date(first["heldOn"]))

    # Hovering a row picks its move out on the map.
    row = rows.nth(3)
    key = row.get_attribute("data-move")
    row.hover()
    expect(page.locator(f'path.lx-move[data-move="{key}"]')).to_have_attribute("stroke-width", "5")
    other = next(m["key"] for m in moves if m["key"] != key)
    expect(page.locator(f'path.lx-move[data-move="{other}"]')).to_have_attribute(
        "stroke-opacity", "0.12"
    )


PROGRESS = """
query($p: ID!) { project(id: $p) { progress {
  unitsMoved unitsTotal movesDone movesTotal daysUsed daysPlanned landFreedMu landTotalMu
} } }
"""
UPDATE = """
mutation($input: UpdateMoveInput!) { updateMove(input: $input) { userErrors { message } } }
"""


def progress_of(service: Service, project: str) -> dict[str, Any]:
    found: dict[str, Any] = graphql(service, PROGRESS, p=project)["project"]["progress"]
    return found


def shown_progress(page: Page) -> dict[str, str]:
    table = page.get_by_test_id("progress")
    return {
        row.get_attribute("data-progress") or "": row.locator("td.figure").inner_text()
        for row in table.locator("tr").all()
    }


def mu(value: float) -> str:
    """An area as format.ts writes it: 1,126.5."""
    return f"{value:,.1f}".removesuffix(".0")


def test_the_plan_panel_shows_the_progress_derived_from_the_moves(
    page: Page, service: Service, dongxin: str
) -> None:
    progress = progress_of(service, dongxin)
    # The documents' figures, derived from the moves rather than typed in.
    assert (progress["unitsMoved"], progress["unitsTotal"]) == (DOCUMENTED_UNITS,) * 2
    assert (progress["movesDone"], progress["movesTotal"]) == (DOCUMENTED_COMPOUNDS,) * 2
    assert (progress["daysUsed"], progress["daysPlanned"]) == (DOCUMENTED_DAYS,) * 2
    assert progress["landFreedMu"] == progress["landTotalMu"] >= 1100

    page.goto(service.signed_in(f"/plan?project={urllib.parse.quote(dongxin)}", Role.VIEWER))
    expect(page.get_by_test_id("progress")).to_be_visible(timeout=LOADED)
    assert shown_progress(page) == {
        "units": f"{DOCUMENTED_UNITS} / {DOCUMENTED_UNITS} 家",
        "moves": f"{DOCUMENTED_COMPOUNDS} / {DOCUMENTED_COMPOUNDS} 个",
        "days": f"{DOCUMENTED_DAYS} / {DOCUMENTED_DAYS} 天",
        "land": f"{mu(progress['landFreedMu'])} / {mu(progress['landTotalMu'])} 亩",
    }
    expect(page.get_by_test_id("blocked")).to_have_count(0)


def test_a_planner_blocks_a_move_from_the_table_and_the_progress_follows(
    page: Page, service: Service, dongxin: str
) -> None:
    moves = [
        f["properties"] | {"key": f["id"]}
        for f in relocation_features(service, dongxin)
        if f["properties"]["kind"] == "move"
    ]
    page.goto(service.signed_in(f"/plan?project={urllib.parse.quote(dongxin)}", Role.PLANNER))
    rows = page.get_by_test_id("moves").locator("tbody tr")
    expect(rows).to_have_count(len(moves), timeout=LOADED)
    key = rows.nth(2).get_attribute("data-move")
    move = next(m for m in moves if m["key"] == key)
    # By its key: a move that is no longer done sorts by its planned day, so its row may move.
    row = page.get_by_test_id("moves").locator(f'tr[data-move="{key}"]')
    try:
        page.once("dialog", lambda dialog: dialog.accept("新址尚未交付"))
        row.locator("select").select_option("BLOCKED")
        expect(row.locator("td.status")).to_have_attribute("data-status", "BLOCKED")
        expect(page.get_by_test_id("blocked")).to_contain_text("新址尚未交付")
        expect(page.get_by_test_id("blocked")).to_contain_text(move["from"])
        expect(page.locator(".lx-arrow-blocked")).to_have_count(1)
        expect(page.locator(f'path.lx-move[data-move="{key}"]')).to_have_attribute(
            "stroke-dasharray", "6 4"
        )
        figures = shown_progress(page)
        # Its unit has a move not done, so the unit no longer counts as moved.
        assert figures["moves"] == f"{DOCUMENTED_COMPOUNDS - 1} / {DOCUMENTED_COMPOUNDS} 个"
        assert figures["units"] == f"{DOCUMENTED_UNITS - 1} / {DOCUMENTED_UNITS} 家"
        freed = progress_of(service, dongxin)
        assert freed["landFreedMu"] == pytest.approx(freed["landTotalMu"] - move["landMu"])
    finally:
        # Put the demo graph back as the other tests read it.
        restore = {"move": gid("Move", move["move"]), "status": "DONE", "movedOn": move["movedOn"]}
        graphql(service, UPDATE, Role.ADMIN, input=restore)
    assert progress_of(service, dongxin)["movesDone"] == DOCUMENTED_COMPOUNDS


def test_a_renovation_shows_its_area_and_never_asks_for_a_relocation_map(
    page: Page, service: Service
) -> None:
    renovation = project_id(service, DONGXIN_RENOVATION)
    asked: list[str] = []

    def note(request: Request) -> None:
        if request.url.endswith("/graphql") and "relocationMap" in (request.post_data or ""):
            asked.append(request.post_data or "")

    page.on("request", note)
    page.goto(service.signed_in(f"/plan?project={urllib.parse.quote(renovation)}", Role.VIEWER))
    panel = page.get_by_test_id("plan-panel")
    expect(panel.locator("h3")).to_have_text(DONGXIN_RENOVATION, timeout=LOADED)
    expect(page.locator("path.lx-project-area")).to_have_count(1)
    expect(page.locator("path.lx-compound")).to_have_count(0)
    expect(page.locator(".problem")).to_have_count(0)
    assert asked == []


def test_the_overview_draws_every_community_and_tells_who_answers_for_yiyuan(
    page: Page, service: Service
) -> None:
    data = graphql(
        service,
        "{ communities(first: 100) { totalCount nodes { id name observers { name title } } } "
        "  categories(first: 100) { nodes { id name } } }",
    )
    assert data["communities"]["totalCount"] == DOCUMENTED_COMMUNITIES
    yiyuan = next(c for c in data["communities"]["nodes"] if c["name"] == "颐园小区")
    category_ids = {c["name"]: c["id"] for c in data["categories"]["nodes"]}

    page.goto(service.signed_in("/", Role.VIEWER))
    expect(page.locator("path.lx-community")).to_have_count(DOCUMENTED_COMMUNITIES, timeout=LOADED)
    page.locator('path.lx-community[data-name="颐园小区"]').click()
    panel = page.get_by_test_id("community-panel")
    expect(panel.locator("h3")).to_have_text("颐园小区")
    expect(page.locator(".lx-community-label.lx-chosen")).to_have_text("颐园小区")
    expect(page.locator(".lx-community-label.lx-chosen")).to_be_visible()
    assert yiyuan["observers"], "the demo graph gives 颐园小区 an observer"
    for observer in yiyuan["observers"]:
        expect(panel.get_by_test_id("observers")).to_contain_text(observer["name"])

    # Every category's lead and rule is the one the service's own router picks.
    table = panel.get_by_test_id("responsible")
    expect(table.locator("tbody tr").first).to_be_visible()
    shown = {
        row.locator("td").nth(0).inner_text(): (
            row.locator("td").nth(1).inner_text(),
            row.locator("td.rule").inner_text(),
        )
        for row in table.locator("tbody tr").all()
    }
    # 社区吹哨、专业化公司报到: the specialized company answers for the community's services.
    company = graphql(
        service,
        "query($c: ID!, $a: ID!) { route(category: $c, area: $a) { lead { name kind } } }",
        c=category_ids["社区服务"],
        a=yiyuan["id"],
    )["route"]["lead"]
    assert company["kind"] == "SERVICE_COMPANY"
    assert shown["社区服务"][0] == company["name"]
    for category, (lead, rule) in shown.items():
        routed = graphql(
            service,
            "query($c: ID!, $a: ID!) { route(category: $c, area: $a)"
            " { lead { name } viaRule { name } } }",
            c=category_ids[category],
            a=yiyuan["id"],
        )["route"]
        assert lead == routed["lead"]["name"], category
        assert routed["viaRule"]["name"] in rule, category


def test_a_project_on_the_overview_leads_to_its_plan(
    page: Page, service: Service, dongxin: str
) -> None:
    page.goto(service.signed_in("/", Role.ADMIN))
    expect(page.locator("path.lx-project-relocation")).to_have_count(1, timeout=LOADED)
    page.locator("path.lx-project-relocation").click()
    panel = page.get_by_test_id("project-panel")
    expect(panel.locator("h3")).to_have_text(DONGXIN_RELOCATION)
    expect(panel).to_contain_text("搬迁项目")
    expect(panel).to_contain_text("已完成")
    panel.get_by_role("link", name="在规划地图中查看").click()
    expect(page).to_have_url(f"{service.base}/plan?project={urllib.parse.quote(dongxin)}")
    expect(page.locator("path.lx-compound")).to_have_count(DOCUMENTED_COMPOUNDS, timeout=LOADED)
