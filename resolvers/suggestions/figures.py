"""Suggestion figures for an organization and those under it, counted from the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.cypher.suggestions import SUGGESTION_FIGURES
from graph.store import Neo4jStore
from resolvers.errors import BadUserInput, NotFound


@dataclass(frozen=True)
class Figures:
    """How many suggestions were collected, adopted, implemented and declined in a period."""

    collected: int
    adopted: int
    implemented: int
    declined: int
    people_benefited: int


async def suggestion_figures(
    store: Neo4jStore, organization: str, since: dt.date | None, until: dt.date | None
) -> Figures:
    """Each step counted by its own date in [since, until); all time when unbounded."""
    if since is not None and until is not None and until <= since:
        raise BadUserInput("统计期的结束日期须晚于开始日期", field="to")
    rows = await store.query(
        SUGGESTION_FIGURES, organization=organization, **{"from": since, "to": until}
    )
    if not rows:
        raise NotFound(f"找不到单位 {organization}", key=organization)
    [row] = rows
    return Figures(
        collected=row["collected"],
        adopted=row["adopted"],
        implemented=row["implemented"],
        declined=row["declined"],
        people_benefited=row["peopleBenefited"],
    )
