"""Planners' changes to a project's moves: plan one, edit its dates and status, remove it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.moves import CREATE_MOVE, MOVE_REFERENCES, MOVE_STATE, REMOVE_MOVE, UPDATE_MOVE
from graph.model import Label, MoveStatus, ProjectKind, SiteKind
from graph.records import native
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal
from resolvers.audit import Change, prior, record
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput

MAX_NOTE = 500
PLANNED_KINDS = (ProjectKind.RELOCATION, ProjectKind.RENOVATION)


@dataclass(frozen=True)
class MovePlan:
    """A move to plan: which unit leaves which compound for which site, and when."""

    project: str
    unit: str
    compound: str
    site: str
    planned_on: dt.date
    land_mu: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class MoveEdit:
    """Changes to a move; None leaves a value as it is."""

    status: MoveStatus | None = None
    planned_on: dt.date | None = None
    moved_on: dt.date | None = None
    land_mu: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class _Move:
    status: MoveStatus
    planned_on: dt.date | None
    moved_on: dt.date | None
    land_mu: float | None
    note: str | None


async def plan_move(
    store: Neo4jStore,
    principal: Principal,
    plan: MovePlan,
    *,
    client_key: str | None = None,
    clock: Clock = local_now,
) -> str:
    """Add a PLANNED move to a relocation or renovation project; the move's key."""
    principal.require(Action.PLAN_PROJECTS)
    note = _note(plan.note)
    _land(plan.land_mu)

    async def work(tx: AsyncManagedTransaction) -> str:
        earlier = await prior(tx, principal, "planMove", client_key)
        if earlier is not None:
            return earlier
        params = {"project": plan.project, "unit": plan.unit, "from": plan.compound}
        found = await (await tx.run(MOVE_REFERENCES, params, to=plan.site)).single()
        assert found is not None
        land_mu = _check_plan(plan, found)
        key = f"move/{uuid.uuid4()}"
        await (
            await tx.run(
                CREATE_MOVE,
                params,
                to=plan.site,
                key=key,
                status=MoveStatus.PLANNED.value,
                plannedOn=plan.planned_on.isoformat(),
                landMu=land_mu,
                note=note,
            )
        ).consume()
        fields = ("project", "unit", "from", "to", "plannedOn", "landMu") + (
            ("note",) if note else ()
        )
        change = Change("planMove", Label.MOVE, key, fields)
        await record(tx, principal, change, client_key=client_key, at=clock())
        return key

    return await store.write(work)


def _check_plan(plan: MovePlan, found: Any) -> float | None:
    """The land the move frees; raises on the first reference or date that does not fit."""
    project, unit, compound, site = (
        found[name] for name in ("project", "unit", "compound", "site")
    )
    if project is None:
        raise BadUserInput("没有这个项目：请从项目列表中选择", field="project")
    if project["kind"] not in PLANNED_KINDS:
        raise BadUserInput(
            f"{project['name']}不是搬迁或改造项目，不能安排搬迁：请选择搬迁或改造项目",
            field="project",
        )
    if unit is None:
        raise BadUserInput("没有这个单位：请从单位列表中选择搬迁的单位", field="unit")
    if compound is None or compound["kind"] != SiteKind.FACTORY_COMPOUND:
        raise BadUserInput("搬出地须是厂矿大院：请从厂矿大院中选择", field="from")
    if compound["owners"] and unit["key"] not in compound["owners"]:
        raise BadUserInput(
            f"{compound['name']}不属于{unit['name']}：请选择该单位自己的大院", field="from"
        )
    if found["compoundMoves"]:
        raise BadUserInput(
            f"{compound['name']}在本项目中已有搬迁安排：请修改原有安排", field="from"
        )
    if site is None or site["kind"] != SiteKind.NEW_SITE:
        raise BadUserInput("搬入地须是新址：请从新址中选择", field="to")
    _not_before_start(plan.planned_on, project, "plannedOn", "计划日期")
    return plan.land_mu if plan.land_mu is not None else compound["landMu"]


