"""`python -m bench.console`: the console's first load in Chromium, its bundle, its pictures.

A fresh Neo4j holds the demo graph; the service runs as in `bench.run`. Each view is opened
`--runs` times in a new browser profile (nothing cached) and timed from navigation to its
first data on screen; every request to another host is refused and counted.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import shutil
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, Route, sync_playwright

from bench import report
from bench.procs import Service
from demo.seed import seed
from graph.bundled import BundledNeo4j
from graph.driver import open_driver
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.access.tokens import mint_token
from settings import PROJECT_ROOT, Settings

DATA_DIR = PROJECT_ROOT / "var" / "bench-console-neo4j"
PORT = 7791
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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
TARGET_MS = 1000.0
# The page notes when each selector first matches, as the DOM changes: Playwright's own
# polling answers a few hundred milliseconds late in a headless browser without a GPU.
WATCH = """([ready, complete]) => {
  window.__seen = [null, null];
  const look = () => {
    [ready, complete].forEach((selector, i) => {
      if (window.__seen[i] === null && document.querySelector(selector)) {
        window.__seen[i] = performance.now();
      }
    });
  };
  const watched = { subtree: true, childList: true, attributes: true };
  new MutationObserver(look).observe(document, watched);
}"""
FIRST_COMMUNITY = "query BenchCommunity { communities(first: 1) { nodes { id } } }"
NEW_LINK = """mutation BenchIntakeLink($input: CreateIntakeLinkInput!) {
  createIntakeLink(input: $input) { intakeLink { path } }
}"""


@dataclass(frozen=True)
class View:
    """A console page, the element that shows its first data, and its picture's name."""

    name: str
    path: str
    ready: str
    # When the whole view is drawn, if that comes later than its first data.
    complete: str | None = None


VIEWS = (
    View("overview", "/", "path.lx-community"),
    View("plan", "/plan", "path.lx-move"),
    View(
        "dashboard",
        "/dashboard",
        "[data-testid^=figure-]",
        complete=".dashboard:not(:has(.loading)) [data-testid=hotline-chart] svg text",
    ),
    View("desk", "/desk", "[data-testid=queue] li"),
    View("people", "/people", "[data-testid=people] tbody tr"),
    View("graphiql", "/graphql", ".graphiql-query-editor .monaco-editor"),
)


def bundle(dist: Path) -> dict[str, Any]:
    """Every built asset's size, raw and gzip-compressed as the service sends it."""
    files: dict[str, dict[str, int]] = {}
    for path in sorted((dist / "assets").iterdir()):
        if path.suffix == ".gz":
            continue
        raw = path.read_bytes()
        files[path.name] = {"bytes": len(raw), "gzip": len(gzip.compress(raw, compresslevel=9))}
    return {
        "files": files,
        "bytes": sum(f["bytes"] for f in files.values()),
        "gzip": sum(f["gzip"] for f in files.values()),
    }


def first_load(browser: Browser, base: str, token: str, view: View) -> dict[str, Any]:
    """One cold load of `view`: milliseconds to its first data, bytes sent, outside requests."""
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1400, "height": 900}
    )
    outside: list[str] = []
    received: list[int] = []

    def only_local(route: Route) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_local)
    page = context.new_page()
    selectors = json.dumps([view.ready, view.complete or view.ready])
    page.add_init_script(f"({WATCH})({selectors})")
    page.on("requestfinished", lambda request: received.append(request.sizes()["responseBodySize"]))
    page.goto(f"{base}{view.path}#token={token}", wait_until="commit")
    page.locator(view.complete or view.ready).first.wait_for(state="attached", timeout=60_000)
    elapsed, complete = page.evaluate("[window.__seen[0], window.__seen[1]]")
    context.close()
    return {
        "ms": elapsed,
        "complete_ms": complete,
        "bytes": sum(received),
        "requests": len(received),
        "outside": outside,
    }


