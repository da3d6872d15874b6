"""GraphiQL at /graphql: bundled, signed in by the console's token, loading its schema by itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, WebSocket, expect

from resolvers.access.principal import Role
from tests.browser.conftest import Service

# The documents' fact: the district handed over 44 communities.
COMMUNITIES = 44
# GraphiQL's run button, labelled with its shortcut for the platform.
RUN = re.compile(r"^Execute query")


@pytest.fixture
def refused_by_policy(page: Page) -> Iterator[list[str]]:
    """What the browser's content security policy blocked; every test expects nothing."""
    blocked: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", note)
    # Monaco rejects a pending operation with a bare "Canceled" when GraphiQL drops it (the
    # schema refetch a cleared token stops, say): its own bookkeeping, not a fault of the page.
    page.on(
        "pageerror",
        lambda error: None if str(error) == "Canceled" else blocked.append(f"page error: {error}"),
    )
    yield blocked
    assert not blocked, blocked


def _graphql_posts(page: Page) -> list[Request]:
    posts: list[Request] = []
    page.on(
        "request",
        lambda request: (
            posts.append(request)
            if request.method == "POST" and request.url.endswith("/graphql")
            else None
        ),
    )
    return posts


def _use_token(page: Page, token: str) -> None:
    page.locator("input[name=token]").fill(token)
    page.get_by_role("button", name="使用").click()


def _set_query(page: Page, query: str, name: str) -> None:
    """Replace the operation editor's text as a user would, until GraphiQL reads `name` from it."""
    editor = page.locator(".graphiql-query-editor .monaco-editor").first
    editor.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    # Inserted as one input, so monaco's bracket closing and suggestions do not rewrite it.
    page.keyboard.insert_text(query)
    # GraphiQL reads the operation's name a moment after an edit; run before and it sends the old.
    expect(page.locator(".graphiql-tab-active")).to_have_text(name)


def test_without_a_token_it_says_how_to_get_one_and_sends_nothing(
    page: Page, service: Service, refused_by_policy: list[str]
) -> None:
    posts = _graphql_posts(page)
    page.goto(service.base + "/graphql")
    notice = page.get_by_role("status")
    expect(notice).to_contain_text("请先设置访问令牌")
    expect(notice).to_contain_text("lianxin token --role ADMIN")
    expect(notice).to_contain_text("make serve")
    expect(page.get_by_test_id("role")).to_have_text("未设置令牌")
    expect(page.get_by_role("link", name="返回控制台")).to_have_attribute("href", "/")
    page.wait_for_load_state("networkidle")
    assert posts == []
    # A sign-in link opened on this very page signs it in, and leaves no token in the address.
    page.goto(service.signed_in("/graphql", Role.OBSERVER))
    expect(page.get_by_test_id("role")).to_have_text("角色：幸福观察员")
    assert "token" not in page.url


def test_a_token_loads_the_schema_without_a_refetch(
    page: Page, service: Service, refused_by_policy: list[str]
) -> None:
    posts = _graphql_posts(page)
    page.goto(service.base + "/graphql")
    expect(page.get_by_role("status")).to_be_visible()
    _use_token(page, service.token(Role.ADMIN))
    expect(page.get_by_test_id("role")).to_have_text("角色：管理员")
    page.get_by_role("button", name="Show Documentation Explorer").click()
    docs = page.locator(".graphiql-doc-explorer")
    expect(docs).to_contain_text("Root Types")
    docs.get_by_role("link", name="Query", exact=True).click()
    expect(docs.locator(".graphiql-doc-explorer-field-name", has_text="stats")).to_be_visible()
    assert all("Authorization" in r.headers or "authorization" in r.headers for r in posts)
    assert any("IntrospectionQuery" in (r.post_data or "") for r in posts)


def test_a_console_sign_in_carries_over_and_a_query_shows_its_answer(
    page: Page, service: Service, refused_by_policy: list[str]
) -> None:
    page.goto(service.signed_in("/", Role.ADMIN))
    expect(page.get_by_test_id("who")).to_have_text("管理员")
    page.goto(service.base + "/graphql")
    expect(page.get_by_test_id("role")).to_have_text("角色：管理员")
    _set_query(page, "query Communities { stats { communities } }", "Communities")
    with page.expect_response(
        lambda r: r.url.endswith("/graphql") and "stats" in (r.request.post_data or "")
    ) as answered:
        page.get_by_role("button", name=RUN).click()
    assert answered.value.status == 200
    result = page.locator(".result-window")
    expect(result).to_contain_text('"communities"')
    expect(result).to_contain_text(str(COMMUNITIES))
    shown = json.loads(result.locator(".view-lines").inner_text().replace("\u00a0", " "))
    assert shown == {"data": {"stats": {"communities": COMMUNITIES}}}


def test_a_refused_token_is_explained_in_chinese(
    page: Page, service: Service, refused_by_policy: list[str]
) -> None:
    page.goto(service.base + "/graphql")
    _use_token(page, service.token(Role.ADMIN)[:-4] + "AAAA")
    expect(page.get_by_role("alert")).to_contain_text("服务不认可该令牌")
    page.get_by_role("button", name="清除").click()
    expect(page.get_by_role("alert").filter(has_text="令牌")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("请先设置访问令牌")


def test_a_subscription_opens_a_socket_signed_in_by_connection_init(
    page: Page, service: Service, refused_by_policy: list[str]
) -> None:
    page.goto(service.signed_in("/", Role.ADMIN))
    expect(page.get_by_test_id("who")).to_have_text("管理员")
    page.goto(service.base + "/graphql")
    expect(page.get_by_test_id("role")).to_have_text("角色：管理员")
    received: list[str] = []

    def watch(socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: received.append(str(frame)))

    page.on("websocket", watch)
    _set_query(page, "subscription Alerts { overdueAlerts { since } }", "Alerts")
    with page.expect_websocket(lambda ws: ws.url.endswith("/graphql")):
        page.get_by_role("button", name=RUN).click()
    # The service acknowledges connection_init only for a token it accepts.
    for _ in range(100):
        if any("connection_ack" in frame for frame in received):
            break
        page.wait_for_timeout(100)
    assert any("connection_ack" in frame for frame in received), received
    expect(page.get_by_role("button", name=re.compile(r"^Stop query"))).to_be_visible()
