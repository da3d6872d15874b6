"""GraphQL types for graph statistics."""

from __future__ import annotations

import strawberry

from resolvers.stats import GraphStats, RelocationSummary


@strawberry.type(description="How many nodes carry a label, or relationships have a type.")
class Count:
    name: str
    count: int


@strawberry.type(
    name="RelocationSummary", description="What a relocation project moved and what it took."
)
class RelocationSummaryType:
    key: str
    name: str
    units: int
    compounds: int
    land_mu: float = strawberry.field(description="Land freed, in mu (亩).")
    meetings: int
    days: int | None

    @classmethod
    def from_summary(cls, summary: RelocationSummary) -> RelocationSummaryType:
        """Build from the domain record."""
        return cls(
            key=summary.key,
            name=summary.name,
            units=summary.units,
            compounds=summary.compounds,
            land_mu=summary.land_mu,
            meetings=summary.meetings,
            days=summary.days,
        )


@strawberry.type(description="Counts of what the knowledge graph holds.")
class Stats:
    nodes: list[Count]
    relationships: list[Count]
    communities: int
    regional_units: int
    observers: int
    stations: int
    station_staff: int
    livelihood_projects: int
    jointly_resolved_issues: int
    relocations: list[RelocationSummaryType]

    @classmethod
    def from_stats(cls, stats: GraphStats) -> Stats:
        """Build from the domain record."""
        return cls(
            nodes=[Count(name=k, count=v) for k, v in sorted(stats.nodes.items())],
            relationships=[Count(name=k, count=v) for k, v in sorted(stats.relationships.items())],
            communities=stats.communities,
            regional_units=stats.regional_units,
            observers=stats.observers,
            stations=stats.stations,
            station_staff=stats.station_staff,
            livelihood_projects=stats.livelihood_projects,
            jointly_resolved_issues=stats.jointly_resolved_issues,
            relocations=[RelocationSummaryType.from_summary(r) for r in stats.relocations],
        )