def pictures(browser: Browser, base: str, token: str, folder: Path) -> list[Path]:
    """A screenshot of each view, and of GraphiQL with a query run, for the README."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 800}
    )
    page: Page = context.new_page()
    written = []
    for view in VIEWS:
        page.goto(f"{base}{view.path}#token={token}")
        page.locator(view.complete or view.ready).first.wait_for(state="attached", timeout=60_000)
        if view.name == "desk":
            # The desk with an issue open: its routing answer, timeline and next steps.
            page.locator("[data-testid=queue] li").first.click()
            page.get_by_test_id("route").wait_for()
        if view.name == "graphiql":
            # GraphiQL opens on its example query; the picture shows it answered.
            page.get_by_role("button", name=re.compile(r"^Execute query")).click()
            page.locator(".result-window", has_text="communities").wait_for()
        # Charts and maps animate in; the picture shows them settled.
        page.wait_for_timeout(1500)
        path = folder / f"{view.name}.png"
        page.screenshot(path=str(path))
        written.append(path)
    context.close()
    written.append(resident_form(browser, base, token, folder))
    return written


def resident_form(browser: Browser, base: str, token: str, folder: Path) -> Path:
    """The resident's form on a phone, opened from a new intake link for the first community."""
    headers = {"Authorization": f"Bearer {token}"}
    communities = httpx.post(
        f"{base}/graphql", json={"query": FIRST_COMMUNITY}, headers=headers
    ).json()
    place = communities["data"]["communities"]["nodes"][0]["id"]
    made = httpx.post(
        f"{base}/graphql",
        json={"query": NEW_LINK, "variables": {"input": {"place": place, "label": "样张"}}},
        headers=headers,
    ).json()
    path = made["data"]["createIntakeLink"]["intakeLink"]["path"]
    phone = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 390, "height": 844}
    )
    page = phone.new_page()
    page.goto(f"{base}{path}")
    page.locator("select").first.wait_for()
    picture = folder / "form.png"
    page.screenshot(path=str(picture))
    phone.close()
    return picture


def measure(base: str, token: str, runs: int, folder: Path | None) -> dict[str, Any]:
    """Time each view's cold first load `runs` times; take the pictures if asked."""
    results: dict[str, Any] = {"target_ms": TARGET_MS, "views": {}}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for view in VIEWS:
                first_load(browser, base, token, view)
                loads = [first_load(browser, base, token, view) for _ in range(runs)]
                times = sorted(load["ms"] for load in loads)
                results["views"][view.name] = {
                    "p50_ms": round(statistics.median(times), 1),
                    "max_ms": round(times[-1], 1),
                    "complete_p50_ms": round(
                        statistics.median(load["complete_ms"] for load in loads), 1
                    ),
                    "ratio_to_target": round(statistics.median(times) / TARGET_MS, 2),
                    "transferred_bytes": loads[-1]["bytes"],
                    "requests": loads[-1]["requests"],
                    "outside_requests": sum(len(load["outside"]) for load in loads),
                }
                print(
                    f"bench: {view.name} first load p50 {results['views'][view.name]['p50_ms']} ms"
                )
            if folder is not None:
                results["pictures"] = [str(p) for p in pictures(browser, base, token, folder)]
        finally:
            browser.close()
    return results


async def load_demo(settings: Settings) -> None:
    """Seed the demo graph into the fresh database."""
    async with open_driver(settings) as driver:
        await seed(Neo4jStore(driver, settings.neo4j_database))


def main(argv: list[str] | None = None) -> None:
    """Measure the console and write bench/results/console.json."""
    parser = argparse.ArgumentParser(prog="bench.console", description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="cold loads per view")
    parser.add_argument("--pictures", type=Path, help="also save a screenshot of each view here")
    args = parser.parse_args(argv)
    dist = Settings().console_dir
    if not (dist / "index.html").is_file():
        sys.exit("bench: the console is not built: run `make console` first")
    base_settings = Settings()
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    server = BundledNeo4j(
        data_dir=DATA_DIR, port=PORT, password=base_settings.neo4j_password.get_secret_value()
    )
    started = time.monotonic()
    print(f"bench: starting a fresh Neo4j on {server.uri}", flush=True)
    server.start(timeout=base_settings.neo4j_start_timeout)
    try:
        settings = base_settings.model_copy(update={"neo4j_uri": server.uri, "neo4j_port": PORT})
        asyncio.run(load_demo(settings))
        service = Service(settings.bolt_uri)
        try:
            service.wait_ready()
            base = service.url.removesuffix("/graphql")
            token = mint_token(base_settings, sub="bench", role=Role.ADMIN, hours=1)
            results = measure(base, token, args.runs, args.pictures)
        finally:
            service.stop()
    finally:
        server.stop()
        shutil.rmtree(DATA_DIR, ignore_errors=True)
    results["bundle"] = bundle(dist)
    results["machine"] = {"cpu_count": os.cpu_count(), "loadavg": os.getloadavg()}
    results["seconds_total"] = round(time.monotonic() - started, 1)
    path = report.write_named("console", results)
    print(f"bench: bundle {results['bundle']['bytes']} bytes, {results['bundle']['gzip']} gzip")
    print(f"bench: results written to {path.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
