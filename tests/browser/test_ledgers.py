"""The admin's 台账 page: a kind's template downloads, and an upload's dry run is summarized."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service
from tests.support.ledgers import CLERK_FOOTER, clerk_book


def test_an_admin_downloads_a_template_and_dry_runs_a_clerk_workbook(
    page: Page, service: Service, tmp_path: Path
) -> None:
    page.goto(service.signed_in("/ledgers", Role.ADMIN))
    row = page.locator("tr[data-kind=issues]")
    with page.expect_download() as download:
        row.get_by_role("button", name="下载模板").click()
    assert download.value.suggested_filename == "问题台账模板.xlsx"
    saved = tmp_path / "template.xlsx"
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    assert [cell.value for cell in book["问题"][1]][:2] == ["编号", "问题标题"]
    assert book["问题"]["A2"].value == "示例"

    # A dry run on the shared demo graph writes nothing, and reads back in Chinese.
    page.locator("input[type=file]").set_input_files(clerk_book(tmp_path / "问题台账.xlsx"))
    page.get_by_role("button", name="导入").click()
    summary = page.get_by_test_id("ledger-summary")
    expect(summary).to_contain_text("试导入：读取 3 行，写入 0 行")
    expect(summary).to_contain_text(f"跳过 {len(CLERK_FOOTER)} 行")
    expect(summary).to_contain_text("以下列未导入：序号、反映人、联系电话、备注")


def test_the_ledger_page_is_offered_to_admins_only(page: Page, service: Service) -> None:
    page.goto(service.signed_in("/people", Role.VIEWER))
    expect(page.get_by_test_id("who")).to_contain_text("查看者")
    expect(page.get_by_role("link", name="台账")).to_have_count(0)
