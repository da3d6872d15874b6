"""Planning: relocationMap as GeoJSON and a project's planner figures, on small and demo graphs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post, run

Json = dict[str, Any]

MAP = "query Map($project: ID!) { relocationMap(project: $project) }"

FIGURES = """
query Figures($id: ID!) {
  project(id: $id) {
    name daysTaken unitsRelocated compoundsRelocated landFreedMu meetingCount
  }
}
"""

DONGXIN = "project/dongxin-relocation"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """One app per module; its store counts the statements the requests run."""
    with client_for(settings) as client:
        yield client


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    [error] = post(client, query, **variables)["errors"]
    code: str = error["extensions"]["code"]
    return code


def round_trips(client: TestClient) -> int:
    store: Neo4jStore = client.app.state.store  # type: ignore[attr-defined]
    return store.round_trips


async def small_relocation(store: Neo4jStore) -> None:
    """Two units, three compounds (one without coordinates), two new sites, two meetings."""
    f = Fixture()
    f.add(
        Label.PROJECT,
        "project/move",
        name="搬迁",
        kind="RELOCATION",
        startDate=dt.date(2023, 3, 1),
        endDate=dt.date(2023, 3, 11),
    )
    f.add(Label.PROJECT, "project/school", name="学校扩建", kind="LIVELIHOOD")
    f.add(Label.ORGANIZATION, "org/a", name="甲厂")
    f.add(Label.ORGANIZATION, "org/b", name="乙厂")
    compound = "FACTORY_COMPOUND"
    f.add(Label.SITE, "site/a1", name="甲一院", lat=37.45, lon=118.43, landMu=10.1, kind=compound)
    f.add(Label.SITE, "site/a2", name="甲二院", lat=37.44, lon=118.41, landMu=20.2, kind=compound)
    f.add(Label.SITE, "site/b1", name="乙院", landMu=5.0, kind=compound)
    f.add(Label.SITE, "site/new-a", name="甲新址", lat=37.50, lon=118.55, kind="NEW_SITE")
    f.add(Label.SITE, "site/new-b", name="乙新址", lat=37.40, lon=118.60, kind="NEW_SITE")
    f.links(Rel.OWNED_BY, [("site/a1", "org/a"), ("site/a2", "org/a"), ("site/b1", "org/b")])
    moves = [
        ("move/a1", "org/a", "site/a1", dt.date(2023, 3, 5), "site/new-a", 10.1),
        ("move/a2", "org/a", "site/a2", dt.date(2023, 3, 3), "site/new-a", 20.2),
        ("move/b1", "org/b", "site/b1", dt.date(2023, 3, 9), "site/new-b", 5.0),
    ]
    for key, unit, site, day, to, mu in moves:
        f.add(Label.MOVE, key, status="DONE", plannedOn=day, movedOn=day, landMu=mu)
        f.link(Rel.HAS_MOVE, "project/move", key)
        f.link(Rel.MOVES, key, unit)
        f.link(Rel.FROM_SITE, key, site)
        f.link(Rel.TO_SITE, key, to)
    for n in (1, 2):
        f.add(Label.MEETING, f"meeting/{n}", title=f"协调会{n}")
        f.link(Rel.ABOUT, f"meeting/{n}", "project/move")
    await f.write(store)


def by_kind(collection: Json, kind: str) -> list[Json]:
    return [f for f in collection["features"] if f["properties"]["kind"] == kind]


# --- Hand-made graphs -------------------------------------------------------------------------


async def test_the_map_has_compounds_sites_and_moves_in_lon_lat_order(
    store: Neo4jStore, client: TestClient
) -> None:
    await small_relocation(store)
    before = round_trips(client)
    collection = run(client, MAP, project=gid("Project", "project/move"))["relocationMap"]
    assert round_trips(client) - before == 1

    assert collection["type"] == "FeatureCollection"
    compounds = by_kind(collection, "compound")
    # The compound without coordinates cannot be drawn, and neither can its move.
    assert [f["geometry"] for f in compounds] == [
        {"type": "Point", "coordinates": [118.41, 37.44]},
        {"type": "Point", "coordinates": [118.43, 37.45]},
    ]
    assert compounds[0]["properties"] == {
        "kind": "compound",
        "key": "site/a2",
        "name": "甲二院",
        "landMu": 20.2,
        "owner": "甲厂",
        "move": "move/a2",
        "status": "DONE",
        "plannedOn": "2023-03-03",
        "movedOn": "2023-03-03",
    }
    sites = by_kind(collection, "site")
    assert [f["id"] for f in sites] == ["site/new-a", "site/new-b"]
    assert sites[1]["geometry"]["coordinates"] == [118.60, 37.40]
    moves = by_kind(collection, "move")
    assert [f["geometry"] for f in moves] == [
        {"type": "LineString", "coordinates": [[118.41, 37.44], [118.55, 37.50]]},
        {"type": "LineString", "coordinates": [[118.43, 37.45], [118.55, 37.50]]},
    ]
    assert moves[1]["properties"] == {
        "kind": "move",
        "unit": "甲厂",
        "from": "甲一院",
        "to": "甲新址",
        "move": "move/a1",
        "status": "DONE",
        "plannedOn": "2023-03-05",
        "movedOn": "2023-03-05",
        "landMu": 10.1,
        "note": None,
    }
    assert collection["bbox"] == [118.41, 37.40, 118.60, 37.50]
    assert all(f["type"] == "Feature" for f in collection["features"])


async def test_a_relocation_without_moves_is_an_empty_collection_without_bbox(
    store: Neo4jStore, client: TestClient
) -> None:
    await store.upsert_nodes(
        Label.PROJECT, [{"key": "project/empty", "name": "待定搬迁", "kind": "RELOCATION"}]
    )
    collection = run(client, MAP, project=gid("Project", "project/empty"))["relocationMap"]
    assert collection["type"] == "FeatureCollection" and collection["features"] == []
    assert "bbox" not in collection
    assert collection["progress"]["movesTotal"] == 0


async def test_the_map_refuses_unknown_and_other_projects_and_other_ids(
    store: Neo4jStore, client: TestClient
) -> None:
    await small_relocation(store)
    assert error_code(client, MAP, project=gid("Project", "project/nowhere")) == "NOT_FOUND"
    assert error_code(client, MAP, project=gid("Project", "project/school")) == "BAD_USER_INPUT"
    assert error_code(client, MAP, project=gid("Site", "site/a1")) == "BAD_USER_INPUT"
    assert error_code(client, MAP, project="not an id") == "BAD_USER_INPUT"


async def test_a_project_shows_its_planner_figures(store: Neo4jStore, client: TestClient) -> None:
    await small_relocation(store)
    project = run(client, FIGURES, id=gid("Project", "project/move"))["project"]
    assert project == {
        "name": "搬迁",
        "daysTaken": 10,
        "unitsRelocated": 2,
        "compoundsRelocated": 3,
        "landFreedMu": 35.3,
        "meetingCount": 2,
    }
    school = run(client, FIGURES, id=gid("Project", "project/school"))["project"]
    assert school["daysTaken"] is None
    assert (school["compoundsRelocated"], school["landFreedMu"], school["unitsRelocated"]) == (
        0,
        0.0,
        0,
    )


async def test_project_by_id_is_null_when_gone_and_refuses_other_ids(
    store: Neo4jStore, client: TestClient
) -> None:
    assert run(client, FIGURES, id=gid("Project", "project/nowhere"))["project"] is None
    assert error_code(client, FIGURES, id=gid("Site", "site/a1")) == "BAD_USER_INPUT"


async def test_figures_for_a_list_of_projects_cost_the_same_as_for_one(
    store: Neo4jStore, client: TestClient
) -> None:
    await small_relocation(store)
    listing = """
    { projects(first: 10) { nodes {
      name daysTaken unitsRelocated compoundsRelocated landFreedMu meetingCount
      moves { movedOn } progress { unitsMoved daysUsed }
    } } }
    """
    before = round_trips(client)
    nodes = run(client, listing)["projects"]["nodes"]
    with_two = round_trips(client) - before
    assert len(nodes) == 2
    await store.upsert_nodes(
        Label.PROJECT,
        [{"key": f"project/more-{n}", "name": f"项目{n}", "kind": "LIVELIHOOD"} for n in range(5)],
    )
    before = round_trips(client)
    assert len(run(client, listing)["projects"]["nodes"]) == 7
    assert round_trips(client) - before == with_two
    # The page, the moves, their units and the meetings: one statement each.
    assert with_two == 4


# --- The demo graph (kept last: the tests above empty the database) ---------------------------


@pytest.fixture(scope="module")
def demo_client(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An app over the session's demo-graph database."""
    with client_for(demo_settings) as client:
        yield client


