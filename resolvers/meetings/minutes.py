"""The minutes (会议纪要): record a meeting, edit it, add and edit its decisions.

Each call is one write transaction holding the change, its audit entry and its client key:
refused input writes nothing, and a retried call with its clientKey writes nothing again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.meetings import (
    CREATE_MEETING,
    LOCK_MEETING,
    REPLACE_ATTENDEES,
    REPLACE_PROJECTS,
    SET_DECISION,
    SET_MEETING,
)
from graph.model import Label, MeetingKind
from graph.records import native
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal, Role
from resolvers.audit import Change, prior, record
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, Forbidden, NotFound
from resolvers.meetings.decisions import Meeting, check_named, write_decision
from resolvers.meetings.drafts import (
    MAX_PLACE,
    MAX_TEXT,
    MAX_TITLE,
    DecisionDraft,
    MeetingDraft,
    optional_text,
    require_text,
)
from resolvers.named import require_named


def require_recorder(principal: Principal) -> None:
    """FORBIDDEN unless an admin or a center's coordinator, who record meetings."""
    principal.require(Action.RECORD_MEETINGS)
    if principal.role is Role.COORDINATOR and not principal.center:
        raise Forbidden(
            "只有管理员和服务协调中心的协调员可以记录会议：请联系中心协调员",
            role=principal.role.value,
        )


@dataclass(frozen=True)
class MeetingEdit:
    """Changes to a recorded meeting; None leaves a field as it is, a list replaces the links."""

    title: str | None = None
    kind: MeetingKind | None = None
    held_on: dt.date | None = None
    place: str | None = None
    organizations: Sequence[str] | None = None
    people: Sequence[str] | None = None
    projects: Sequence[str] | None = None

    def props(self) -> dict[str, Any]:
        """The properties it sets."""
        props = {
            "title": self.title.strip() if self.title is not None else None,
            "kind": self.kind.value if self.kind is not None else None,
            "heldOn": self.held_on,
            "place": self.place.strip() if self.place is not None else None,
        }
        return {k: v for k, v in props.items() if v is not None}

    def fields(self) -> tuple[str, ...]:
        """The input fields it changes, for the audit."""
        named = list(self.props())
        if self.organizations is not None or self.people is not None:
            named.append("attendees")
        if self.projects is not None:
            named.append("projects")
        return tuple(named)