async def update_move(
    store: Neo4jStore,
    principal: Principal,
    key: str,
    edit: MoveEdit,
    *,
    client_key: str | None = None,
    clock: Clock = local_now,
) -> str:
    """Change a move's dates, status, land or note; the move's key."""
    principal.require(Action.PLAN_PROJECTS)
    _land(edit.land_mu)
    note = _note(edit.note) if edit.note is not None else None

    async def work(tx: AsyncManagedTransaction) -> str:
        earlier = await prior(tx, principal, "updateMove", client_key)
        if earlier is not None:
            return earlier
        found = await (await tx.run(MOVE_STATE, key=key)).single()
        if found is None:
            raise BadUserInput("没有这项搬迁：请刷新后重新选择", field="move")
        was = _state(found["move"])
        now = _apply(was, edit, note)
        _check_move(now, edit, found["project"], clock().date())
        await (
            await tx.run(
                UPDATE_MOVE,
                key=key,
                status=now.status.value,
                plannedOn=_iso(now.planned_on),
                movedOn=_iso(now.moved_on),
                landMu=now.land_mu,
                note=now.note,
            )
        ).consume()
        names = {"status": "status", "planned_on": "plannedOn", "moved_on": "movedOn"}
        names |= {"land_mu": "landMu", "note": "note"}
        fields = tuple(
            name for attr, name in names.items() if getattr(was, attr) != getattr(now, attr)
        )
        change = Change("updateMove", Label.MOVE, key, fields)
        await record(tx, principal, change, client_key=client_key, at=clock())
        return key

    return await store.write(work)


def _state(row: dict[str, Any]) -> _Move:
    return _Move(
        status=MoveStatus(row["status"] or MoveStatus.PLANNED),
        planned_on=native(row["plannedOn"]),
        moved_on=native(row["movedOn"]),
        land_mu=row["landMu"],
        note=row["note"],
    )


def _apply(was: _Move, edit: MoveEdit, note: str | None) -> _Move:
    now = replace(
        was,
        status=edit.status or was.status,
        planned_on=edit.planned_on or was.planned_on,
        moved_on=edit.moved_on or was.moved_on,
        land_mu=edit.land_mu if edit.land_mu is not None else was.land_mu,
        note=note if edit.note is not None else was.note,
    )
    # A move taken back from DONE has not happened yet, so its actual date goes with it.
    if edit.moved_on is None and now.status is not MoveStatus.DONE:
        now = replace(now, moved_on=None)
    return now


def _check_move(move: _Move, edit: MoveEdit, project: dict[str, Any], today: dt.date) -> None:
    if move.status is MoveStatus.DONE and move.moved_on is None:
        raise BadUserInput("已完成的搬迁须填写实际搬迁日期", field="movedOn")
    if move.moved_on is not None and move.status is not MoveStatus.DONE:
        raise BadUserInput(
            "只有已完成的搬迁才有实际搬迁日期：请把状态改为已完成，或不填实际日期",
            field="movedOn",
        )
    if move.status is MoveStatus.BLOCKED and not move.note:
        raise BadUserInput("受阻的搬迁须在备注中写明原因", field="note")
    if edit.planned_on is not None:
        _not_before_start(move.planned_on, project, "plannedOn", "计划日期")
    if move.moved_on is not None:
        _not_before_start(move.moved_on, project, "movedOn", "实际搬迁日期")
        if move.moved_on > today:
            raise BadUserInput("实际搬迁日期不能晚于今天：尚未搬迁的请填计划日期", field="movedOn")


async def remove_move(
    store: Neo4jStore,
    principal: Principal,
    key: str,
    *,
    client_key: str | None = None,
    clock: Clock = local_now,
) -> str:
    """Remove a move that has not been done; the removed move's key."""
    principal.require(Action.PLAN_PROJECTS)

    async def work(tx: AsyncManagedTransaction) -> str:
        earlier = await prior(tx, principal, "removeMove", client_key)
        if earlier is not None:
            return earlier
        found = await (await tx.run(MOVE_STATE, key=key)).single()
        if found is None:
            raise BadUserInput("没有这项搬迁：请刷新后重新选择", field="move")
        if found["move"]["status"] == MoveStatus.DONE:
            raise BadUserInput(
                "已完成的搬迁不能删除：如系误记，先把状态改回计划中再删除", field="move"
            )
        await (await tx.run(REMOVE_MOVE, key=key)).consume()
        change = Change("removeMove", Label.MOVE, key)
        await record(tx, principal, change, client_key=client_key, at=clock())
        return key

    return await store.write(work)


def _not_before_start(day: dt.date | None, project: dict[str, Any], field: str, name: str) -> None:
    start = native(project.get("startDate"))
    if day is not None and start is not None and day < start:
        raise BadUserInput(
            f"{name}（{day.isoformat()}）早于项目开始日期（{start.isoformat()}）：请核对日期",
            field=field,
        )


def _note(note: str | None) -> str | None:
    note = note.strip() if note is not None else None
    if note is not None and len(note) > MAX_NOTE:
        raise BadUserInput(f"备注不能超过 {MAX_NOTE} 个字", field="note")
    return note or None


def _land(land_mu: float | None) -> None:
    if land_mu is not None and not 0 <= land_mu < 1e6:
        raise BadUserInput("腾空土地须为不小于零的亩数", field="landMu")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
