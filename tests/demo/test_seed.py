"""The demo graph seeded into Neo4j: every row written, and the documents' facts counted there."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator
from itertools import pairwise
from typing import Any

import pytest
from neo4j import AsyncDriver

from demo.figures import SOURCE_REPORT
from demo.observations import FIGURES
from demo.seed import DemoGraph, SeedReport, build_demo_graph, seed
from graph.model import Label, Qualifier
from graph.store import Neo4jStore
from settings import Settings

SOURCE = re.compile(r"^00[0-4]_[0-9a-f]{16}\.txt$")


@pytest.fixture(scope="module")
def graph() -> DemoGraph:
    """The rows the seed writes, built once for the module."""
    return build_demo_graph()


@pytest.fixture(scope="module")
async def seeded(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Neo4jStore]:
    """A store over a database holding exactly the demo graph."""
    store = Neo4jStore(driver, settings.neo4j_database)
    await store.clear()
    steps: list[tuple[str, int, int]] = []
    report = await seed(store, progress=lambda step, done, total: steps.append((step, done, total)))
    assert steps[-1][1] == steps[-1][2]
    _REPORTS.append(report)
    yield store
    await store.clear()


_REPORTS: list[SeedReport] = []


async def _one(store: Neo4jStore, statement: str, **params: Any) -> dict[str, Any]:
    rows = await store.query(statement, **params)
    assert len(rows) == 1, rows
    return rows[0]


async def test_seed_writes_every_row(seeded: Neo4jStore, graph: DemoGraph) -> None:
    counts = await seeded.count_by_label()
    for label, rows in graph.nodes.items():
        expected = len(rows) + (len(graph.nodes[Label.COMMUNITY]) if label is Label.AREA else 0)
        assert counts[label.value] == expected, label
    by_type: Counter[str] = Counter()
    for (rel, _, _), rows in graph.relationships.items():
        by_type[rel.value] += len(rows)
    relationships = await seeded.count_by_relationship()
    assert {k: v for k, v in relationships.items() if v} == dict(by_type)
    assert _REPORTS[0].nodes[Label.ISSUE.value] == len(graph.nodes[Label.ISSUE])


async def test_44_communities_in_streets_of_the_district(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (c:Community)
        OPTIONAL MATCH (c)-[:PART_OF]->(s:Area {level: 'STREET'})-[:PART_OF]->
                       (d:Area {level: 'DISTRICT', name: '东营区'})
        RETURN count(c) AS communities, count(d) AS placed,
               collect(c.name) AS names,
               COLLECT { MATCH (x:Area {level: 'STREET'}) RETURN x.name } AS streets
    """,
    )
    assert row["communities"] == 44 == row["placed"]
    assert {"瑞景社区", "兴河小区", "颐园小区"} <= set(row["names"])
    assert "东辛片区" in row["streets"]


async def test_370_plus_regional_units_each_in_a_community(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (u:Organization {kind: 'REGIONAL_UNIT'})
        RETURN count(u) AS units,
               count(CASE WHEN NOT EXISTS { (u)-[:LOCATED_IN]->(:Community) } THEN 1 END)
                 AS unplaced
    """,
    )
    assert row["units"] >= 370
    assert row["unplaced"] == 0


async def test_43_observers_each_observe_one_distinct_community(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (p:Person) WHERE 'OBSERVER' IN p.roles
        WITH p, [(p)-[:OBSERVES]->(c:Community) | c.key] AS watched
        RETURN count(p) AS observers, min(size(watched)) AS least, max(size(watched)) AS most,
               size(collect(DISTINCT watched[0])) AS distinct
    """,
    )
    assert (row["observers"], row["least"], row["most"], row["distinct"]) == (43, 1, 1, 43)
    uncovered = await _one(
        seeded,
        """
        MATCH (c:Community) WHERE NOT EXISTS { (p:Person)-[:OBSERVES]->(c)
                                               WHERE 'OBSERVER' IN p.roles }
        MATCH (k:Person)-[:OBSERVES]->(c)
        RETURN collect(c.name) AS communities, collect(k.roles) AS roles
    """,
    )
    assert uncovered["communities"] == ["颐园小区"]
    assert all("COORDINATOR" in r and "OBSERVER" not in r for r in uncovered["roles"])