def _positions(feature: Json) -> list[list[float]]:
    geometry = feature["geometry"]
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    coordinates: list[list[float]] = geometry["coordinates"]
    return coordinates


async def test_the_dongxin_map_is_valid_geojson(demo_client: TestClient) -> None:
    collection = run(demo_client, MAP, project=gid("Project", DONGXIN))["relocationMap"]
    json.dumps(collection, allow_nan=False)

    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in {"Point", "LineString"}
        assert isinstance(feature["properties"], dict)
        for position in _positions(feature):
            lon, lat = position
            # Dongying lies near 118.5°E, 37.4°N: longitude first, as RFC 7946 says.
            assert 118 < lon < 119 and 37 < lat < 38, position
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    assert all(len(_positions(line)) == 2 for line in lines)

    compounds = by_kind(collection, "compound")
    moves = by_kind(collection, "move")
    assert len(compounds) == 28
    assert len(moves) == 28
    assert len(by_kind(collection, "site")) == 13
    assert len({f["properties"]["owner"] for f in compounds}) == 13
    assert sum(f["properties"]["landMu"] for f in compounds) >= 1100
    assert sum(f["properties"]["landMu"] for f in moves) >= 1100
    assert all(f["properties"]["movedOn"] for f in moves)

    west, south, east, north = collection["bbox"]
    every = [p for f in collection["features"] for p in _positions(f)]
    assert west == min(p[0] for p in every) and east == max(p[0] for p in every)
    assert south == min(p[1] for p in every) and north == max(p[1] for p in every)


