"""/metrics in the Prometheus text format: requests, latency, round trips, pool, feed, backups.

No label holds personal data: routes are named by their fixed prefix (never a path with a code
or a secret in it), operations by a plain GraphQL name the client chose (any other is `other`,
and past MAX_OPERATIONS distinct names every new one is `other` too).
"""

from __future__ import annotations

import hmac
import re
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.cypher.feed import EVENT_LOG_HEAD
from graph.errors import StoreError
from settings import Settings

# A plain name without a run of digits (a phone number spelled into a name is not one).
_NAME = re.compile(r"[_A-Za-z][_A-Za-z]*(?:[0-9]{1,4}[_A-Za-z]+)*[0-9]{0,4}")
MAX_OPERATIONS = 200
_ROUTES = (
    "/graphql",
    "/healthz",
    "/readyz",
    "/metrics",
    "/ledgers/import",
    "/open311",
    "/api/intake",
    "/api/status",
    "/assets",
)
_LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_TRIPS = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32)


def route_of(path: str) -> str:
    """The fixed route a path belongs to; the console's pages and unknown paths are `page`."""
    for route in _ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "page"


class Metrics:
    """One service's metrics, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.http = Counter(
            "lianxin_http_requests",
            "HTTP requests by route and status.",
            ["route", "status"],
            registry=r,
        )
        self.http_seconds = Histogram(
            "lianxin_http_request_duration_seconds",
            "HTTP request latency by route.",
            ["route"],
            buckets=_LATENCY,
            registry=r,
        )
        self.graphql = Counter(
            "lianxin_graphql_requests",
            "GraphQL requests by operation name, kind and result code.",
            ["operation", "kind", "code"],
            registry=r,
        )
        self.graphql_seconds = Histogram(
            "lianxin_graphql_request_duration_seconds",
            "GraphQL request latency by operation name and kind.",
            ["operation", "kind"],
            buckets=_LATENCY,
            registry=r,
        )
        self.round_trips = Histogram(
            "lianxin_store_round_trips_per_request",
            "Neo4j transactions one GraphQL request ran.",
            ["kind"],
            buckets=_TRIPS,
            registry=r,
        )
        self.sessions = Gauge(
            "lianxin_neo4j_sessions_in_use",
            "Neo4j sessions open now, each holding a pooled connection.",
            registry=r,
        )
        self.subscriptions = Gauge(
            "lianxin_subscriptions_open",
            "Subscribers receiving live events or alerts.",
            registry=r,
        )
        self.log_head = Gauge(
            "lianxin_event_log_head_seq", "The IssueEvent log's last seq in Neo4j.", registry=r
        )
        self.feed_lag = Gauge(
            "lianxin_event_feed_lag_events",
            "Events in the log the feed has not yet read (0 while it has no subscribers).",
            registry=r,
        )
        self.ledger_rows = Counter(
            "lianxin_ledger_rows_imported",
            "Ledger rows written by imports.",
            ["ledger"],
            registry=r,
        )
        self.backups = Counter(
            "lianxin_backups", "Scheduled backups by result.", ["result"], registry=r
        )
        self.backup_success = Gauge(
            "lianxin_backup_last_success_timestamp_seconds",
            "When the last successful backup finished (Unix time).",
            registry=r,
        )
        self.backup_seconds = Gauge(
            "lianxin_backup_last_duration_seconds", "How long the last backup took.", registry=r
        )
        self.backup_rows = Gauge(
            "lianxin_backup_last_rows", "Nodes and relationships in the last backup.", registry=r
        )
        self.backup_ok = Gauge(
            "lianxin_backup_last_ok", "1 if the last backup succeeded, 0 if it failed.", registry=r
        )
        self._operations: set[str] = set()

    def operation(self, name: str | None) -> str:
        """The label of an operation name: the name itself, or `anonymous` or `other`."""
        if name is None:
            return "anonymous"
        if not _NAME.fullmatch(name) or len(name) > 64:
            return "other"
        if name not in self._operations and len(self._operations) >= MAX_OPERATIONS:
            return "other"
        self._operations.add(name)
        return name

    async def refresh(self, state: Any) -> None:
        """Read the gauges that come from the app's state and from Neo4j, just before a scrape."""
        store = state.store
        self.sessions.set(store.sessions_in_use)
        feed = getattr(state, "feed", None)
        self.subscriptions.set(feed.subscriber_count if feed is not None else 0)
        try:
            [row] = await store.query(EVENT_LOG_HEAD)
        except StoreError:
            return
        self.log_head.set(row["head"])
        polled = feed.head if feed is not None and feed.subscriber_count else None
        self.feed_lag.set(max(row["head"] - polled, 0) if polled is not None else 0)

    def render(self) -> Response:
        """The registry in the Prometheus text format."""
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def may_scrape(request: Request, settings: Settings) -> str | None:
    """Why this request may not read /metrics, or None when it may."""
    server = request.scope.get("server")
    if settings.metrics_port is not None and server and server[1] == settings.metrics_port:
        return None
    token = settings.metrics_token
    if token is None:
        return (
            "metrics are not served on this port: set LIANXIN_METRICS_PORT or LIANXIN_METRICS_TOKEN"
        )
    sent = request.headers.get("authorization", "")
    if hmac.compare_digest(sent.encode(), f"Bearer {token.get_secret_value()}".encode()):
        return None
    return "metrics need Authorization: Bearer <LIANXIN_METRICS_TOKEN>"


async def metrics_endpoint(request: Request) -> Response:
    """GET /metrics for whoever the settings let scrape."""
    refused = may_scrape(request, request.app.state.settings)
    if refused is not None:
        return PlainTextResponse(refused, status_code=404 if "not served" in refused else 401)
    metrics: Metrics = request.app.state.metrics
    await metrics.refresh(request.app.state)
    return metrics.render()


class Measured:
    """Counts and times HTTP requests by route and status; the metrics port serves /metrics only."""

    def __init__(self, app: ASGIApp, metrics: Metrics, metrics_port: int | None) -> None:
        self.app = app
        self.metrics = metrics
        self.metrics_port = metrics_port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = route_of(scope["path"])
        server = scope.get("server")
        on_metrics_port = (
            self.metrics_port is not None and server and server[1] == self.metrics_port
        )
        if on_metrics_port and route != "/metrics":
            await PlainTextResponse("only /metrics is served here", 404)(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            self.metrics.http.labels(route, str(status)).inc()
            self.metrics.http_seconds.labels(route).observe(time.perf_counter() - started)
