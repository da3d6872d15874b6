"""Visit groups and visits on the record: each change one write transaction, audited once."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.visits import (
    CANCEL_VISIT,
    CREATE_VISIT,
    LOCK_VISIT,
    MISSING,
    PLACE_AREA,
    RECORD_FEEDBACK,
    RECORD_VISIT,
    SAVE_GROUP,
)
from graph.model import Label, VisitStatus
from graph.store import Neo4jStore
from resolvers.access.principal import Principal
from resolvers.audit import Change, prior, record
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, NotFound
from resolvers.lifecycle import MAX_TEXT
from resolvers.visits.crew import require_crew, require_manager
from resolvers.visits.problems import Problem, raise_problem

MAX_NAME = 50
MAX_MEMBERS = 200


@dataclass(frozen=True)
class GroupDraft:
    """A visit group's fields; on an edit, those left None stay as they are."""

    name: str | None = None
    organization: str | None = None
    leader: str | None = None
    members: Sequence[str] | None = None
    cadence: str | None = None
    programme: str | None = None

    def given(self) -> tuple[str, ...]:
        """The names of the fields this draft sets, for the audit."""
        names = ("name", "organization", "leader", "members", "cadence", "programme")
        return tuple(name for name in names if getattr(self, name) is not None)


@dataclass(frozen=True)
class Recording:
    """What a group reports of a visit made: a planned one, or one recorded afresh."""

    visited_on: dt.date
    summary: str
    visit: str | None = None
    group: str | None = None
    place: str | None = None
    attendees: Sequence[str] = ()
    member_count: int | None = None
    problems: Sequence[Problem] = field(default_factory=tuple)


Work = Callable[[AsyncManagedTransaction], Awaitable[str]]


