"""Relocation plans: planners' moves and milestones, their audit, and progress derived from them."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, key_of, post, run

Json = dict[str, Any]

PROJECT = "project/plan"
START = dt.date(2023, 3, 1)
END = dt.date(2023, 3, 31)

PLAN_MOVE = """
mutation($input: PlanMoveInput!) {
  planMove(input: $input) {
    move { id status plannedOn movedOn landMu note unit { name } from { name } to { name } }
    userErrors { field message code }
  }
}
"""

UPDATE_MOVE = """
mutation($input: UpdateMoveInput!) {
  updateMove(input: $input) {
    move { id status plannedOn movedOn landMu note }
    userErrors { field message code }
  }
}
"""

REMOVE_MOVE = """
mutation($move: ID!, $clientKey: String) {
  removeMove(move: $move, clientKey: $clientKey) { removedMoveId userErrors { field code } }
}
"""

SET_MILESTONE = """
mutation($input: SetMilestoneInput!) {
  setMilestone(input: $input) {
    milestone { id title dueOn reachedOn }
    userErrors { field message code }
  }
}
"""

PROGRESS = """
query($id: ID!) {
  project(id: $id) {
    unitsRelocated compoundsRelocated landFreedMu
    moves { id status }
    milestones { title dueOn reachedOn }
    progress {
      unitsMoved unitsTotal movesDone movesTotal daysUsed daysPlanned landFreedMu landTotalMu
      blocked { id note }
    }
  }
}
"""

MAP = "query($id: ID!) { relocationMap(project: $id) }"
NODE = "query($id: ID!) { node(id: $id) { ... on Move { status plannedOn movedOn landMu note } } }"
CHANGES = "query($of: ID!) { changes(of: $of) { actor role action fields } }"
COUNTS = """
RETURN COUNT { (:Move) } AS moves, COUNT { (:Change) } AS changes,
       COUNT { (:Milestone) } AS milestones
