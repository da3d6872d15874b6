"""Impact: the hotline "three rates" and their companions per group, rankings, volumes, reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.cypher.impact import IMPACT, ISSUE_VOLUME, PROJECT_IMPACT, RANKING
from graph.model import Channel, IssueState, ProjectKind
from graph.records import Node, native, to_node
from graph.store import Neo4jStore
from graph.zone import stamp, zone
from resolvers.errors import BadUserInput
from resolvers.lifecycle import SATISFIED_FROM

# Invalid, repeated or someone else's: such issues count as received, never in a rate.
EXCLUDED_STATES = (IssueState.REJECTED, IssueState.DUPLICATE, IssueState.REFERRED_OUT)
RESOLVED_STATES = (IssueState.RESOLVED, IssueState.CLOSED)

# The documents' figures on hotline volume are observations with these indicators.
HOTLINE_INDICATOR = "hotline_issues"

PROJECT_KINDS = (ProjectKind.LIVELIHOOD, ProjectKind.SERVICE_PROGRAM)

# Open window bounds become far-off instants, so the statement always has a range to seek.
EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
LATEST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


class Scope(StrEnum):
    """What issues are grouped by."""

    COMMUNITY = "COMMUNITY"
    ORGANIZATION = "ORGANIZATION"
    CATEGORY = "CATEGORY"
    ROOT_CATEGORY = "ROOT_CATEGORY"
    MONTH = "MONTH"


class Metric(StrEnum):
    """A rate a group can be ranked by."""

    RESPONSE_RATE = "RESPONSE_RATE"
    RESOLUTION_RATE = "RESOLUTION_RATE"
    SATISFACTION_RATE = "SATISFACTION_RATE"
    ON_TIME_RATE = "ON_TIME_RATE"
    REOPEN_RATE = "REOPEN_RATE"
    WHISTLE_RATE = "WHISTLE_RATE"


# Each rate as (numerator count, denominator count), named as the statement names them.
RATE_COUNTS: Mapping[Metric, tuple[str, str]] = {
    Metric.RESPONSE_RATE: ("respondedInTime", "responseDue"),
    Metric.RESOLUTION_RATE: ("resolved", "evaluated"),
    Metric.SATISFACTION_RATE: ("satisfied", "rated"),
    Metric.ON_TIME_RATE: ("resolvedInTime", "resolvedWithDeadline"),
    Metric.REOPEN_RATE: ("reopened", "everResolved"),
    Metric.WHISTLE_RATE: ("whistled", "valid"),
}

# Fewer reopenings is better; for every other rate, and the whistle rate's attention list,
# the highest comes first.
LOWER_IS_BETTER = frozenset({Metric.REOPEN_RATE})

RANKABLE = (Scope.COMMUNITY, Scope.ORGANIZATION)


@dataclass(frozen=True)
class Window:
    """Issues reported at or after `start` and before `end`; None leaves a side open."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None

    def __post_init__(self) -> None:
        for name, value in (("from", self.start), ("to", self.end)):
            # Issues store zoned instants; Neo4j compares an offset-less one with them as null.
            if value is not None and value.utcoffset() is None:
                raise BadUserInput(
                    f"{name} needs a UTC offset, e.g. 2024-01-01T00:00:00+08:00", field=name
                )
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise BadUserInput("from must be before to", field="from")

    def params(self) -> dict[str, str]:
        """The window as the statements' $from and $to."""
        return {
            "from": stamp(self.start) if self.start else EARLIEST.isoformat(),
            "to": stamp(self.end) if self.end else LATEST.isoformat(),
        }


@dataclass(frozen=True)
class Rate:
    """A share with the counts behind it, so that "1 of 1" is visible as such."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """The share in [0, 1], or None when nothing was counted."""
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class GroupImpact:
    """Every count of one group: a community, organization, category or month."""

    key: str
    name: str
    node: Node | None
    month: dt.date | None
    counts: Mapping[str, int]

    @property
    def received(self) -> int:
        """Issues reported in the window, whatever became of them."""
        return self.counts["received"]

    @property
    def valid(self) -> int:
        """Received issues that were not rejected, duplicates or referred out."""
        return self.counts["valid"]

    def rate(self, metric: Metric) -> Rate:
        """One of the group's rates."""
        numerator, denominator = RATE_COUNTS[metric]
        return Rate(self.counts[numerator], self.counts[denominator])


@dataclass(frozen=True)
class Ranked:
    """A group's place in a ranking by one metric."""

    rank: int
    rate: Rate
    group: GroupImpact