@dataclass
class Visits:
    """One principal's changes to visit groups and visits."""

    store: Neo4jStore
    principal: Principal
    clock: Clock = local_now

    async def save_group(self, key: str | None, draft: GroupDraft, client_key: str | None) -> str:
        """Create a group (no key) or edit one; its key."""
        action = "createVisitGroup" if key is None else "editVisitGroup"
        if key is None:
            require_manager(self.principal)
            if draft.name is None or draft.organization is None or draft.leader is None:
                raise BadUserInput("新的走访小组须有名称、所属组织和组长", field="name")
        _text("name", draft.name, MAX_NAME)
        _text("programme", draft.programme, MAX_NAME * 2)
        if draft.members is not None and len(draft.members) > MAX_MEMBERS:
            raise BadUserInput(f"组员不超过 {MAX_MEMBERS} 人", field="members")
        target = key or f"visit-group/{uuid.uuid4().hex}"

        async def write(tx: AsyncManagedTransaction) -> str:
            if key is not None:
                await require_crew(tx, self.principal, key, field="id")
            await _require_nodes(
                tx,
                organizations={"organization": _listed(draft.organization)},
                people={"leader": _listed(draft.leader), "members": list(draft.members or ())},
            )
            await tx.run(
                SAVE_GROUP,
                key=target,
                name=draft.name.strip() if draft.name is not None else None,
                cadence=draft.cadence,
                programme=draft.programme,
                organization=draft.organization,
                leader=draft.leader,
                members=list(dict.fromkeys(draft.members)) if draft.members is not None else None,
            )
            return target

        return await self._audited(action, Label.VISIT_GROUP, draft.given(), client_key, write)

    async def plan(
        self,
        group: str,
        place: str,
        planned_on: dt.date,
        purpose: str | None,
        client_key: str | None,
    ) -> str:
        """Plan a group's visit to a unit, site or community on a day; the visit's key."""
        if planned_on < self.clock().date():
            raise BadUserInput(
                "计划走访日期不能早于今天；已走访的请直接记录走访", field="plannedOn"
            )
        _text("purpose", purpose, MAX_TEXT)
        key = f"visit/{uuid.uuid4().hex}"

        async def write(tx: AsyncManagedTransaction) -> str:
            await require_crew(tx, self.principal, group)
            await _place_area(tx, place)
            await _create(tx, key, group, place, VisitStatus.PLANNED, planned_on, None, purpose)
            return key

        fields = ("group", "place", "plannedOn") + (("purpose",) if purpose else ())
        return await self._audited("planVisit", Label.VISIT, fields, client_key, write)

    async def record(self, rec: Recording, client_key: str | None) -> str:
        """Record a visit made, who went and the problems raised; the visit's key."""
        now = self.clock()
        if rec.visited_on > now.date():
            raise BadUserInput("走访日期不能晚于今天；尚未走访的请先计划走访", field="visitedOn")
        if not rec.summary.strip() or len(rec.summary) > MAX_TEXT:
            raise BadUserInput(f"请填写走访情况（summary），不超过 {MAX_TEXT} 字", field="summary")
        if rec.member_count is not None and not 0 < rec.member_count <= MAX_MEMBERS:
            raise BadUserInput(f"参与人数须为 1 至 {MAX_MEMBERS}", field="memberCount")
        if rec.visit is None and (rec.group is None or rec.place is None):
            raise BadUserInput(
                "未计划的走访须给出走访小组（group）和走访对象（place）", field="group"
            )
        if rec.visit is not None and (rec.group is not None or rec.place is not None):
            raise BadUserInput(
                "记录已计划的走访时不要再填 group 和 place：小组和对象以计划为准", field="group"
            )
        for index, problem in enumerate(rec.problems):
            problem.check(index, rec.visited_on)

        async def write(tx: AsyncManagedTransaction) -> str:
            key, place = await self._visit_to_record(tx, rec)
            area = await _place_area(tx, place)
            await _require_nodes(
                tx,
                organizations={
                    f"problems.{i}.lead": _listed(p.lead) for i, p in enumerate(rec.problems)
                },
                people={"attendees": list(rec.attendees)},
                categories={
                    f"problems.{i}.category": [p.category] for i, p in enumerate(rec.problems)
                },
                areas={f"problems.{i}.area": _listed(p.area) for i, p in enumerate(rec.problems)},
            )
            for index, problem in enumerate(rec.problems):
                if (problem.area or area) is None:
                    raise BadUserInput(
                        "走访对象不在任何区域内，请为问题指定所在区域（area）",
                        field=f"problems.{index}.area",
                    )
            await tx.run(
                RECORD_VISIT,
                key=key,
                visitedOn=rec.visited_on.isoformat(),
                summary=rec.summary.strip(),
                memberCount=rec.member_count,
                people=list(dict.fromkeys(rec.attendees)),
            )
            for problem in rec.problems:
                await raise_problem(
                    tx,
                    problem,
                    visit=key,
                    area=problem.area or area or "",
                    actor=self.principal.sub,
                    at=now,
                )
            return key

        fields = ["visitedOn", "summary"]
        fields += ["attendees"] if rec.attendees else []
        fields += ["memberCount"] if rec.member_count is not None else []
        fields += ["problems"] if rec.problems else []
        return await self._audited("recordVisit", Label.VISIT, tuple(fields), client_key, write)

    async def cancel(self, key: str, reason: str, client_key: str | None) -> str:
        """Cancel a planned visit, with the reason."""
        _text("reason", reason, MAX_TEXT, required=True)

        async def write(tx: AsyncManagedTransaction) -> str:
            visit = await _locked(tx, key)
            await require_crew(tx, self.principal, visit["group"])
            if visit["status"] != VisitStatus.PLANNED.value:
                raise BadUserInput("只能取消尚未走访的计划", field="id")
            await tx.run(CANCEL_VISIT, key=key, reason=reason.strip())
            return key

        return await self._audited("cancelVisit", Label.VISIT, ("status",), client_key, write)

    async def feedback(
        self, key: str, text: str, on: dt.date | None, client_key: str | None
    ) -> str:
        """Record the feedback given to the unit visited (反馈) at the end."""
        _text("feedback", text, MAX_TEXT, required=True)
        day = on or self.clock().date()
        if day > self.clock().date():
            raise BadUserInput("反馈日期不能晚于今天", field="feedbackOn")

        async def write(tx: AsyncManagedTransaction) -> str:
            visit = await _locked(tx, key)
            await require_crew(tx, self.principal, visit["group"])
            if visit["status"] != VisitStatus.DONE.value:
                raise BadUserInput("只能为已完成的走访记录反馈；请先记录走访", field="id")
            if day < visit["visitedOn"].to_native():
                raise BadUserInput("反馈日期不能早于走访日期；请检查日期顺序", field="feedbackOn")
            await tx.run(
                RECORD_FEEDBACK, key=key, feedback=text.strip(), feedbackOn=day.isoformat()
            )
            return key

        fields = ("feedback", "feedbackOn")
        return await self._audited("recordVisitFeedback", Label.VISIT, fields, client_key, write)

    async def _visit_to_record(
        self, tx: AsyncManagedTransaction, rec: Recording
    ) -> tuple[str, str]:
        """The visit's key and place: the planned visit, checked, or a new one."""
        if rec.visit is None:
            assert rec.group is not None and rec.place is not None
            await require_crew(tx, self.principal, rec.group)
            key = f"visit/{uuid.uuid4().hex}"
            await _place_area(tx, rec.place)
            await _create(tx, key, rec.group, rec.place, VisitStatus.DONE, None, None, None)
            return key, rec.place
        visit = await _locked(tx, rec.visit, field="visit")
        await require_crew(tx, self.principal, visit["group"])
        if visit["status"] != VisitStatus.PLANNED.value:
            state = "已取消" if visit["status"] == VisitStatus.CANCELLED.value else "已记录"
            raise BadUserInput(f"这次走访{state}，不能再记录；请计划一次新的走访", field="visit")
        return rec.visit, visit["place"]

    async def _audited(
        self,
        action: str,
        label: Label,
        fields: tuple[str, ...],
        client_key: str | None,
        write: Work,
    ) -> str:
        async def work(tx: AsyncManagedTransaction) -> str:
            done = await prior(tx, self.principal, action, client_key)
            if done is not None:
                return done
            target = await write(tx)
            change = Change(action, label, target, fields)
            await record(tx, self.principal, change, client_key=client_key, at=self.clock())
            return target

        return await self.store.write(work)


