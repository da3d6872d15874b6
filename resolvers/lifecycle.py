"""The issue lifecycle: which state may follow which, and the writes each step makes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.cypher.lifecycle import ASSIGN_ASSISTS, ASSIGN_LEAD, BLOW_WHISTLE, MARK_DUPLICATE
from graph.errors import MissingEndpoints, NodeMissing, StateMismatch, StepIdReused
from graph.issue_writes import Reported
from graph.model import Channel, IssueState
from graph.records import Node
from graph.store import Neo4jStore, Viewer
from graph.zone import stamp
from resolvers import routing
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, IllegalTransition, NotFound

S = IssueState

# 问题受理 → 审查核实 → 分类处理 → 结果反馈 → 整改提升, with 退单, 吹哨 and the terminal exits.
TRANSITIONS: Mapping[IssueState, frozenset[IssueState]] = {
    S.RECEIVED: frozenset({S.VERIFYING, S.RESOLVED, S.DUPLICATE}),
    S.VERIFYING: frozenset({S.DISPATCHED, S.REJECTED, S.DUPLICATE, S.REFERRED_OUT}),
    S.DISPATCHED: frozenset({S.ACCEPTED, S.RETURNED}),
    S.RETURNED: frozenset({S.DISPATCHED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.ESCALATED, S.RESOLVED}),
    S.ESCALATED: frozenset({S.IN_PROGRESS}),
    S.RESOLVED: frozenset({S.CLOSED, S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset(),
    S.DUPLICATE: frozenset(),
    S.REFERRED_OUT: frozenset(),
}

TERMINAL = frozenset(state for state, targets in TRANSITIONS.items() if not targets)

# Ratings of 3 and above close the issue; below, the reporter is not satisfied: 整改提升.
SATISFIED_FROM = 3
MAX_TITLE = 200
MAX_TEXT = 4000
MAX_STEP_ID = 200
PHONE = re.compile(r"\+?\d{7,15}")
# The report's input field naming each kind of node it names.
_REPORT_FIELDS = {"Category": "category", "Area": "area", "Person": "reporter"}


def allowed_from(target: IssueState) -> frozenset[IssueState]:
    """The states an issue may be in to move to `target`."""
    return frozenset(state for state, targets in TRANSITIONS.items() if target in targets)


@dataclass(frozen=True)
class Resident:
    """A reporting resident's name and phone number, checked; never logged."""

    name: str
    phone: str

    @classmethod
    def of(cls, name: str | None, phone: str | None) -> Resident:
        """Check and normalise what the reporter gave; the error never repeats the number."""
        if phone is None:
            raise BadUserInput("a resident reporter needs a phone number", field="reporterPhone")
        digits = re.sub(r"[\s()-]", "", phone)
        if not PHONE.fullmatch(digits):
            raise BadUserInput(
                "reporterPhone must be 7 to 15 digits, optionally starting with +",
                field="reporterPhone",
            )
        _require_text("reporterName", name or "", 50)
        return cls((name or "").strip(), digits)


@dataclass(frozen=True)
class IssueDraft:
    """What a reporter tells us about a new issue."""

    title: str
    channel: Channel
    category: str
    area: str
    description: str | None = None
    reporter: str | None = None
    resident: Resident | None = None
    client_request_id: str | None = None
    people_affected: int | None = None
    # Further properties the issue keeps from its intake (a QR receipt and its status digest).
    extra: Mapping[str, str] | None = None


