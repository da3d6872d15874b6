"""open_driver: the one place the Neo4j async driver is configured."""

from __future__ import annotations

import logging

from neo4j import AsyncDriver, AsyncGraphDatabase, NotificationMinimumSeverity

from settings import Settings

# The driver warns before each retry, several multi-line warnings per store call in an outage;
# the store reports the call's outcome once, so those become debug lines.
_RETRY_MARKER = "will be retried"


class RetriesAtDebug(logging.Filter):
    """The driver's retry warnings, demoted to DEBUG (kept only where DEBUG is logged)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and _RETRY_MARKER in str(record.msg):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def open_driver(settings: Settings) -> AsyncDriver:
    """An async driver for the configured (or bundled) Neo4j; the caller closes it."""
    session_log = logging.getLogger("neo4j.session")
    if not any(isinstance(existing, RetriesAtDebug) for existing in session_log.filters):
        session_log.addFilter(RetriesAtDebug())
    return AsyncGraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout,
        max_transaction_retry_time=settings.neo4j_retry_seconds,
        # Planner notices (e.g. "relationship type not seen yet") are not errors; keep logs clean.
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
