"""open_driver: the one place the Neo4j async driver is configured."""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncGraphDatabase, NotificationMinimumSeverity

from settings import Settings


def open_driver(settings: Settings) -> AsyncDriver:
    """An async driver for the configured (or bundled) Neo4j; the caller closes it."""
    return AsyncGraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout,
        max_transaction_retry_time=settings.neo4j_retry_seconds,
        # Planner notices (e.g. "relationship type not seen yet") are not errors; keep logs clean.
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