@dataclass
class Lifecycle:
    """Issue transitions over the store; each one writes its IssueEvent in the same transaction.

    Each step answers the issue as its transaction left it. With a `step_id` (the client's
    clientStepId) a step is safe to retry: taken once, a retry writes nothing and answers the
    issue as it is.
    """

    store: Neo4jStore
    actor: str
    clock: Clock = local_now
    step_id: str | None = None

    async def report(self, draft: IssueDraft, viewer: Viewer | None = None) -> Reported:
        """Receive an issue (受理), as `viewer` sees it; a repeated clientRequestId makes none.

        A resubmission answers the first issue. The nodes the draft names are checked in the
        write itself: a missing one is BAD_USER_INPUT on its field, and nothing is written.
        """
        _require_text("title", draft.title, MAX_TITLE)
        _optional_text("description", draft.description, MAX_TEXT)
        if draft.client_request_id is not None:
            _require_text("clientRequestId", draft.client_request_id, 200)
        if draft.people_affected is not None and draft.people_affected < 0:
            raise BadUserInput("peopleAffected cannot be negative", field="peopleAffected")
        props: dict[str, Any] = {
            "title": draft.title.strip(),
            "description": draft.description,
            "channel": draft.channel.value,
            "peopleAffected": draft.people_affected,
            **(draft.extra or {}),
        }
        try:
            return await self.store.report_issue(
                f"issue/{uuid.uuid4().hex}",
                at=self.clock(),
                props={k: v for k, v in props.items() if v is not None},
                client_request_id=draft.client_request_id,
                category=draft.category,
                area=draft.area,
                reporter=draft.reporter,
                resident=(
                    {
                        "key": f"person/resident-{uuid.uuid4().hex}",
                        "name": draft.resident.name,
                        "phone": draft.resident.phone,
                    }
                    if draft.resident is not None
                    else None
                ),
                event=self._event("受理"),
                viewer=viewer,
            )
        except NodeMissing as error:
            field = _REPORT_FIELDS[error.label]
            raise BadUserInput(
                f"no {error.label} with ID {_global_id(error.label, error.key)}", field=field
            ) from error

    async def verify(self, key: str, note: str | None = None) -> Node:
        """Start verification (审查核实)."""
        return await self._move(key, S.VERIFYING, note, {"verifiedAt": self.clock()})

    async def dispatch(
        self,
        key: str,
        organization: str,
        reason: str | None = None,
        via_rule: str | None = None,
        *,
        response_due: dt.datetime | None = None,
        resolve_due: dt.datetime | None = None,
        assists: Sequence[str] = (),
    ) -> Node:
        """Assign a lead organization (分类处理/派单) and copy the rule's deadlines onto the issue.

        The copies are the issue's own: editing the rule later does not rewrite them.
        """
        now = self.clock()
        params = {"key": key, "viaRule": via_rule, "at": stamp(now)}
        steps: list[tuple[str, Mapping[str, Any]]] = [
            (ASSIGN_LEAD, {**params, "organization": organization, "reason": reason})
        ]
        if assists:
            steps.append((ASSIGN_ASSISTS, {**params, "assists": list(assists)}))
        props = {"dispatchedAt": now, "responseDueAt": response_due, "resolveDueAt": resolve_due}
        return await self._move(key, S.DISPATCHED, reason, props, then=steps)

    async def dispatch_routed(
        self, key: str, chosen: str | None, reason: str | None, viewer: Viewer
    ) -> Node:
        """Dispatch to the routing answer's lead, or to `chosen`, which then needs a reason.

        Only the routed lead brings the rule, its assistants and its deadlines along.
        """
        now = self.clock()
        answer = await routing.who_handles(self.store, key, now, viewer)
        lead = chosen or answer.lead
        if lead is None:
            raise BadUserInput(
                "no rule matches and there is no center; name one", field="organization"
            )
        routed = lead == answer.lead
        if not routed and not (reason and reason.strip()):
            raise BadUserInput(
                "dispatching to another organization than the routing answer needs a reason",
                field="reason",
            )
        hours, days = answer.response_hours, answer.resolve_days
        return await self.dispatch(
            key,
            lead,
            reason,
            answer.via_rule if routed else None,
            response_due=now + dt.timedelta(hours=hours) if hours is not None else None,
            resolve_due=now + dt.timedelta(days=days) if days is not None else None,
            assists=answer.assists if routed else (),
        )

    async def accept(self, key: str, note: str | None = None) -> Node:
        """The lead organization takes the issue; this is its response."""
        now = self.clock()
        return await self._move(key, S.ACCEPTED, note, {"acceptedAt": now, "respondedAt": now})

    async def start(self, key: str, note: str | None = None) -> Node:
        """Work begins (or resumes after a whistle or a reopening)."""
        return await self._move(key, S.IN_PROGRESS, note, {"startedAt": self.clock()})

    async def resolve(self, key: str, note: str | None = None) -> Node:
        """The work is done; the center reports back to the reporter (结果反馈)."""
        return await self._move(key, S.RESOLVED, note, {"resolvedAt": self.clock()})

    async def return_(self, key: str, reason: str) -> Node:
        """The lead sends the issue back (退单); the center re-dispatches it."""
        _require_text("reason", reason, MAX_TEXT)
        return await self._move(
            key, S.RETURNED, reason, {"returnReason": reason}, increments=["returnCount"]
        )

    async def escalate(
        self, key: str, summoned: Sequence[tuple[str, dt.datetime]], reason: str
    ) -> tuple[Node, str]:
        """Blow the whistle (吹哨): summon organizations, each to report in by its deadline.

        Returns the issue and the whistle's key; a retry answers the whistle its step blew.
        """
        _require_text("reason", reason, MAX_TEXT)
        if not summoned:
            raise BadUserInput("name at least one organization to summon", field="organizations")
        now = self.clock()
        whistle_key = _whistle_key(key, self.step_id)
        whistle = (
            BLOW_WHISTLE,
            {
                "key": key,
                "whistleKey": whistle_key,
                "at": stamp(now),
                "reason": reason,
                "summoned": [
                    {"organization": org, "dueAt": stamp(due), "level": level}
                    for level, (org, due) in enumerate(summoned, start=1)
                ],
            },
        )
        issue = await self._move(
            key, S.ESCALATED, reason, {"escalatedAt": now}, ["whistleCount"], [whistle]
        )
        return issue, whistle_key

    async def record_feedback(self, key: str, satisfaction: int, comment: str | None) -> Node:
        """The reporter rates the result: satisfied closes it, not satisfied reopens it."""
        if not 1 <= satisfaction <= 5:
            raise BadUserInput("satisfaction must be from 1 to 5", field="satisfaction")
        _optional_text("comment", comment, MAX_TEXT)
        props: dict[str, Any] = {"satisfaction": satisfaction, "feedbackComment": comment}
        if satisfaction >= SATISFIED_FROM:
            return await self._move(key, S.CLOSED, comment, {**props, "closedAt": self.clock()})
        return await self._move(
            key, S.REOPENED, comment, {**props, "reopenedAt": self.clock()}, ["reopenCount"]
        )

    async def close(self, key: str, note: str | None = None) -> Node:
        """Close a resolved issue without the reporter's rating."""
        return await self._move(key, S.CLOSED, note, {"closedAt": self.clock()})

    async def reject(self, key: str, reason: str) -> Node:
        """Refuse an invalid issue."""
        _require_text("reason", reason, MAX_TEXT)
        return await self._move(key, S.REJECTED, reason, {"rejectReason": reason})

    async def mark_duplicate(self, key: str, original: str) -> Node:
        """Close an issue as a duplicate of another."""
        if key == original:
            raise BadUserInput("an issue cannot duplicate itself", field="original")
        link = (MARK_DUPLICATE, {"key": key, "original": original})
        return await self._move(key, S.DUPLICATE, f"duplicate of {original}", {}, then=[link])

    async def refer_out(self, key: str, to: str, reason: str) -> Node:
        """Hand an issue outside the center's remit to another body (e.g. the 12345 hotline)."""
        _require_text("to", to, MAX_TITLE)
        _require_text("reason", reason, MAX_TEXT)
        return await self._move(key, S.REFERRED_OUT, reason, {"referredTo": to})

    async def _move(
        self,
        key: str,
        target: IssueState,
        note: str | None,
        props: Mapping[str, Any],
        increments: Sequence[str] = (),
        then: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> Node:
        if self.step_id is not None:
            _require_text("clientStepId", self.step_id, MAX_STEP_ID)
        try:
            moved = await self.store.transition_issue(
                key,
                allowed_from={state.value for state in allowed_from(target)},
                to=target.value,
                at=self.clock(),
                event=self._event(note),
                props=props,
                increments=increments,
                then=then,
            )
        except StateMismatch as error:
            current = IssueState(error.current)
            allowed = sorted(state.value for state in TRANSITIONS[current])
            raise IllegalTransition(
                f"an issue in {current.value} cannot become {target.value}",
                currentState=current.value,
                requestedState=target.value,
                allowedStates=allowed,
            ) from error
        except StepIdReused as error:
            raise BadUserInput(
                f"clientStepId {error.step_id!r} was already used on this issue for its step to "
                f"{error.to_state}; send a new clientStepId for each new step",
                field="clientStepId",
            ) from error
        except NodeMissing as error:
            raise NotFound(str(error), key=error.key) from error
        except MissingEndpoints as error:
            raise NotFound(str(error)) from error
        return moved.issue

    def _event(self, note: str | None) -> dict[str, Any]:
        event = {"key": f"event/{uuid.uuid4().hex}", "actor": self.actor, "note": note}
        return event if self.step_id is None else {**event, "clientStepId": self.step_id}


def _global_id(type_name: str, key: str) -> str:
    # As the client named the node: a Relay global ID.
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def _whistle_key(issue: str, step_id: str | None) -> str:
    # A retried escalation must name the whistle its first attempt blew: derived from the step.
    if step_id is None:
        return f"whistle/{uuid.uuid4().hex}"
    digest = hashlib.sha256("\x1f".join((issue, step_id)).encode()).hexdigest()
    return f"whistle/{digest[:32]}"


def _require_text(name: str, value: str, limit: int) -> None:
    if not value or not value.strip():
        raise BadUserInput(f"{name} must not be empty", field=name)
    _optional_text(name, value, limit)


def _optional_text(name: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise BadUserInput(f"{name} is longer than {limit} characters", field=name)