async def test_every_community_has_a_responsible_service_company(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (c:Community)
        RETURN count(c) AS communities,
               count(CASE WHEN EXISTS {
                   MATCH (r:RoutingRule)-[:FOR_AREA]->(c),
                         (r)-[:LEAD]->(:Organization {kind: 'SERVICE_COMPANY'}),
                         (r)-[:FOR_CATEGORY]->(root:Category)
                   WHERE NOT (root)-[:PART_OF]->() AND r.responseHours > 0
                     AND EXISTS { (r)-[:ESCALATE]->() }
               } THEN 1 END) AS covered
    """,
    )
    assert row["communities"] == row["covered"] == 44
    specific = await _one(
        seeded,
        """
        MATCH (r:RoutingRule)-[:FOR_CATEGORY]->(:Category {name: '污水排放'}),
              (r)-[:LEAD]->(o:Organization)
        MATCH (m:RoutingRule)-[:FOR_CATEGORY]->(:Category {name: '医保结算'}),
              (m)-[:LEAD|ASSIST]->(g:Organization {name: '东营区医疗保障局'})
        RETURN collect(DISTINCT o.name) AS sewage, count(DISTINCT m) AS insurance
    """,
    )
    assert "胜利水务有限公司" in specific["sewage"]
    assert specific["insurance"] >= 1


async def test_41_staffed_health_stations(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (s:Station)-[:PART_OF]->(:Organization {kind: 'OIL_GAS_UNIT'})
        WITH s, COUNT { (:Person)-[:STATIONED_AT]->(s) } AS staff
        RETURN count(s) AS stations, min(staff) AS least, sum(staff) AS staff
    """,
    )
    assert row["stations"] == 41
    assert row["least"] >= 1
    assert row["staff"] >= 80


async def test_dongxin_relocation(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (p:Project {kind: 'RELOCATION'})-[:LOCATED_IN]->(:Area {name: '东辛片区'})
        MATCH (p)-[m:RELOCATES]->(c:Site {kind: 'FACTORY_COMPOUND'})-[:OWNED_BY]->
              (u:Organization {kind: 'DIRECT_UNIT'})
        MATCH (to:Site {key: m.toSite, kind: 'NEW_SITE'})
        WITH p, collect(c) AS compounds, collect(DISTINCT u) AS units, collect(m) AS moves,
             collect(to) AS targets
        RETURN p.name AS name, size(compounds) AS compounds, size(units) AS units,
               duration.inDays(p.startDate, p.endDate).days AS days,
               reduce(mu = 0.0, c IN compounds | mu + c.landMu) AS mu,
               all(m IN moves WHERE p.startDate <= m.movedOn <= p.endDate) AS inWindow,
               all(s IN compounds + targets WHERE 37.0 < s.lat < 38.0
                                              AND 118.0 < s.lon < 119.0) AS nearDongying,
               size(targets) AS targets,
               COUNT { (:Meeting)-[:ABOUT]->(p) } AS meetings
    """,
    )
    assert "东辛片区" in row["name"]
    assert (row["units"], row["compounds"], row["days"], row["targets"]) == (13, 28, 62, 28)
    assert row["mu"] >= 1100
    assert row["inWindow"] and row["nearDongying"]
    assert row["meetings"] >= 30


async def test_livelihood_projects(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (p:Project {kind: 'LIVELIHOOD'})
        RETURN count(p) AS projects, collect(p.name) AS names,
               min(p.peopleServed) AS leastServed
    """,
    )
    assert row["projects"] >= 10
    assert any("胜利二小" in n for n in row["names"])
    assert any("区中心医院" in n for n in row["names"])
    assert row["leastServed"] > 0