"""


async def plan_graph(store: Neo4jStore) -> None:
    """A relocation with two units, three compounds and two new sites; a livelihood project."""
    f = Fixture()
    f.add(Label.PROJECT, PROJECT, name="试点搬迁", kind="RELOCATION", startDate=START, endDate=END)
    f.add(Label.PROJECT, "project/school", name="学校扩建", kind="LIVELIHOOD")
    f.add(Label.ORGANIZATION, "org/a", name="甲厂")
    f.add(Label.ORGANIZATION, "org/b", name="乙厂")
    for key, name, mu in (("site/a1", "甲一院", 10.5), ("site/a2", "甲二院", 4.0)):
        f.add(Label.SITE, key, name=name, kind="FACTORY_COMPOUND", landMu=mu, lat=37.4, lon=118.4)
    f.add(Label.SITE, "site/b1", name="乙院", kind="FACTORY_COMPOUND", landMu=7.5)
    f.add(Label.SITE, "site/new-a", name="甲新址", kind="NEW_SITE", lat=37.5, lon=118.5)
    f.add(Label.SITE, "site/new-b", name="乙新址", kind="NEW_SITE")
    f.links(Rel.OWNED_BY, [("site/a1", "org/a"), ("site/a2", "org/a"), ("site/b1", "org/b")])
    await f.write(store)


def plan_input(**changes: Any) -> Json:
    values = {
        "project": gid("Project", PROJECT),
        "unit": gid("Organization", "org/a"),
        "from": gid("Site", "site/a1"),
        "to": gid("Site", "site/new-a"),
        "plannedOn": "2023-03-10",
    }
    return {**values, **changes}


async def counts(store: Neo4jStore) -> Json:
    [row] = await store.query(COUNTS)
    return row


def progress_of(client: Any, project: str = PROJECT) -> Json:
    found: Json = run(client, PROGRESS, id=gid("Project", project))["project"]
    return found


async def test_a_planner_plans_a_move_and_its_progress_follows_each_change(
    store: Neo4jStore, settings: Settings
) -> None:
    await plan_graph(store)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        answer = run(planner, PLAN_MOVE, input=plan_input(note="先搬办公楼"))["planMove"]
        assert answer["userErrors"] == []
        move = answer["move"]
        assert move["status"] == "PLANNED" and move["movedOn"] is None
        # The land a move frees is its compound's unless the planner says otherwise.
        assert move["landMu"] == 10.5
        names = (move["unit"]["name"], move["from"]["name"], move["to"]["name"])
        assert names == ("甲厂", "甲一院", "甲新址")
        other = run(
            planner,
            PLAN_MOVE,
            input=plan_input(
                unit=gid("Organization", "org/b"),
                **{"from": gid("Site", "site/b1"), "to": gid("Site", "site/new-b")},
                plannedOn="2023-03-20",
                landMu=8.0,
            ),
        )["planMove"]["move"]
        before = progress_of(planner)
        assert before["progress"] == {
            "unitsMoved": 0,
            "unitsTotal": 2,
            "movesDone": 0,
            "movesTotal": 2,
            "daysUsed": 0,
            "daysPlanned": 30,
            "landFreedMu": 0.0,
            "landTotalMu": 18.5,
            "blocked": [],
        }

        done = {"move": move["id"], "status": "DONE", "movedOn": "2023-03-12"}
        updated = run(planner, UPDATE_MOVE, input=done)["updateMove"]
        assert updated["move"]["status"] == "DONE" and updated["move"]["movedOn"] == "2023-03-12"
        blocked = {"move": other["id"], "status": "BLOCKED", "note": "新址尚未交付"}
        run(planner, UPDATE_MOVE, input=blocked)
        after = progress_of(planner)
        assert after["progress"] == {
            "unitsMoved": 1,
            "unitsTotal": 2,
            "movesDone": 1,
            "movesTotal": 2,
            "daysUsed": 11,
            "daysPlanned": 30,
            "landFreedMu": 10.5,
            "landTotalMu": 18.5,
            "blocked": [{"id": other["id"], "note": "新址尚未交付"}],
        }
        assert (after["unitsRelocated"], after["compoundsRelocated"], after["landFreedMu"]) == (
            1,
            1,
            10.5,
        )

        collection = run(planner, MAP, id=gid("Project", PROJECT))["relocationMap"]
        [line] = [f for f in collection["features"] if f["properties"]["kind"] == "move"]
        assert (line["properties"]["move"], line["properties"]["status"]) == (
            key_of(move["id"]),
            "DONE",
        )
        assert collection["progress"]["unitsMoved"] == 1
        assert collection["progress"]["blocked"] == [key_of(other["id"])]

        # A DONE move stays; taken back to PLANNED it loses its date and may go.
        refused = run(planner, REMOVE_MOVE, move=move["id"])["removeMove"]
        assert refused["removedMoveId"] is None
        assert refused["userErrors"] == [{"field": ["move"], "code": "BAD_USER_INPUT"}]
        back = run(planner, UPDATE_MOVE, input={"move": move["id"], "status": "PLANNED"})
        assert back["updateMove"]["move"]["movedOn"] is None
        removed = run(planner, REMOVE_MOVE, move=move["id"])["removeMove"]
        assert removed == {"removedMoveId": move["id"], "userErrors": []}
        assert [m["id"] for m in progress_of(planner)["moves"]] == [other["id"]]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OBSERVER, Role.COORDINATOR])
async def test_only_planners_and_admins_change_plans(
    store: Neo4jStore, settings: Settings, role: Role
) -> None:
    await plan_graph(store)
    with client_for(settings) as admin:
        move = run(admin, PLAN_MOVE, input=plan_input())["planMove"]["move"]["id"]
    before = await counts(store)
    attempts = [
        (PLAN_MOVE, {"input": plan_input(**{"from": gid("Site", "site/a2")})}),
        (UPDATE_MOVE, {"input": {"move": move, "status": "IN_PROGRESS"}}),
        (REMOVE_MOVE, {"move": move}),
        (SET_MILESTONE, {"input": {"project": gid("Project", PROJECT), "title": "全部搬离"}}),
    ]
    with client_for(settings, role, sub="someone", org="org/a") as client:
        for query, variables in attempts:
            [error] = post(client, query, **variables)["errors"]
            assert error["extensions"]["code"] == "FORBIDDEN"
    assert await counts(store) == before


BAD_PLANS: list[tuple[Json, str]] = [
    (plan_input(project=gid("Project", "project/nowhere")), "project"),
    (plan_input(project=gid("Project", "project/school")), "project"),
    (plan_input(project=gid("Site", "site/a1")), "project"),
    (plan_input(unit=gid("Organization", "org/nowhere")), "unit"),
    (plan_input(**{"from": gid("Site", "site/new-b")}), "from"),
    (plan_input(**{"from": gid("Site", "site/b1")}), "from"),
    (plan_input(to=gid("Site", "site/a2")), "to"),
    (plan_input(to=gid("Site", "site/nowhere")), "to"),
    (plan_input(plannedOn="2023-02-27"), "plannedOn"),
    (plan_input(landMu=-1.0), "landMu"),
    (plan_input(note="长" * 501), "note"),
    (plan_input(clientKey=" "), "clientKey"),
]


@pytest.mark.parametrize(("given", "field"), BAD_PLANS)
async def test_a_bad_plan_is_refused_with_its_field_and_nothing_written(
    store: Neo4jStore, settings: Settings, given: Json, field: str
) -> None:
    await plan_graph(store)
    before = await counts(store)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        answer = run(planner, PLAN_MOVE, input=given)["planMove"]
    assert answer["move"] is None
    [error] = answer["userErrors"]
    assert (error["field"], error["code"]) == ([field], "BAD_USER_INPUT")
    assert error["message"]
    assert await counts(store) == before


BAD_EDITS: list[tuple[Json, str]] = [
    ({"status": "DONE"}, "movedOn"),
    ({"movedOn": "2023-03-05"}, "movedOn"),
    ({"status": "DONE", "movedOn": "2023-02-20"}, "movedOn"),
    (
        {"status": "DONE", "movedOn": (dt.date.today() + dt.timedelta(days=3)).isoformat()},
        "movedOn",
    ),
    ({"status": "BLOCKED"}, "note"),
    ({"status": "BLOCKED", "note": "  "}, "note"),
    ({"plannedOn": "2023-01-01"}, "plannedOn"),
    ({"landMu": -3.0}, "landMu"),
]


@pytest.mark.parametrize(("edit", "field"), BAD_EDITS)
async def test_a_bad_edit_is_refused_with_its_field_and_the_move_unchanged(
    store: Neo4jStore, settings: Settings, edit: Json, field: str
) -> None:
    await plan_graph(store)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        move = run(planner, PLAN_MOVE, input=plan_input())["planMove"]["move"]
        before = await counts(store)
        answer = run(planner, UPDATE_MOVE, input={"move": move["id"], **edit})["updateMove"]
        assert answer["move"] is None
        assert [(e["field"], e["code"]) for e in answer["userErrors"]] == [
            ([field], "BAD_USER_INPUT")
        ]
        assert await counts(store) == before
        now = run(planner, NODE, id=move["id"])["node"]
        assert now == {k: move[k] for k in ("status", "plannedOn", "movedOn", "landMu", "note")}
        unknown = run(planner, UPDATE_MOVE, input={"move": gid("Move", "move/nowhere")})
        assert unknown["updateMove"]["userErrors"][0]["field"] == ["move"]


async def test_a_retry_with_the_same_client_key_writes_nothing(
    store: Neo4jStore, settings: Settings
) -> None:
    await plan_graph(store)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        first = run(planner, PLAN_MOVE, input=plan_input(clientKey="plan-1"))["planMove"]
        after_first = await counts(store)
        again = run(planner, PLAN_MOVE, input=plan_input(clientKey="plan-1"))["planMove"]
        assert again == first
        assert await counts(store) == after_first
        move = first["move"]["id"]
        edit = {"move": move, "status": "IN_PROGRESS", "clientKey": "edit-1"}
        run(planner, UPDATE_MOVE, input=edit)
        # The retry answers the move as it is now, and changes nothing.
        run(planner, UPDATE_MOVE, input={**edit, "status": "BLOCKED", "note": "迟到的重试"})
        assert progress_of(planner)["moves"] == [{"id": move, "status": "IN_PROGRESS"}]
        # A client key already used for another change is refused.
        reused = run(planner, REMOVE_MOVE, move=move, clientKey="edit-1")["removeMove"]
        assert reused["userErrors"] == [{"field": ["clientKey"], "code": "BAD_USER_INPUT"}]
        removed = run(planner, REMOVE_MOVE, move=move, clientKey="remove-1")["removeMove"]
        assert run(planner, REMOVE_MOVE, move=move, clientKey="remove-1")["removeMove"] == removed
    assert (await counts(store))["moves"] == 0


async def test_every_change_is_in_the_audit(store: Neo4jStore, settings: Settings) -> None:
    await plan_graph(store)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        move = run(planner, PLAN_MOVE, input=plan_input())["planMove"]["move"]["id"]
        done = {"move": move, "status": "DONE", "movedOn": "2023-03-09"}
        run(planner, UPDATE_MOVE, input=done)
        run(planner, UPDATE_MOVE, input={"move": move, "note": "提前完成"})
    with client_for(settings) as admin:
        changes = run(admin, CHANGES, of=move)["changes"]
    assert changes == [
        {
            "actor": "planner-1",
            "role": "PLANNER",
            "action": "planMove",
            "fields": ["project", "unit", "from", "to", "plannedOn", "landMu"],
        },
        {
            "actor": "planner-1",
            "role": "PLANNER",
            "action": "updateMove",
            "fields": ["status", "movedOn"],
        },
        {"actor": "planner-1", "role": "PLANNER", "action": "updateMove", "fields": ["note"]},
    ]


async def test_milestones_are_set_and_changed_on_their_own_project(
    store: Neo4jStore, settings: Settings
) -> None:
    await plan_graph(store)
    project = gid("Project", PROJECT)
    with client_for(settings, Role.PLANNER, sub="planner-1") as planner:
        made = run(
            planner,
            SET_MILESTONE,
            input={"project": project, "title": " 全部搬离 ", "dueOn": "2023-03-31"},
        )["setMilestone"]["milestone"]
        assert (made["title"], made["reachedOn"]) == ("全部搬离", None)
        run(
            planner,
            SET_MILESTONE,
            input={"project": project, "title": "启动", "dueOn": "2023-03-01"},
        )
        reached = {
            "project": project,
            "milestone": made["id"],
            "title": "全部搬离",
            "dueOn": "2023-03-31",
            "reachedOn": "2023-04-02",
        }
        assert run(planner, SET_MILESTONE, input=reached)["setMilestone"]["milestone"] == {
            **made,
            "reachedOn": "2023-04-02",
        }
        assert progress_of(planner)["milestones"] == [
            {"title": "启动", "dueOn": "2023-03-01", "reachedOn": None},
            {"title": "全部搬离", "dueOn": "2023-03-31", "reachedOn": "2023-04-02"},
        ]
        before = await counts(store)
        # Days ahead: after "today" in the service's zone, whatever the machine's zone.
        later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
        bad = [
            ({**reached, "project": gid("Project", "project/school")}, "milestone"),
            ({**reached, "project": gid("Project", "project/nowhere")}, "project"),
            ({**reached, "title": ""}, "title"),
            ({**reached, "reachedOn": later}, "reachedOn"),
        ]
        for given, field in bad:
            answer = run(planner, SET_MILESTONE, input=given)["setMilestone"]
            assert answer["milestone"] is None
            assert [e["field"] for e in answer["userErrors"]] == [[field]]
        assert await counts(store) == before


async def test_progress_matches_an_independent_count_of_a_mixed_plan(
    store: Neo4jStore, settings: Settings
) -> None:
    rng = random.Random(14)
    f = Fixture()
    f.add(Label.PROJECT, PROJECT, name="试点搬迁", kind="RELOCATION", startDate=START, endDate=END)
    statuses = ["PLANNED", "IN_PROGRESS", "DONE", "BLOCKED"]
    moves = []
    for n in range(40):
        unit = f"org/{n % 9}"
        if n < 9:
            f.add(Label.ORGANIZATION, unit, name=f"单位{n}")
        # Three units have every move done; the others mostly have one still to go.
        status = "DONE" if n % 9 < 3 or n % 4 == 0 else rng.choice(statuses)
        day = START + dt.timedelta(days=rng.randint(0, 40)) if status == "DONE" else None
        mu = round(rng.uniform(1, 50), 1)
        key = f"move/{n:02d}"
        f.add(Label.MOVE, key, status=status, movedOn=day, landMu=mu, note="卡住了")
        f.link(Rel.HAS_MOVE, PROJECT, key)
        f.link(Rel.MOVES, key, unit)
        moves.append((key, unit, status, day, mu))
    await f.write(store)

    units = {unit for _, unit, _, _, _ in moves}
    waiting = {unit for _, unit, status, _, _ in moves if status != "DONE"}
    done = [(day, mu) for _, _, status, day, mu in moves if status == "DONE"]
    with client_for(settings, Role.VIEWER, sub="viewer-1") as viewer:
        found = progress_of(viewer)["progress"]
    assert found["unitsMoved"] == len(units - waiting) >= 3
    assert found["unitsTotal"] == len(units) == 9
    assert (found["movesDone"], found["movesTotal"]) == (len(done), 40)
    assert found["daysUsed"] == (max(day for day, _ in done) - START).days
    assert found["daysPlanned"] == (END - START).days
    assert found["landFreedMu"] == pytest.approx(sum(mu for _, mu in done))
    assert found["landTotalMu"] == pytest.approx(sum(mu for *_, mu in moves))
    blocked = sorted(key for key, _, status, _, _ in moves if status == "BLOCKED")
    assert [key_of(move["id"]) for move in found["blocked"]] == blocked
