"""The coverage page (走访覆盖): its figures and its lists are the GraphQL `coverage` answer's."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service
from tests.browser.test_dashboard import ask, grouped, percent
from tests.browser.test_desk import CENTER

# A cold service's first aggregates take a while on a shared machine.
FIRST_LOAD = 90_000
QUARTERS = "一二三四"
FIGURES = ("contacted", "visits", "memberTimes")
COVERAGE = """from to units contacted uncovered rate
  byCommunity { units contacted community { id name } uncovered { name } }
  byGroup { visits contacted memberTimes group { name } }"""


def coverage(service: Service, period: str) -> dict[str, Any]:
    """The service's coverage for a period written as a PeriodInput literal."""
    data = ask(service, f"{{ coverage(period: {period}) {{ {COVERAGE} }} }}")
    answer: dict[str, Any] = data["coverage"]
    return answer


def latest_quarter(service: Service) -> tuple[int, int]:
    """The year and quarter of the newest visit made."""
    query = "{ visits(first: 1, filter: {statuses: [DONE]}) { nodes { visitedOn } } }"
    nodes = ask(service, query)["visits"]["nodes"]
    year, month = (int(part) for part in nodes[0]["visitedOn"].split("-")[:2])
    return year, (month - 1) // 3 + 1


def expect_headline(page: Page, answer: dict[str, Any]) -> None:
    """The four figures on the page are the answer's."""
    expect(page.get_by_test_id("coverage-units")).to_have_text(
        f"{grouped(answer['units'])}家区域单位"
    )
    expect(page.get_by_test_id("coverage-contacted")).to_have_text(
        f"{grouped(answer['contacted'])}家已走访"
    )
    expect(page.get_by_test_id("coverage-uncovered")).to_have_text(
        f"{grouped(answer['uncovered'])}家未覆盖"
    )
    expect(page.get_by_test_id("coverage-rate")).to_have_text(
        f"{percent(answer['contacted'], answer['units'])}覆盖率"
    )


def test_a_leader_reads_the_latest_quarters_coverage_as_the_service_counts_it(
    page: Page, service: Service
) -> None:
    year, quarter = latest_quarter(service)
    answer = coverage(service, f"{{year: {year}, quarter: {quarter}}}")
    assert answer["units"] > answer["contacted"] > 0, answer

    page.goto(service.signed_in("/coverage", Role.VIEWER))
    expect(page.locator(".coverage-head h2")).to_have_text(
        f"走访覆盖 · {year}年第{QUARTERS[quarter - 1]}季度", timeout=FIRST_LOAD
    )
    expect_headline(page, answer)
    groups = page.get_by_test_id("coverage-groups").locator("tbody tr")
    expect(groups).to_have_count(len(answer["byGroup"]))
    for n, row in enumerate(answer["byGroup"]):
        expect(groups.nth(n).locator("td")).to_have_text(
            [row["group"]["name"], *(grouped(row[f]) for f in FIGURES)]
        )
    expect(page.locator(".problem")).to_have_count(0)


def test_a_community_picked_on_the_map_lists_the_units_still_to_visit(
    page: Page, service: Service
) -> None:
    year, quarter = latest_quarter(service)
    answer = coverage(service, f"{{year: {year}, quarter: {quarter}}}")
    worst = max(answer["byCommunity"], key=lambda row: len(row["uncovered"]))
    name = worst["community"]["name"]
    assert worst["uncovered"], answer

    page.goto(service.signed_in("/coverage", Role.COORDINATOR, **CENTER))
    rows = page.get_by_test_id("coverage-communities").locator("tbody tr")
    expect(rows).to_have_count(len(answer["byCommunity"]), timeout=FIRST_LOAD)
    dot = page.locator(f'path.lx-community[data-name="{name}"]')
    expect(dot).to_have_attribute("data-rate", str(worst["contacted"] / worst["units"]))
    dot.dispatch_event("click")

    expect(rows).to_have_count(1)
    row = page.locator(f'tr[data-community="{name}"]')
    expect(row.locator("td").nth(1)).to_have_text(grouped(worst["units"]))
    expect(row.locator("td").nth(2)).to_have_text(grouped(worst["contacted"]))
    listed = sorted(row.locator(".unit").all_inner_texts())
    assert listed == sorted(unit["name"] for unit in worst["uncovered"])

    page.get_by_role("button", name="显示全部小区").click()
    expect(rows).to_have_count(len(answer["byCommunity"]))


def test_a_month_chosen_shows_that_months_coverage(page: Page, service: Service) -> None:
    year, quarter = latest_quarter(service)
    month = quarter * 3 - 2
    answer = coverage(service, f"{{year: {year}, month: {month}}}")

    page.goto(service.signed_in("/coverage", Role.VIEWER))
    expect(page.get_by_test_id("coverage-units")).to_be_attached(timeout=FIRST_LOAD)
    page.get_by_label("时段").select_option(f"m{month}")
    expect(page.locator(".coverage-head h2")).to_have_text(f"走访覆盖 · {year}年{month}月")
    expect_headline(page, answer)
    expect(page.locator(".coverage .hint").first).to_contain_text(f"{year}年{month}月1日")