async def _create(
    tx: AsyncManagedTransaction,
    key: str,
    group: str,
    place: str,
    status: VisitStatus,
    planned_on: dt.date | None,
    visited_on: dt.date | None,
    purpose: str | None,
) -> None:
    await tx.run(
        CREATE_VISIT,
        key=key,
        group=group,
        place=place,
        status=status.value,
        plannedOn=planned_on.isoformat() if planned_on else None,
        visitedOn=visited_on.isoformat() if visited_on else None,
        purpose=purpose,
    )


async def _locked(tx: AsyncManagedTransaction, key: str, field: str = "id") -> dict[str, Any]:
    record = await (await tx.run(LOCK_VISIT, key=key)).single()
    if record is None:
        raise NotFound(f"没有这次走访（{key}）；请从走访列表中选择", key=key, field=field)
    return dict(record)


async def _place_area(tx: AsyncManagedTransaction, place: str) -> str | None:
    """The area a place lies in; BAD_USER_INPUT when there is no such unit, site or area."""
    record = await (await tx.run(PLACE_AREA, place=place)).single()
    if record is None:
        raise BadUserInput(f"没有这个走访对象（{place}）；请选择单位、场所或社区", field="place")
    area: str | None = record["area"]
    return area


async def _require_nodes(tx: AsyncManagedTransaction, **named: dict[str, list[str]]) -> None:
    """BAD_USER_INPUT naming the first input whose key names no node of its label."""
    kinds = ("organizations", "people", "categories", "areas")
    params: dict[str, Any] = {
        kind: [key for keys in named.get(kind, {}).values() for key in keys] for kind in kinds
    }
    missing = await (await tx.run(MISSING, params)).single(strict=True)
    for kind in kinds:
        for name, keys in named.get(kind, {}).items():
            for key in keys:
                if key in missing[kind]:
                    raise BadUserInput(f"{name} 指向的 {key} 不存在；请从列表中选择", field=name)


def _listed(key: str | None) -> list[str]:
    return [key] if key is not None else []


def _text(name: str, value: str | None, limit: int, *, required: bool = False) -> None:
    if value is None and not required:
        return
    if value is None or not value.strip() or len(value) > limit:
        raise BadUserInput(f"{name} 不能为空，且不超过 {limit} 字", field=name)
