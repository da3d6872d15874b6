"""Coverage (每季一覆盖): which regional units a period's visits reached; what visits came to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.cypher.visits import COVERAGE, VISIT_FIGURES
from graph.store import Neo4jStore
from graph.zone import stamp
from resolvers.overdue import OPEN_STATES
from resolvers.visits.period import Period


@dataclass(frozen=True)
class CommunityCoverage:
    """One community's regional units in a period: how many, how many contacted, which not."""

    community: str | None
    units: int
    contacted: int
    uncovered: tuple[str, ...]


@dataclass(frozen=True)
class GroupCoverage:
    """What one group's visits to regional units came to in a period."""

    group: str
    visits: int
    contacted: int
    member_times: int


@dataclass(frozen=True)
class Coverage:
    """The period's coverage of regional units, per community and per group."""

    period: Period
    communities: tuple[CommunityCoverage, ...]
    groups: tuple[GroupCoverage, ...]

    @property
    def units(self) -> int:
        """Regional units in scope."""
        return sum(c.units for c in self.communities)

    @property
    def contacted(self) -> int:
        """Regional units a DONE visit in the period reached."""
        return sum(c.contacted for c in self.communities)


@dataclass(frozen=True)
class Figures:
    """What visits came to, as an office branch reports it (走访次数、人次、建议、问题)."""

    visits: int
    member_times: int
    suggestions: int
    problems: int
    solved: int
    on_the_spot: int
    within_deadline: int
    supervised: int
    overdue: int


async def coverage(store: Neo4jStore, period: Period, area: str | None) -> Coverage:
    """The coverage of the regional units (in `area`, when given) in one round trip."""
    [row] = await store.query(
        COVERAGE, start=period.start.isoformat(), end=period.end.isoformat(), area=area
    )
    return Coverage(
        period,
        tuple(
            CommunityCoverage(c["community"], c["units"], c["contacted"], tuple(c["uncovered"]))
            for c in row["communities"]
        ),
        tuple(
            GroupCoverage(g["group"], g["visits"], g["contacted"], g["memberTimes"])
            for g in row["groups"]
        ),
    )


async def figures(
    store: Neo4jStore,
    *,
    organization: str | None,
    group: str | None,
    period: Period | None,
    now: dt.datetime,
) -> Figures:
    """The figures of the groups of `organization` (or one `group`, or all), in one query."""
    [row] = await store.query(
        VISIT_FIGURES,
        organization=organization,
        group=group,
        start=period.start.isoformat() if period else None,
        end=period.end.isoformat() if period else None,
        openStates=OPEN_STATES,
        now=stamp(now),
    )
    return Figures(
        visits=row["visits"],
        member_times=row["memberTimes"],
        suggestions=row["suggestions"],
        problems=row["problems"],
        solved=row["solved"],
        on_the_spot=row["onTheSpot"],
        within_deadline=row["withinDeadline"],
        supervised=row["supervised"],
        overdue=row["overdue"],
    )