@dataclass
class Minutes:
    """One principal's meeting records, each change in one write transaction with its audit."""

    store: Neo4jStore
    principal: Principal
    clock: Clock = local_now
    client_key: str | None = None

    async def record(self, draft: MeetingDraft) -> str:
        """Record a held meeting with its attendees, projects and decisions; its key."""
        require_recorder(self.principal)
        now = self.clock()
        draft.check(now.date())

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, "recordMeeting", self.client_key)
            if earlier is not None:
                return earlier
            await require_named(tx, Label.ORGANIZATION, draft.organizations, "attendees")
            await require_named(tx, Label.PERSON, draft.people, "attendees")
            await require_named(tx, Label.PROJECT, draft.projects, "projects")
            await check_named(tx, draft.decisions)
            key = f"meeting/{uuid.uuid4().hex}"
            props = {
                "title": draft.title.strip(),
                "kind": draft.kind.value,
                "heldOn": draft.held_on,
                "place": draft.place.strip() if draft.place else None,
                "recordedAt": now,
            }
            await _run(tx, CREATE_MEETING, key=key, props=_set(props))
            await _links(tx, key, draft.organizations, draft.people, draft.projects)
            meeting = Meeting(key, draft.title.strip())
            for decision in draft.decisions:
                await write_decision(tx, meeting, decision, actor=self.principal.sub, at=now)
            fields = ["title", "kind", "heldOn", *(["place"] if draft.place else [])]
            fields += _named_fields(draft)
            change = Change("recordMeeting", Label.MEETING, key, tuple(fields))
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return key

        return await self.store.write(work)

    async def edit(self, key: str, edit: MeetingEdit) -> str:
        """Change a meeting's title, kind, date, place, attendees or projects; its key."""
        require_recorder(self.principal)
        now = self.clock()
        if edit.title is not None:
            require_text("title", edit.title, MAX_TITLE)
        optional_text("place", edit.place, MAX_PLACE)
        if edit.held_on is not None and edit.held_on > now.date():
            raise BadUserInput("会议日期在今天之后：请记录已召开的会议", field="heldOn")
        if not edit.fields():
            raise BadUserInput("没有要修改的内容：请至少填写一项", field="input")

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, "editMeeting", self.client_key)
            if earlier is not None:
                return earlier
            await _lock(tx, key)
            await require_named(tx, Label.ORGANIZATION, edit.organizations or (), "attendees")
            await require_named(tx, Label.PERSON, edit.people or (), "attendees")
            await require_named(tx, Label.PROJECT, edit.projects or (), "projects")
            await _run(tx, SET_MEETING, key=key, props=edit.props())
            if edit.organizations is not None or edit.people is not None:
                await _run(
                    tx,
                    REPLACE_ATTENDEES,
                    key=key,
                    organizations=list(edit.organizations or ()),
                    people=list(edit.people or ()),
                )
            if edit.projects is not None:
                await _run(tx, REPLACE_PROJECTS, key=key, projects=list(edit.projects))
            change = Change("editMeeting", Label.MEETING, key, edit.fields())
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return key

        return await self.store.write(work)

    async def add_decision(self, meeting: str, draft: DecisionDraft) -> str:
        """Add a decision to a recorded meeting; the decision's key."""
        require_recorder(self.principal)
        now = self.clock()
        draft.check(None)

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, "addDecision", self.client_key)
            if earlier is not None:
                return earlier
            title, held_on = await _lock(tx, meeting)
            # Checked again here: the meeting's date is known only now.
            draft.check(held_on)
            await check_named(tx, [draft])
            decided = await write_decision(
                tx, Meeting(meeting, title), draft, actor=self.principal.sub, at=now
            )
            fields = ["text", *_decision_fields(draft)]
            change = Change("addDecision", Label.DECISION, decided.key, tuple(fields))
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return decided.key

        return await self.store.write(work)

    async def edit_decision(self, key: str, text: str) -> str:
        """Correct a decision's text; the issues it moved stay as they are. Its key."""
        require_recorder(self.principal)
        require_text("text", text, MAX_TEXT)
        now = self.clock()

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, "editDecision", self.client_key)
            if earlier is not None:
                return earlier
            changed = await _run(tx, SET_DECISION, key=key, text=text.strip())
            if not changed:
                raise NotFound(f"找不到会议决定 {key}", key=key)
            change = Change("editDecision", Label.DECISION, key, ("text",))
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return key

        return await self.store.write(work)


async def _lock(tx: AsyncManagedTransaction, key: str) -> tuple[str, dt.date | None]:
    record = await (await tx.run(LOCK_MEETING, key=key)).single()
    if record is None:
        raise NotFound(f"找不到会议 {key}", key=key)
    return record["title"], native(record["heldOn"])


async def _run(tx: AsyncManagedTransaction, statement: str, **params: Any) -> Any:
    record = await (await tx.run(statement, params)).single(strict=True)
    return record[0]


async def _links(
    tx: AsyncManagedTransaction,
    key: str,
    organizations: Sequence[str],
    people: Sequence[str],
    projects: Sequence[str],
) -> None:
    if organizations or people:
        await _run(
            tx, REPLACE_ATTENDEES, key=key, organizations=list(organizations), people=list(people)
        )
    if projects:
        await _run(tx, REPLACE_PROJECTS, key=key, projects=list(projects))


def _set(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _named_fields(draft: MeetingDraft) -> list[str]:
    fields = []
    if draft.organizations or draft.people:
        fields.append("attendees")
    if draft.projects:
        fields.append("projects")
    if draft.decisions:
        fields.append("decisions")
    return fields


def _decision_fields(draft: DecisionDraft) -> list[str]:
    pairs = (("resolves", draft.resolves), ("advances", draft.advances))
    return [name for name, given in (*pairs, ("followUps", draft.follow_ups)) if given]
