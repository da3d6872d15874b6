"""Overdue issues: which deadline each open issue missed, and since when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph.cypher.overdue import overdue_page
from graph.cypher.where import Compiled
from graph.model import IssueState
from graph.records import Node, Projected, read_nodes
from graph.store import Neo4jStore, Viewer
from graph.zone import stamp
from resolvers.lifecycle import TERMINAL
from resolvers.paging import Cursor, Page, PageRequest, page_from_rows

# Still waiting on someone: neither terminal nor resolved (a resolved issue awaits feedback).
OPEN_STATES = sorted(
    s.value for s in IssueState if s not in TERMINAL and s is not IssueState.RESOLVED
)
SORT = "overdueSince"


def respond_by(issue: Mapping[str, Any]) -> dt.datetime | None:
    """When the issue had to be responded to."""
    due: dt.datetime | None = issue.get("responseDueAt")
    return due


def resolve_by(issue: Mapping[str, Any]) -> dt.datetime | None:
    """When the issue has to be resolved, extensions included."""
    due: dt.datetime | None = issue.get("extendedTo") or issue.get("resolveDueAt")
    return due


def overdue_since(issue: Mapping[str, Any], now: dt.datetime) -> dt.datetime | None:
    """The earliest deadline an open issue has missed, or None if it is on time."""
    if issue.get("state") not in OPEN_STATES:
        return None
    missed = []
    response_due = respond_by(issue)
    if issue.get("respondedAt") is None and response_due is not None and response_due < now:
        missed.append(response_due)
    resolution_due = resolve_by(issue)
    if issue.get("resolvedAt") is None and resolution_due is not None and resolution_due < now:
        missed.append(resolution_due)
    return min(missed) if missed else None


async def overdue_issues(
    store: Neo4jStore,
    request: PageRequest,
    filters: Mapping[str, str | None],
    *,
    now: dt.datetime,
    with_total: bool,
    viewer: Viewer,
    where: Compiled | None = None,
    props: Projected | None = None,
) -> Page[Node]:
    """Open issues past a deadline, the longest overdue first, in one round trip.

    `where` is compiled on the issues bound to `i`; `props` the properties read, or None for all.
    """
    cursor = request.cursor.position(SORT) if request.cursor else None
    value, key = cursor if cursor is not None else (None, None)
    where = where or Compiled("true")
    [row] = await store.query(
        overdue_page(request.forward, with_total, viewer["role"], where.text, props),
        **where.params,
        openStates=OPEN_STATES,
        now=stamp(now),
        organization=filters.get("organization"),
        area=filters.get("area"),
        category=filters.get("category"),
        cursorValue=stamp(value) if isinstance(value, dt.datetime) else value,
        cursorKey=key,
        limit=request.size + 1,
        viewer=viewer,
    )
    rows = read_nodes(row["nodes"], props)
    return page_from_rows(
        rows, request, lambda r: Cursor.one(SORT, r[SORT], r["key"]), row["total"]
    )