async def test_the_dongxin_project_shows_the_documents_figures(demo_client: TestClient) -> None:
    project = run(demo_client, FIGURES, id=gid("Project", DONGXIN))["project"]
    assert project["unitsRelocated"] == 13
    assert project["compoundsRelocated"] == 28
    assert project["daysTaken"] == 62
    assert project["meetingCount"] >= 30
    assert project["landFreedMu"] >= 1100


async def test_the_dongxin_progress_is_derived_from_its_28_done_moves(
    demo_client: TestClient,
) -> None:
    query = """
    query($id: ID!) { project(id: $id) {
      moves { status movedOn landMu unit { id } }
      milestones { title dueOn reachedOn }
      progress {
        unitsMoved unitsTotal movesDone movesTotal daysUsed daysPlanned landFreedMu landTotalMu
        blocked { id }
      }
    } }
    """
    project = run(demo_client, query, id=gid("Project", DONGXIN))["project"]
    moves = project["moves"]
    assert {move["status"] for move in moves} == {"DONE"}
    assert project["progress"] == {
        "unitsMoved": 13,
        "unitsTotal": len({move["unit"]["id"] for move in moves}),
        "movesDone": 28,
        "movesTotal": len(moves),
        "daysUsed": 62,
        "daysPlanned": 62,
        "landFreedMu": 1126.5,
        "landTotalMu": round(sum(move["landMu"] for move in moves), 2),
        "blocked": [],
    }
    last = max(dt.date.fromisoformat(move["movedOn"]) for move in moves)
    assert (last - dt.date(2023, 3, 1)).days == 62
    milestones = project["milestones"]
    assert len(milestones) == 3 and all(m["reachedOn"] for m in milestones)
    assert milestones[-1]["reachedOn"] == last.isoformat()
    collection = run(demo_client, MAP, project=gid("Project", DONGXIN))["relocationMap"]
    assert {f["properties"]["status"] for f in by_kind(collection, "move")} == {"DONE"}
    assert collection["progress"]["landFreedMu"] == 1126.5
