"""A project's milestones (节点): set one's title, due date and the day it was reached."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph.cypher.moves import MILESTONE_REFERENCES, SET_MILESTONE
from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal
from resolvers.audit import Change, prior, record
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput

MAX_TITLE = 100


@dataclass(frozen=True)
class MilestoneInput:
    """A milestone of a project: a new one, or the one named by `key`."""

    project: str
    title: str
    due_on: dt.date | None = None
    reached_on: dt.date | None = None
    key: str | None = None


async def set_milestone(
    store: Neo4jStore,
    principal: Principal,
    milestone: MilestoneInput,
    *,
    client_key: str | None = None,
    clock: Clock = local_now,
) -> str:
    """Add a milestone to a project, or change one it has; the milestone's key."""
    principal.require(Action.PLAN_PROJECTS)
    title = milestone.title.strip()
    if not title or len(title) > MAX_TITLE:
        raise BadUserInput(f"节点名称须为 1 至 {MAX_TITLE} 个字", field="title")
    now = clock()
    if milestone.reached_on is not None and milestone.reached_on > now.date():
        raise BadUserInput("达成日期不能晚于今天：尚未达成的请只填截止日期", field="reachedOn")

    async def work(tx: AsyncManagedTransaction) -> str:
        earlier = await prior(tx, principal, "setMilestone", client_key)
        if earlier is not None:
            return earlier
        found = await (
            await tx.run(
                MILESTONE_REFERENCES, project=milestone.project, milestone=milestone.key or ""
            )
        ).single()
        assert found is not None
        if found["project"] is None:
            raise BadUserInput("没有这个项目：请从项目列表中选择", field="project")
        if milestone.key is not None:
            known = found["milestone"]
            if known is None or known["project"] != milestone.project:
                raise BadUserInput("这个项目没有这个节点：请刷新后重新选择", field="milestone")
        key = milestone.key or f"milestone/{uuid.uuid4()}"
        await (
            await tx.run(
                SET_MILESTONE,
                project=milestone.project,
                key=key,
                title=title,
                dueOn=_iso(milestone.due_on),
                reachedOn=_iso(milestone.reached_on),
            )
        ).consume()
        fields: tuple[str, ...] = ("title", "dueOn", "reachedOn")
        if milestone.key is None:
            dates = (("dueOn", milestone.due_on), ("reachedOn", milestone.reached_on))
            fields = ("project", "title", *(name for name, day in dates if day is not None))
        change = Change("setMilestone", Label.MILESTONE, key, fields)
        await record(tx, principal, change, client_key=client_key, at=now)
        return key

    return await store.write(work)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