async def test_50_plus_issues_resolved_by_joint_meetings(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (m:Meeting {kind: 'JOINT'})-[:RESOLVED]->(i:Issue)
        WHERE i.state IN ['RESOLVED', 'CLOSED'] AND EXISTS { (m)-[:ATTENDED_BY]->() }
        RETURN count(DISTINCT i) AS issues, collect(i.title) AS titles
    """,
    )
    assert row["issues"] >= 50
    assert any("就餐" in t for t in row["titles"])
    assert any("污水" in t for t in row["titles"])


async def test_ruijing_medical_insurance_issue(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (i:Issue)-[:LOCATED_IN]->(c:Community {name: '瑞景社区'})
        WHERE i.title CONTAINS '医保'
        MATCH (p:Person)-[:REPORTED]->(i), (p)-[:OBSERVES]->(c)
        MATCH (i)-[:IN_CATEGORY]->(:Category {name: '医保结算'})
        MATCH (m:Meeting {kind: 'JOINT'})-[:RESOLVED]->(i)
        MATCH (o:Observation)-[:ABOUT]->(i)
        RETURN i.state AS state, p.roles AS roles, i.peopleAffected AS affected,
               [(m)-[:ATTENDED_BY]->(a) | a.kind] AS attendees,
               [(i)-[:HAS_EVENT]->(e) | e.toState] AS states,
               o.value AS figure, o.qualifier AS qualifier, o.source AS source
    """,
    )
    assert row["state"] == "CLOSED"
    assert "OBSERVER" in row["roles"]
    assert row["affected"] == 1000 == row["figure"]
    assert row["qualifier"] == Qualifier.APPROX
    assert row["source"] == SOURCE_REPORT
    assert "GOV_DEPARTMENT" in row["attendees"] and "DIRECT_UNIT" in row["attendees"]
    assert {"RECEIVED", "ESCALATED", "RESOLVED", "CLOSED"} <= set(row["states"])


async def test_hotline_volume_falls_from_10000_to_under_1000(seeded: Neo4jStore) -> None:
    rows = await seeded.query("""
        MATCH (i:Issue {channel: 'HOTLINE'})
        RETURN i.reportedAt.year AS year, count(i) AS issues
        ORDER BY year
    """)
    volumes = [r["issues"] for r in rows]
    assert volumes[0] >= 10000 > 1000 > volumes[-1]
    assert all(a > b for a, b in pairwise(volumes))
    row = await _one(
        seeded,
        """
        MATCH (h:Issue {channel: 'HOTLINE'})
        RETURN count(h) AS issues,
               count(CASE WHEN EXISTS { (h)-[:IN_CATEGORY]->() } THEN 1 END) AS cat,
               count(CASE WHEN EXISTS { (h)-[:LOCATED_IN]->(:Community) } THEN 1 END) AS placed,
               count(CASE WHEN h.state = 'CLOSED' AND h.respondedAt >= h.reportedAt
                          AND h.resolvedAt >= h.respondedAt AND h.satisfaction IN range(1, 5)
                          THEN 1 END) AS rated
    """,
    )
    assert row["issues"] == row["cat"] == row["placed"]
    assert row["rated"] > 0.9 * row["issues"]


