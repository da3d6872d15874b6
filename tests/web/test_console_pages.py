"""The console's pages and GraphiQL as built files: headers, compression, and what is not a page."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from settings import Settings
from tests.support.graphql import bearer
from web.app import create_app
from web.console import POLICY

HTML = {"accept": "text/html,application/xhtml+xml"}
# Large enough that the service compresses it: below 1 KB it would not.
BUNDLE = "export const words = '连心';\n" * 200


def _fake_build(dist: Path) -> None:
    """A console build's shape, without npm: two pages and one hashed bundle."""
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>console-index</title>")
    (dist / "graphiql.html").write_text(
        '<!doctype html><title>连心 GraphiQL</title><script src="/assets/x.js"></script>'
    )
    (dist / "assets" / "x.js").write_text(BUNDLE)


def _browser(settings: Settings, dist: Path) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"console_dir": dist})))


@pytest.fixture
def built(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    """A client without a token, as a browser first arrives, of a service with a built console."""
    dist = tmp_path / "dist"
    _fake_build(dist)
    with _browser(settings, dist) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/plan"])
def test_pages_answer_the_console_with_its_policy(built: TestClient, path: str) -> None:
    response = built.get(path, headers=HTML)
    assert response.status_code == 200
    assert "console-index" in response.text
    assert response.headers["content-security-policy"] == POLICY
    assert response.headers["cache-control"] == "no-cache"


def test_the_policy_names_no_other_host() -> None:
    sources = re.findall(r"\S+", POLICY.replace(";", " "))
    assert not [s for s in sources if "://" in s or s.startswith("http") or "*" in s]
    assert "'unsafe-eval'" not in POLICY


def test_assets_are_compressed_and_kept_for_good(built: TestClient) -> None:
    response = built.get("/assets/x.js", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.text == BUNDLE
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_bundle_compressed_at_build_is_sent_as_built(settings: Settings, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _fake_build(dist)
    # Not the gzip of BUNDLE: what arrives shows which file was sent.
    (dist / "assets" / "x.js.gz").write_bytes(gzip.compress(b"export const built = 1;\n"))
    with _browser(settings, dist) as client:
        sent = client.get("/assets/x.js", headers={"accept-encoding": "gzip"})
        plain = client.get("/assets/x.js", headers={"accept-encoding": "identity"})
        posted = client.post("/assets/x.js", headers={"accept-encoding": "gzip"})
    assert sent.status_code == 200
    assert sent.text == "export const built = 1;\n"
    assert sent.headers["content-encoding"] == "gzip"
    assert sent.headers["content-type"].startswith("text/javascript")
    assert sent.headers["vary"] == "Accept-Encoding"
    assert sent.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert plain.text == BUNDLE
    assert "content-encoding" not in plain.headers
    assert posted.status_code == 405


def test_files_and_non_browsers_get_a_plain_404(built: TestClient) -> None:
    for response in (
        built.get("/favicon.ico", headers=HTML),
        built.get("/plan", headers={"accept": "application/json"}),
        built.get("/assets/missing.js"),
    ):
        assert response.status_code == 404
        assert "<html" not in response.text.lower()


def test_an_unbuilt_console_says_how_to_build_it(settings: Settings, tmp_path: Path) -> None:
    with _browser(settings, tmp_path / "never-built") as client:
        for path in ("/", "/graphql"):
            response = client.get(path, headers=HTML)
            assert response.status_code == 503, path
            assert "控制台尚未构建" in response.text
            assert "make console" in response.text


def test_a_browser_gets_the_built_graphiql_with_nothing_from_another_host(
    built: TestClient,
) -> None:
    response = built.get("/graphql", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "连心 GraphiQL" in response.text
    assert response.headers["content-security-policy"] == POLICY
    # Strawberry's own page loads GraphiQL from a CDN; ours names no host at all.
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", response.text, re.IGNORECASE)


def test_graphiql_is_the_same_page_with_a_token(built: TestClient, settings: Settings) -> None:
    response = built.get("/graphql", headers={**HTML, **bearer(settings)})
    assert response.status_code == 200
    assert "连心 GraphiQL" in response.text


def test_graphql_itself_still_needs_a_token(built: TestClient) -> None:
    response = built.post("/graphql", json={"query": "{ stats { communities } }"}, headers=HTML)
    assert response.status_code == 401
    assert (
        built.get("/graphql", params={"query": "{ __typename }"}, headers=HTML).status_code == 401
    )
