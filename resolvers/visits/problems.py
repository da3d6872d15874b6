"""Problems raised during a visit: each an Issue (channel VISIT) through the lifecycle's steps.

Solved on the spot, an issue goes RECEIVED → RESOLVED; brought back, it is verified and
dispatched to a lead organization with the deadline the group set, and put under supervision
(督办) so that the desk marks it and `overdueIssues` lists it once the deadline passes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.lifecycle import ASSIGN_LEAD
from graph.cypher.visits import RAISED_DURING
from graph.issue_writes import Report, Transition
from graph.model import Channel, IssueState
from graph.zone import stamp
from resolvers.errors import BadUserInput
from resolvers.lifecycle import MAX_TEXT, MAX_TITLE, allowed_from


@dataclass(frozen=True)
class Problem:
    """A problem as the group wrote it down: solved on the spot, or brought back."""

    title: str
    category: str
    area: str | None = None
    description: str | None = None
    solved_on_the_spot: bool = False
    resolution: str | None = None
    lead: str | None = None
    resolve_by: dt.date | None = None

    def check(self, index: int, visited_on: dt.date) -> None:
        """BAD_USER_INPUT, naming `problems.<index>.<field>`, for what the lifecycle refuses."""
        field = f"problems.{index}"
        if not self.title.strip() or len(self.title) > MAX_TITLE:
            raise BadUserInput(f"问题须有标题，且不超过 {MAX_TITLE} 字", field=f"{field}.title")
        for name, text in (("description", self.description), ("resolution", self.resolution)):
            if text is not None and len(text) > MAX_TEXT:
                raise BadUserInput(f"内容不超过 {MAX_TEXT} 字", field=f"{field}.{name}")
        if self.solved_on_the_spot:
            if self.lead is not None or self.resolve_by is not None:
                raise BadUserInput(
                    "当场解决的问题不需要牵头单位和办结期限；"
                    "带回的问题请把 solvedOnTheSpot 设为 false",
                    field=f"{field}.solvedOnTheSpot",
                )
            return
        if self.lead is None:
            raise BadUserInput("带回的问题须指定牵头单位（lead）", field=f"{field}.lead")
        if self.resolve_by is None:
            raise BadUserInput("带回的问题须给出办结期限（resolveBy）", field=f"{field}.resolveBy")
        if self.resolve_by < visited_on:
            raise BadUserInput(
                "办结期限不能早于走访日期；请检查日期顺序", field=f"{field}.resolveBy"
            )


async def raise_problem(
    tx: AsyncManagedTransaction,
    problem: Problem,
    *,
    visit: str,
    area: str,
    actor: str,
    at: dt.datetime,
) -> str:
    """Write the problem's issue, its lifecycle steps and its link to the visit; its key."""
    key = f"issue/{uuid.uuid4().hex}"
    props = {"title": problem.title.strip(), "channel": Channel.VISIT.value}
    if problem.description:
        props["description"] = problem.description
    await Report(
        key, at, props, None, problem.category, area, actor, _event(actor, "走访中提出"), None
    ).run(tx)
    if problem.solved_on_the_spot:
        await _step(
            tx,
            key,
            IssueState.RESOLVED,
            at,
            actor,
            problem.resolution or "当场解决",
            {"resolvedAt": at},
        )
    else:
        assert problem.resolve_by is not None and problem.lead is not None
        due = dt.datetime.combine(
            problem.resolve_by + dt.timedelta(days=1), dt.time.min, tzinfo=at.tzinfo
        )
        await _step(tx, key, IssueState.VERIFYING, at, actor, "走访带回", {"verifiedAt": at})
        lead = (
            ASSIGN_LEAD,
            {
                "key": key,
                "organization": problem.lead,
                "viaRule": None,
                "at": stamp(at),
                "reason": "走访带回，限期办结",
            },
        )
        await _step(
            tx,
            key,
            IssueState.DISPATCHED,
            at,
            actor,
            "走访带回，列入督办",
            {"dispatchedAt": at, "resolveDueAt": due, "supervised": True},
            lead,
        )
    linked = await (await tx.run(RAISED_DURING, issue=key, visit=visit)).single(strict=True)
    assert linked["linked"] == 1
    return key


async def _step(
    tx: AsyncManagedTransaction,
    key: str,
    to: IssueState,
    at: dt.datetime,
    actor: str,
    note: str,
    props: Mapping[str, Any],
    *then: tuple[str, Mapping[str, Any]],
) -> None:
    allowed = frozenset(state.value for state in allowed_from(to))
    await Transition(key, allowed, to.value, at, _event(actor, note), props, (), then).run(tx)


def _event(actor: str, note: str) -> dict[str, Any]:
    return {"key": f"event/{uuid.uuid4().hex}", "actor": actor, "note": note}
