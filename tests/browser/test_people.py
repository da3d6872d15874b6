"""Signing in to the console, and a role seeing only the people it may see."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service


def test_a_console_link_signs_in_and_leaves_no_token_in_the_address(
    page: Page, service: Service
) -> None:
    page.goto(service.signed_in("/people", Role.ADMIN))
    expect(page.get_by_test_id("who")).to_have_text("管理员")
    assert "token" not in page.url
    page.reload()
    expect(page.get_by_test_id("who")).to_have_text("管理员")


def test_a_forged_token_is_refused_in_chinese(page: Page, service: Service) -> None:
    page.goto(service.base + "/")
    forged = service.token(Role.ADMIN)[:-4] + "AAAA"
    page.locator("textarea[name=token]").fill(forged)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("服务不认可该令牌")


def test_an_admin_sees_residents_and_a_viewer_sees_none(page: Page, service: Service) -> None:
    page.goto(service.signed_in("/people", Role.ADMIN))
    table = page.get_by_test_id("people")
    expect(page.locator("select[name=role] option", has_text="居民")).to_have_count(1)
    page.locator("select[name=role]").select_option("RESIDENT")
    expect(table.locator("tbody tr td:nth-child(2)").first).to_have_text("居民")

    page.goto(service.signed_in("/people", Role.VIEWER))
    expect(page.get_by_test_id("who")).to_contain_text("查看者")
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(page.locator("select[name=role] option", has_text="居民")).to_have_count(0)
    roles = table.locator("tbody tr td:nth-child(2)")
    assert roles.count() > 0
    assert all("居民" not in text for text in roles.all_inner_texts())
