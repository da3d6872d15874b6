"""Service settings, read from LIANXIN_* environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="LIANXIN_", extra="ignore")

    # Unset means: start the bundled Neo4j Community and use it.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("lianxin-local")
    neo4j_database: str = "neo4j"
    neo4j_port: int = 7687
    neo4j_data: Path = PROJECT_ROOT / "var" / "neo4j"
    neo4j_heap_mb: int = 512
    neo4j_pagecache_mb: int = 256
    neo4j_start_timeout: float = 120.0
    neo4j_connect_timeout: float = 5.0
    # Transient errors (deadlocks, leader switches) are retried this long; kept short so that
    # with Neo4j down a request answers UNAVAILABLE in seconds rather than hanging.
    neo4j_retry_seconds: float = 3.0

    # The built console (make console); its pages and GraphiQL are served from here.
    console_dir: Path = PROJECT_ROOT / "console" / "dist"

    default_page_size: int = 20
    max_page_size: int = 100
    # A `where` no index can start from reads every node of its label: up to this many.
    where_scan_limit: int = 100_000
    max_query_depth: int = 12
    # Queries and mutations run at once over HTTP; more wait their turn. Past a few, one
    # process gains no speed, only memory: each holds its whole answer until it is sent.
    max_concurrent_operations: int = 4
    max_aliases: int = 30
    max_tokens: int = 5000

    # Comma-separated keys allowed to POST Open311 requests; empty disables posting.
    open311_api_keys: SecretStr = SecretStr("")

    # The largest ledger upload POST /ledgers/import accepts (413 above it).
    max_upload_mb: float = 50.0
    # The largest body /graphql accepts (413 above it); ledger uploads have their own limit.
    max_body_mb: float = 1.0

    # Bearer tokens (JWT): HS256 with `auth_secret`, or a key of the JWKS file (RS256, ES256,
    # EdDSA). With neither set, a random secret is made once in `auth_secret_file`, so that
    # `lianxin token` and a local server agree without any setup.
    auth_secret: SecretStr | None = None
    auth_jwks_file: Path | None = None
    auth_secret_file: Path = PROJECT_ROOT / "var" / "auth-secret"
    auth_issuer: str | None = None
    auth_audience: str | None = None
    token_hours: float = 12.0

    # Subscriptions: how often the shared poller reads new IssueEvents, and how often it looks
    # for issues that have just become overdue (a scan of every open issue, so less often).
    event_poll_seconds: float = 0.5
    overdue_poll_seconds: float = 30.0

    # The zone every datetime is stored, compared and grouped by month in (an IANA name): the
    # centers' own. A database written under another zone is brought into it at start-up.
    time_zone: str = "Asia/Shanghai"

    # Residents' QR intake (码上反映): the service's address as a phone reaches it (the QR codes
    # carry it; unset means http://<host>:<port>), the phone number the public pages show, and
    # the public endpoints' limits. Rates are counted per process (per replica).
    public_url: str | None = None
    service_phone: str = "12345"
    intake_reports_per_minute: int = 5
    intake_link_reports_per_hour: int = 60
    intake_reads_per_minute: int = 60
    intake_max_body_kb: int = 16

    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    # `text` for people, `json` for machines: one JSON object per line.
    log_format: Literal["text", "json"] = "text"

    # Scheduled backups by `serve`: every `backup_hours` (unset: 24 with the bundled Neo4j,
    # none with a server of one's own; 0: none), the newest `backup_keep` kept in `backup_dir`.
    backup_dir: Path = PROJECT_ROOT / "var" / "backups"
    backup_hours: float | None = None
    backup_keep: int = 7

    # Who may scrape /metrics: whoever sends this bearer token on the service's port, and
    # anyone reaching `metrics_port` (on `metrics_host`), a port kept off the public network.
    metrics_token: SecretStr | None = None
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(
                f"{value!r} is not a time zone name; use one like Asia/Shanghai or UTC"
            ) from None
        return value

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI to connect to: the configured one or the bundled server's."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_port}"

    @property
    def public_base_url(self) -> str:
        """The absolute address residents' QR codes point at, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def open311_keys(self) -> frozenset[str]:
        """The Open311 API keys, without blanks."""
        raw = self.open311_api_keys.get_secret_value().split(",")
        return frozenset(key.strip() for key in raw if key.strip())

    @property
    def backup_interval_hours(self) -> float:
        """Hours between scheduled backups; 0 means none."""
        if self.backup_hours is not None:
            return max(self.backup_hours, 0.0)
        return 24.0 if self.uses_bundled_neo4j else 0.0

    @property
    def uses_bundled_neo4j(self) -> bool:
        """Whether the project must start its own Neo4j."""
        return self.neo4j_uri is None
