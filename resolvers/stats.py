"""Graph statistics: counts by label and the headline facts of the demo graph."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Neo4jStore


@dataclass(frozen=True)
class RelocationSummary:
    """What one relocation project moved, and what it took."""

    key: str
    name: str
    units: int
    compounds: int
    land_mu: float
    meetings: int
    days: int | None


@dataclass(frozen=True)
class GraphStats:
    """Counts of what the graph holds."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    communities: int
    regional_units: int
    observers: int
    stations: int
    station_staff: int
    livelihood_projects: int
    jointly_resolved_issues: int
    relocations: list[RelocationSummary]


async def graph_stats(store: Neo4jStore) -> GraphStats:
    """Read the graph's counts, all aggregated in Neo4j."""
    facts = await store.domain_stats()
    relocations = [
        RelocationSummary(
            key=row["key"],
            name=row["name"],
            units=row["units"],
            compounds=row["compounds"],
            land_mu=float(row["landMu"] or 0),
            meetings=row["meetings"],
            days=row["days"],
        )
        for row in await store.relocation_summaries()
    ]
    return GraphStats(
        nodes=await store.count_by_label(),
        relationships=await store.count_by_relationship(),
        communities=facts["communities"],
        regional_units=facts["regionalUnits"],
        observers=facts["observers"],
        stations=facts["stations"],
        station_staff=facts["stationStaff"],
        livelihood_projects=facts["livelihoodProjects"],
        jointly_resolved_issues=facts["jointlyResolvedIssues"],
        relocations=relocations,
    )
