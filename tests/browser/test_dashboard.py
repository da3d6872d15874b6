"""The leader's dashboard: its charts read the GraphQL any front end reads, and say what it says."""

from __future__ import annotations

import json
import urllib.request
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from playwright.sync_api import Locator, Page, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service

RATES = "{ value numerator denominator }"
THREE_RATES = f"responseRate {RATES} resolutionRate {RATES} satisfactionRate {RATES}"
RATE_NAMES = {"responseRate": "响应率", "resolutionRate": "解决率", "satisfactionRate": "满意率"}


def ask(service: Service, query: str, role: Role = Role.VIEWER) -> dict[str, Any]:
    """The data of one GraphQL query, sent over HTTP as the role."""
    request = urllib.request.Request(
        f"{service.base}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {service.token(role)}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def grouped(number: int) -> str:
    """An integer as zh-CN writes it: 10,462."""
    return f"{number:,}"


def percent(numerator: int, denominator: int) -> str:
    """A share as zh-CN writes it, to one decimal at most: 92.3%, 100%."""
    value = (Decimal(numerator * 100) / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{value.normalize():f}%"


def rate_line(name: str, rate: dict[str, int]) -> str:
    """How a tooltip states a rate: 解决率 92.3%（120/130）, or 无数据 when nothing counted."""
    if rate["denominator"] == 0:
        return f"{name} 无数据"
    numerator, denominator = rate["numerator"], rate["denominator"]
    return (
        f"{name} {percent(numerator, denominator)}（{grouped(numerator)}/{grouped(denominator)}）"
    )


def open_dashboard(page: Page, service: Service, role: Role = Role.VIEWER) -> None:
    """The dashboard signed in as the role, once every part has loaded."""
    page.goto(service.signed_in("/dashboard", role))
    # A fresh service answers its first aggregates slowly on a busy machine.
    for part in ("figure-handed_over_communities", "rates-community", "ranking", "hotline-chart"):
        expect(page.get_by_test_id(part)).to_be_attached(timeout=90_000)
    expect(page.get_by_test_id("projects")).to_be_attached(timeout=90_000)
    expect(page.locator(".loading")).to_have_count(0)


def settled(page: Page, heading: str) -> None:
    """Wait until the section under that heading has its answer for the latest choice."""
    section = page.locator(f"section[aria-labelledby={heading}]")
    expect(section).to_have_attribute("aria-busy", "false", timeout=60_000)


def hover_category(chart: Locator, name: str) -> Locator:
    """Hover the band of the category whose axis label is `name`; the chart's tooltip."""
    label = chart.locator("svg text").filter(has_text=name).first
    expect(label).to_be_attached()
    chart.scroll_into_view_if_needed()
    box = label.bounding_box()
    assert box is not None
    # Labels are rotated, their top right end at the axis under their band's centre.
    chart.page.mouse.move(box["x"] + box["width"] - 2, box["y"] - 60)
    return chart.locator(".rate-tooltip")


def test_the_hotline_chart_shows_every_year_with_the_documents_figures(
    page: Page, service: Service
) -> None:
    volume = ask(
        service,
        "{ hotlineVolume(byYear: true) { rows { year issues } "
        "observations { display qualifier value } } }",
    )["hotlineVolume"]
    rows = sorted(volume["rows"], key=lambda row: row["year"])
    issues = {row["year"]: row["issues"] for row in rows}
    # The documents' facts the demo graph is built to: 2019 to 2024, 10,462 then 968.
    assert [row["year"] for row in rows] == list(range(2019, 2025))
    assert (issues[2019], issues[2024]) == (10462, 968)
    at_least = next(o for o in volume["observations"] if o["qualifier"] == "AT_LEAST")
    less_than = next(o for o in volume["observations"] if o["qualifier"] == "LESS_THAN")
    assert issues[2019] >= at_least["value"] and issues[2024] < less_than["value"]

    open_dashboard(page, service)
    chart = page.get_by_test_id("hotline-chart")
    expect(page.locator("#hotline-title")).to_have_text("12345热线诉求量（2019—2024年）")
    for row in rows:
        expect(chart.locator("svg text", has_text=f"{row['year']}年")).to_have_count(1)
        expect(
            chart.locator("svg text").filter(has_text=grouped(row["issues"])).first
        ).to_be_attached()
    hotline_row = page.get_by_test_id("channels").locator("tr", has_text="12345热线")
    expect(hotline_row.locator("td")).to_have_text(
        ["12345热线", *(grouped(row["issues"]) for row in rows)]
    )
    texts = chart.locator("svg text").all_text_contents()
    for row in rows:
        assert grouped(row["issues"]) in texts, (row, texts)

    # Each qualified figure stands over its own year's bar, and beside the chart with the count.
    for year, figure in ((2019, at_least), (2024, less_than)):
        axis = chart.locator("svg text", has_text=f"{year}年").bounding_box()
        note = chart.locator("svg text", has_text=f"文件：{figure['display']}").bounding_box()
        assert axis is not None and note is not None
        assert abs((axis["x"] + axis["width"] / 2) - (note["x"] + note["width"] / 2)) < 30
        beside = page.locator(f"[data-testid=hotline-figure][data-year='{year}']")
        expect(beside).to_contain_text(figure["display"])
        expect(beside).to_contain_text(f"{year}年图谱计 {grouped(issues[year])} 件，与文件相符")


def test_a_rate_tooltip_shows_the_counts_behind_each_rate_for_the_period(
    page: Page, service: Service
) -> None:
    every = ask(service, f"{{ impact(scope: COMMUNITY) {{ name received {THREE_RATES} }} }}")
    largest = max(every["impact"], key=lambda group: group["received"])
    name = largest["name"]

    open_dashboard(page, service)
    tooltip = hover_category(page.get_by_test_id("rates-community"), name)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(name)
    for field, label in RATE_NAMES.items():
        expect(tooltip).to_contain_text(rate_line(label, largest[field]))

    # One year: the same community's counts for 2024 in Beijing time, from the service.
    in_2024 = ask(
        service,
        'query { impact(scope: COMMUNITY, from: "2024-01-01T00:00:00+08:00", '
        f'to: "2025-01-01T00:00:00+08:00") {{ name received {THREE_RATES} }} }}',
    )
    group = next(g for g in in_2024["impact"] if g["name"] == name)
    assert group["received"] < largest["received"]
    page.locator("select[name=period]").select_option("2024")
    expect(page.locator("#three-rates")).to_contain_text("2024年")
    settled(page, "three-rates")
    expect(page.get_by_test_id("rates-community")).to_be_visible()
    page.mouse.move(0, 0)
    tooltip = hover_category(page.get_by_test_id("rates-community"), name)
    expect(tooltip).to_contain_text(f"受理 {grouped(group['received'])} 件")
    for field, label in RATE_NAMES.items():
        expect(tooltip).to_contain_text(rate_line(label, group[field]))


def test_a_rate_counted_over_nothing_reads_no_data_not_zero(page: Page, service: Service) -> None:
    groups = ask(service, f"{{ impact(scope: ORGANIZATION) {{ name received {THREE_RATES} }} }}")
    names = [group["name"] for group in groups["impact"]]
    empty = next(
        g
        for g in groups["impact"]
        if g["responseRate"]["denominator"] == 0 and names.count(g["name"]) == 1
    )

    open_dashboard(page, service)
    tooltip = hover_category(page.get_by_test_id("rates-organization"), empty["name"])
    expect(tooltip).to_contain_text(empty["name"])
    expect(tooltip).to_contain_text("响应率 无数据")
    expect(tooltip).not_to_contain_text("响应率 0%")


def test_the_ranking_names_its_least_volume_and_leaves_smaller_groups_out(
    page: Page, service: Service
) -> None:
    data = ask(
        service,
        "{ ranking(metric: SATISFACTION_RATE, scope: ORGANIZATION, minVolume: 30, first: 100) "
        "{ rank group { key name } rate { numerator denominator } } "
        f"impact(scope: ORGANIZATION) {{ key name {THREE_RATES} }} }}",
    )
    ranked = {entry["group"]["key"] for entry in data["ranking"]}
    names = [group["name"] for group in data["impact"]]
    small = next(
        g
        for g in data["impact"]
        if 0 < g["satisfactionRate"]["denominator"] < 30 and names.count(g["name"]) == 1
    )
    assert small["key"] not in ranked
    best = data["ranking"][0]

    open_dashboard(page, service)
    page.locator("select[name=scope]").select_option("ORGANIZATION")
    settled(page, "ranking-title")
    expect(page.get_by_test_id("ranking-title")).to_have_text(
        "满意率排名 · 责任单位（样本量≥30，全部时间）"
    )
    table = page.get_by_test_id("ranking")
    first = table.locator("tbody tr").first
    expect(first.locator("td").nth(1)).to_have_text(best["group"]["name"])
    expect(first.locator("td").nth(3)).to_have_text(
        f"{grouped(best['rate']['numerator'])}/{grouped(best['rate']['denominator'])}"
    )
    page.get_by_role("button", name=f"显示全部{len(data['ranking'])}名").click()
    expect(table.locator("tbody tr")).to_have_count(len(data["ranking"]))
    expect(table.locator("tbody td", has_text=small["name"])).to_have_count(0)
    expect(page.get_by_test_id("unranked")).to_contain_text(
        f"{small['name']}（{small['satisfactionRate']['denominator']}）"
    )

    # A higher bar: the service's ranking at that volume, and the title says so.
    higher = ask(
        service,
        "{ ranking(metric: SATISFACTION_RATE, scope: ORGANIZATION, minVolume: 2000, first: 100) "
        "{ group { name } } }",
    )["ranking"]
    page.locator("input[name=minVolume]").fill("2000")
    settled(page, "ranking-title")
    expect(page.get_by_test_id("ranking-title")).to_contain_text("样本量≥2,000")
    expect(table.locator("tbody tr")).to_have_count(len(higher))
    expect(table.locator("tbody tr td:nth-child(2)")).to_have_text(
        [entry["group"]["name"] for entry in higher]
    )


def test_a_viewer_sees_every_chart_and_the_headline_figures(page: Page, service: Service) -> None:
    data = ask(
        service,
        "{ stats { communities regionalUnits } "
        "observations(first: 100) { nodes { indicator display } } }",
    )
    display = {o["indicator"]: o["display"] for o in data["observations"]["nodes"]}

    open_dashboard(page, service)
    expect(page.get_by_test_id("who")).to_contain_text("查看者")
    for chart in ("rates-community", "rates-organization", "rates-month", "hotline-chart"):
        expect(page.get_by_test_id(chart).locator("svg text").first).to_be_attached()
    expect(page.get_by_test_id("projects-chart").locator("svg text").first).to_be_attached()
    units = page.get_by_test_id("figure-regional_units_served")
    expect(units).to_contain_text(display["regional_units_served"])
    expect(units).to_contain_text(f"图谱计 {data['stats']['regionalUnits']} 家")
    expect(page.get_by_test_id("figure-handed_over_communities")).to_contain_text(
        str(data["stats"]["communities"])
    )
    expect(page.locator(".problem")).to_have_count(0)
