"""A decision written in its meeting's transaction: the issues it resolves and its follow-ups.

Issues move only through the lifecycle's own writes (the state table, an IssueEvent per step),
in the same transaction as the decision: an issue the lifecycle lets become RESOLVED is
resolved with the meeting named in the event's note; any other (already resolved, closed, not
yet in hand) is linked only. A follow-up is received, verified and dispatched to its owner
with the deadline as its resolve-by time, as a clerk would take it through the desk.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.lifecycle import ASSIGN_LEAD
from graph.cypher.meetings import CREATE_DECISION, ISSUE_STATES, LINK_FOLLOW_UP
from graph.errors import StateMismatch
from graph.issue_writes import Report, Transition
from graph.model import Channel, IssueState, Label
from graph.zone import stamp
from resolvers.lifecycle import allowed_from
from resolvers.meetings.drafts import DecisionDraft, FollowUp
from resolvers.named import require_named

S = IssueState
# A follow-up is raised at the meeting itself, in person.
FOLLOW_UP_CHANNEL = Channel.ON_SITE


@dataclass(frozen=True)
class Meeting:
    """The meeting a decision belongs to, as its events name it."""

    key: str
    title: str


@dataclass(frozen=True)
class Decided:
    """What writing one decision did."""

    key: str
    resolved: tuple[str, ...]
    linked_only: tuple[str, ...]
    follow_ups: tuple[str, ...]


async def check_named(tx: AsyncManagedTransaction, drafts: Sequence[DecisionDraft]) -> None:
    """BAD_USER_INPUT unless every node the decisions name exists."""
    await require_named(
        tx, Label.ISSUE, {k for d in drafts for k in d.resolves}, "decisions.resolves"
    )
    await require_named(
        tx, Label.PROJECT, {k for d in drafts for k in d.advances}, "decisions.advances"
    )
    follow_ups = [f for d in drafts for f in d.follow_ups]
    await require_named(
        tx, Label.ORGANIZATION, {f.owner for f in follow_ups}, "decisions.followUps.owner"
    )
    await require_named(
        tx, Label.CATEGORY, {f.category for f in follow_ups}, "decisions.followUps.category"
    )
    await require_named(tx, Label.AREA, {f.area for f in follow_ups}, "decisions.followUps.area")


async def write_decision(
    tx: AsyncManagedTransaction,
    meeting: Meeting,
    draft: DecisionDraft,
    *,
    actor: str,
    at: dt.datetime,
) -> Decided:
    """Write one decision of a locked meeting, moving its issues through the lifecycle."""
    key = f"decision/{uuid.uuid4().hex}"
    resolves = list(dict.fromkeys(draft.resolves))
    await (
        await tx.run(
            CREATE_DECISION,
            meeting=meeting.key,
            key=key,
            text=draft.text.strip(),
            advances=list(dict.fromkeys(draft.advances)),
            resolves=resolves,
        )
    ).single(strict=True)
    note = f"会议《{meeting.title}》决定：{draft.text.strip()}"
    resolved: list[str] = []
    linked: list[str] = []
    for issue in await _resolvable(tx, resolves):
        (resolved if await _resolve(tx, issue, note, actor, at) else linked).append(issue)
    linked += [issue for issue in resolves if issue not in resolved and issue not in linked]
    follow_ups = []
    for follow_up in draft.follow_ups:
        issue = await _follow_up(tx, follow_up, note, actor, at)
        await (await tx.run(LINK_FOLLOW_UP, decision=key, issue=issue)).single(strict=True)
        follow_ups.append(issue)
    return Decided(key, tuple(resolved), tuple(linked), tuple(follow_ups))


async def _resolvable(tx: AsyncManagedTransaction, keys: Sequence[str]) -> list[str]:
    # The states the lifecycle lets become RESOLVED; others are only linked to the decision.
    if not keys:
        return []
    result = await tx.run(ISSUE_STATES, keys=list(keys))
    allowed = {state.value for state in allowed_from(S.RESOLVED)}
    return [record["key"] async for record in result if record["state"] in allowed]


async def _resolve(
    tx: AsyncManagedTransaction, issue: str, note: str, actor: str, at: dt.datetime
) -> bool:
    try:
        await _step(tx, issue, S.RESOLVED, note, actor, at, {"resolvedAt": at})
    except StateMismatch:
        # Moved by someone else since it was read: the link stands, the state is theirs.
        return False
    return True


async def _follow_up(
    tx: AsyncManagedTransaction, follow_up: FollowUp, note: str, actor: str, at: dt.datetime
) -> str:
    key = f"issue/{uuid.uuid4().hex}"
    props = {
        "title": follow_up.title.strip(),
        "description": follow_up.description,
        "channel": FOLLOW_UP_CHANNEL.value,
    }
    report = Report(
        key,
        at,
        {k: v for k, v in props.items() if v is not None},
        None,
        follow_up.category,
        follow_up.area,
        None,
        _event(actor, note),
        None,
    )
    await report.run(tx)
    await _step(tx, key, S.VERIFYING, note, actor, at, {"verifiedAt": at})
    # Due by the end of the deadline's day, in the service's zone.
    due = dt.datetime.combine(follow_up.deadline, dt.time(23, 59, 59), tzinfo=at.tzinfo)
    assign = (
        ASSIGN_LEAD,
        {
            "key": key,
            "organization": follow_up.owner,
            "viaRule": None,
            "at": stamp(at),
            "reason": note,
        },
    )
    props_due = {"dispatchedAt": at, "resolveDueAt": due}
    await _step(tx, key, S.DISPATCHED, note, actor, at, props_due, then=[assign])
    return key


async def _step(
    tx: AsyncManagedTransaction,
    issue: str,
    target: IssueState,
    note: str,
    actor: str,
    at: dt.datetime,
    props: Mapping[str, Any],
    then: Sequence[tuple[str, Mapping[str, Any]]] = (),
) -> None:
    allowed = frozenset(state.value for state in allowed_from(target))
    move = Transition(issue, allowed, target.value, at, _event(actor, note), props, (), then)
    await move.run(tx)


def _event(actor: str, note: str) -> dict[str, Any]:
    return {"key": f"event/{uuid.uuid4().hex}", "actor": actor, "note": note}