@dataclass(frozen=True)
class VolumeRow:
    """Issues of one year and channel (None when not broken down by it)."""

    year: int | None
    channel: Channel | None
    issues: int


@dataclass(frozen=True)
class IssueVolume:
    """Issue counts over time, and the documents' own figures on them."""

    rows: list[VolumeRow]
    observations: list[Node]


@dataclass(frozen=True)
class ProjectImpact:
    """Whom a project reached: people, communities, the units involved, quoted figures."""

    project: Node
    communities: list[Node]
    units: list[Node]
    observations: list[Node]

    @property
    def people_served(self) -> int | None:
        """People the project serves, as recorded on it."""
        served: int | None = self.project.get("peopleServed")
        return served


def _params(window: Window, now: dt.datetime) -> dict[str, Any]:
    return {
        **window.params(),
        "now": stamp(now),
        "timezone": zone().key,
        "excludedStates": [s.value for s in EXCLUDED_STATES],
        "resolvedStates": [s.value for s in RESOLVED_STATES],
        "satisfiedFrom": SATISFIED_FROM,
    }


def _group(row: Mapping[str, Any]) -> GroupImpact:
    return GroupImpact(
        key=row["key"],
        name=row["name"] or row["key"],
        node=to_node(row["node"]) if row["node"] is not None else None,
        month=native(row["month"]),
        counts=dict(row["counts"]),
    )


def _ids(scope: Scope, ids: Sequence[str] | None) -> list[str] | None:
    if ids is not None and scope is Scope.MONTH:
        raise BadUserInput("ids name communities, organizations or categories, not months")
    return list(ids) if ids else None


async def impact(
    store: Neo4jStore,
    scope: Scope,
    *,
    window: Window,
    now: dt.datetime,
    ids: Sequence[str] | None = None,
) -> list[GroupImpact]:
    """The counts behind every rate for each group with issues in the window, in one query."""
    rows = await store.query(IMPACT[scope.value], ids=_ids(scope, ids), **_params(window, now))
    return [_group(row) for row in rows]


async def ranking(
    store: Neo4jStore,
    metric: Metric,
    scope: Scope,
    *,
    window: Window,
    now: dt.datetime,
    min_volume: int,
    limit: int,
    ascending: bool | None = None,
) -> list[Ranked]:
    """Groups best first by a rate, leaving out those whose denominator is under min_volume."""
    if scope not in RANKABLE:
        raise BadUserInput(f"only communities and organizations are ranked, not {scope}")
    if min_volume < 0:
        raise BadUserInput("minVolume must not be negative", field="minVolume")
    numerator, denominator = RATE_COUNTS[metric]
    rows = await store.query(
        RANKING[scope.value],
        ids=None,
        numerator=numerator,
        denominator=denominator,
        minVolume=min_volume,
        ascending=metric in LOWER_IS_BETTER if ascending is None else ascending,
        limit=limit,
        **_params(window, now),
    )
    return [
        Ranked(rank, Rate(row["numerator"], row["denominator"]), _group(row))
        for rank, row in enumerate(rows, start=1)
    ]


async def issue_volume(
    store: Neo4jStore,
    *,
    window: Window,
    by_year: bool = True,
    by_channel: bool = False,
    channels: Sequence[Channel] | None = (Channel.HOTLINE,),
) -> IssueVolume:
    """Issues per year and channel, with the documents' hotline figures, in one query."""
    [row] = await store.query(
        ISSUE_VOLUME,
        **window.params(),
        timezone=zone().key,
        byYear=by_year,
        byChannel=by_channel,
        channels=[c.value for c in channels] if channels else None,
        indicator=HOTLINE_INDICATOR,
    )
    rows = [
        VolumeRow(
            year=r["year"],
            channel=Channel(r["channel"]) if r["channel"] is not None else None,
            issues=r["issues"],
        )
        for r in row["rows"]
    ]
    return IssueVolume(rows, [to_node(o) for o in row["observations"]])


async def project_impact(
    store: Neo4jStore, kinds: Sequence[ProjectKind] | None, *, limit: int
) -> list[ProjectImpact]:
    """People served, communities, units and quoted figures per project, in one query."""
    rows = await store.query(
        PROJECT_IMPACT,
        kinds=[k.value for k in (kinds or PROJECT_KINDS)],
        limit=limit,
    )
    return [
        ProjectImpact(
            project=to_node(row["project"]),
            communities=[to_node(c) for c in row["communities"]],
            units=[to_node(u) for u in row["units"]],
            observations=[to_node(o) for o in row["observations"]],
        )
        for row in rows
    ]
