"""The console in a real headless Chromium, against a real `lianxin serve` on the demo graph.

Every request to a host other than 127.0.0.1 is blocked, and a test that made one fails: the
centers run on intranets. A failing test leaves a screenshot in var/browser-failures/.
"""

from __future__ import annotations

import os
import subprocess
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.access.tokens import mint_token
from settings import PROJECT_ROOT, Settings
from tests.support.process import LIANXIN, SECRET, free_port, wait_healthy

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
DIST = Path(os.environ.get("LIANXIN_CONSOLE_DIR", PROJECT_ROOT / "console" / "dist"))
FAILURES = PROJECT_ROOT / "var" / "browser-failures"
# Without the background-networking flags Chromium reaches for outside hosts on its own.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=zh-CN",
]


@dataclass
class Service:
    """A running `lianxin serve`: where it answers and how to sign in to it."""

    base: str
    settings: Settings

    def token(self, role: Role, *, sub: str = "browser-test", org: str | None = None) -> str:
        return mint_token(self.settings, sub=sub, role=role, org=org, hours=1)

    def signed_in(self, path: str, role: Role, **claims: str) -> str:
        """The address of a console page that signs `role` in through its fragment."""
        return f"{self.base}{path}#token={self.token(role, **claims)}"


@dataclass
class Outside:
    """Requests the page tried to send to another host; each was refused."""

    urls: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def service(
    demo: Neo4jStore, demo_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    """`lianxin serve` on the demo graph, its console built by make."""
    if not (DIST / "index.html").is_file():
        pytest.fail("the console is not built: run `make console` (`make test` builds it first)")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("LIANXIN_")}
    env.update(
        LIANXIN_PORT=str(port),
        LIANXIN_NEO4J_URI=str(demo_settings.neo4j_uri),
        LIANXIN_NEO4J_PASSWORD=demo_settings.neo4j_password.get_secret_value(),
        LIANXIN_AUTH_SECRET=SECRET,
        LIANXIN_CONSOLE_DIR=str(DIST),
        PYTHONUNBUFFERED="1",
    )
    output = tmp_path_factory.mktemp("console") / "serve.log"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [str(LIANXIN), "serve", "--no-seed"],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(process, port, output, timeout=60)
        settings = Settings(auth_secret=SECRET)
        yield Service(f"http://127.0.0.1:{port}", settings)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def playwright(service: Service) -> Iterator[Playwright]:
    # After the service, whose demo graph an event loop of anyio's seeds: Playwright's loop
    # runs from here on, and no other may start in this thread while it does.
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium package "
            "(tests/browser/install-chromium); or set CHROMIUM to a Chromium binary"
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def outside() -> Outside:
    return Outside()


@pytest.fixture
def context(browser: Browser, outside: Outside) -> Iterator[BrowserContext]:
    """A fresh browser profile that may reach 127.0.0.1 only."""
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1400, "height": 900}
    )

    def only_local(route: Route) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.urls.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_local)
    context.route_web_socket("**/*", lambda ws: _only_local_socket(ws, outside))
    yield context
    context.close()


def _only_local_socket(ws: object, outside: Outside) -> None:
    from playwright.sync_api import WebSocketRoute

    assert isinstance(ws, WebSocketRoute)
    if urllib.parse.urlsplit(ws.url).hostname == "127.0.0.1":
        ws.connect_to_server()
    else:
        outside.urls.append(ws.url)
        ws.close()


@pytest.fixture
def page(
    context: BrowserContext, outside: Outside, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page whose test fails if it tried to reach another host; screenshotted on failure."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FAILURES / f"{request.node.name}.png"), full_page=True)
    assert not outside.urls, f"the page tried to reach other hosts: {outside.urls}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test, so the page fixture knows whether it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