async def test_observations_carry_qualifier_source_and_subject(seeded: Neo4jStore) -> None:
    rows = await seeded.query("""
        MATCH (o:Observation)
        RETURN o.indicator AS indicator, o.value AS value, o.qualifier AS qualifier,
               o.source AS source, o.label AS label, o.unit AS unit,
               [(o)-[:ABOUT]->(n) | n.key] AS about
    """)
    found = {r["indicator"]: r for r in rows}
    for figure in FIGURES:
        row = found[figure.indicator]
        assert (row["value"], row["qualifier"], row["source"]) == (
            figure.value,
            figure.qualifier.value,
            figure.source,
        )
        assert row["about"] == [figure.about_key] and row["label"] and row["unit"]
        assert SOURCE.match(row["source"])
    expected = {
        "relocating_units": (13, Qualifier.EXACT),
        "relocated_compounds": (28, Qualifier.EXACT),
        "relocation_days": (62, Qualifier.EXACT),
        "relocation_meetings": (30, Qualifier.AT_LEAST),
        "land_freed": (1100, Qualifier.AT_LEAST),
        "hotline_issues_before": (10000, Qualifier.AT_LEAST),
        "hotline_issues_after": (1000, Qualifier.LESS_THAN),
        "regional_units_served": (370, Qualifier.AT_LEAST),
        "handed_over_communities": (44, Qualifier.EXACT),
        "happiness_observers": (43, Qualifier.EXACT),
        "health_stations": (41, Qualifier.EXACT),
        "health_staff": (80, Qualifier.AT_LEAST),
        "health_trainings": (1580, Qualifier.EXACT),
        "health_emergencies": (40, Qualifier.AT_LEAST),
        "health_employees_covered": (50000, Qualifier.AT_LEAST),
        "hall_person_times": (100000, Qualifier.AT_LEAST),
        "hall_satisfaction": (98, Qualifier.AT_LEAST),
        "specialty_classes": (23, Qualifier.EXACT),
        "care_classes": (17, Qualifier.EXACT),
        "childcare_child_times": (5000, Qualifier.AT_LEAST),
        "joint_activities": (60, Qualifier.AT_LEAST),
        "livelihood_projects": (10, Qualifier.AT_LEAST),
        "joint_issues_resolved": (50, Qualifier.AT_LEAST),
    }
    for indicator, (value, qualifier) in expected.items():
        assert (found[indicator]["value"], found[indicator]["qualifier"]) == (value, qualifier)


async def test_railway_closed_loop(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (center:Organization {kind: 'CENTER', name: '康渝高铁项目党群服务中心'})
              -[:PART_OF]->(project)
        MATCH (i:Issue)-[:ASSIGNED_TO]->(handler)-[:PART_OF]->(project)
        RETURN COUNT { (:Organization {kind: 'LABOR_TEAM'})-[:PART_OF]->(project) } AS teams,
               collect(DISTINCT i.channel) AS channels,
               [(i2:Issue)-[:HAS_EVENT]->(e) WHERE i2.key STARTS WITH 'issue/kangyu-'
                | e.toState] AS states
    """,
    )
    assert row["teams"] == 17
    assert {"QR_CODE", "PHONE", "ON_SITE", "SUGGESTION_BOX"} <= set(row["channels"])
    assert {"RECEIVED", "VERIFYING", "DISPATCHED", "RESOLVED", "REOPENED", "CLOSED"} <= set(
        row["states"]
    )


async def test_office_branch_visits(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (g:VisitGroup)-[:LED_BY]->(:Person)
        WITH count(g) AS groups
        MATCH (v:Visit)-[:CONDUCTED_BY]->(:VisitGroup), (v)-[:VISITED]->(:Organization)
        WITH groups, count(v) AS visits, sum(v.memberCount) AS members
        MATCH (i:Issue {channel: 'VISIT'})-[:RAISED_DURING]->(:Visit)
        RETURN groups, visits, members,
               sum(CASE WHEN EXISTS { (i)-[:IN_CATEGORY]->(:Category {name: '意见建议'}) }
                        THEN 1 ELSE 0 END) AS suggestions,
               sum(CASE WHEN i.state = 'CLOSED' THEN 1 ELSE 0 END) AS solved
    """,
    )
    assert (row["groups"], row["visits"], row["suggestions"], row["solved"]) == (4, 7, 7, 11)
    assert 35 <= row["members"] <= 40


async def test_union_suggestions(seeded: Neo4jStore) -> None:
    row = await _one(
        seeded,
        """
        MATCH (i:Issue {channel: 'SUGGESTION_BOX'})-[:IN_CATEGORY]->(:Category {name: '合理化建议'})
        RETURN count(i) AS collected,
               sum(CASE WHEN i.state IN ['RESOLVED', 'CLOSED'] THEN 1 ELSE 0 END) AS implemented
    """,
    )
    assert (row["collected"], row["implemented"]) == (8, 2)


async def test_seeding_twice_changes_nothing(seeded: Neo4jStore) -> None:
    labels, relationships = await seeded.count_by_label(), await seeded.count_by_relationship()
    await seed(seeded)
    assert await seeded.count_by_label() == labels
    assert await seeded.count_by_relationship() == relationships
