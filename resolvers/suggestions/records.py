"""Recording suggestions and moving them on: each change one write transaction with its audit.

Admins record any; a coordinator records those submitted to its own organization or one under
it. A retried call with its clientKey writes nothing again and answers the same suggestion.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.suggestions import (
    CREATE_SUGGESTION,
    LOCK_SUGGESTION,
    SET_SUGGESTION,
    UNDER_ORGANIZATION,
)
from graph.model import Label, SuggestionStatus
from graph.records import native
from graph.store import Neo4jStore
from resolvers.access.principal import Action, Principal, Role
from resolvers.audit import Change, prior, record
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, Forbidden, NotFound
from resolvers.meetings.drafts import MAX_TEXT, MAX_TITLE, optional_text, require_text
from resolvers.named import require_named
from resolvers.suggestions.status import DATED, require_move

S = SuggestionStatus
MAX_BENEFICIARIES = 100


@dataclass(frozen=True)
class SuggestionDraft:
    """A suggestion as collected: who proposed it, to whom, when, and where it came up."""

    title: str
    submitted_to: str
    collected_on: dt.date
    proposed_by_person: str | None = None
    proposed_by_organization: str | None = None
    raised_during: str | None = None
    tracked_as: str | None = None

    def check(self, today: dt.date) -> None:
        """BAD_USER_INPUT naming the offending input."""
        require_text("title", self.title, MAX_TITLE)
        if self.collected_on > today:
            raise BadUserInput("征集日期在今天之后：请填写实际征集的日期", field="collectedOn")


@dataclass(frozen=True)
class Benefit:
    """What an implemented suggestion did, for how many people, and who benefits."""

    text: str | None = None
    people: int | None = None
    organizations: Sequence[str] = ()
    areas: Sequence[str] = ()

    def check(self) -> None:
        """BAD_USER_INPUT naming the offending input."""
        optional_text("benefit", self.text, MAX_TEXT)
        if self.people is not None and self.people < 0:
            raise BadUserInput("受益人数不能为负数", field="peopleBenefited")
        if len(self.organizations) + len(self.areas) > MAX_BENEFICIARIES:
            raise BadUserInput(f"受益对象最多 {MAX_BENEFICIARIES} 个", field="beneficiaries")


@dataclass
class Suggestions:
    """One principal's suggestion records."""

    store: Neo4jStore
    principal: Principal
    clock: Clock = local_now
    client_key: str | None = None

    async def record(self, draft: SuggestionDraft) -> str:
        """Record a collected suggestion; its key."""
        self.principal.require(Action.RECORD_SUGGESTIONS)
        now = self.clock()
        draft.check(now.date())
        proposers = [k for k in (draft.proposed_by_person, draft.proposed_by_organization) if k]
        if len(proposers) > 1:
            raise BadUserInput("提出人是一个人员或一个单位，不能同时填写", field="proposedBy")

        await self.store.read(lambda tx: self._require_for(tx, draft.submitted_to))
        if draft.tracked_as is not None and self.principal.role is not Role.ADMIN:
            # An issue the principal may not see answers as missing, as everywhere else.
            [seen] = await self.store.get_nodes(
                Label.ISSUE, [draft.tracked_as], viewer=self.principal.viewer
            )
            if seen is None:
                raise BadUserInput(
                    f"找不到诉求 {draft.tracked_as}：请核对后重新选择", field="trackedAs"
                )

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, "recordSuggestion", self.client_key)
            if earlier is not None:
                return earlier
            await require_named(tx, Label.ORGANIZATION, [draft.submitted_to], "submittedTo")
            person, organization = draft.proposed_by_person, draft.proposed_by_organization
            await require_named(tx, Label.PERSON, [person] if person else [], "proposedBy")
            await require_named(
                tx, Label.ORGANIZATION, [organization] if organization else [], "proposedBy"
            )
            visits = [draft.raised_during] if draft.raised_during else []
            issues = [draft.tracked_as] if draft.tracked_as else []
            await require_named(tx, Label.VISIT, visits, "raisedDuring")
            await require_named(tx, Label.ISSUE, issues, "trackedAs")
            key = f"suggestion/{uuid.uuid4().hex}"
            props = {
                "title": draft.title.strip(),
                "status": S.COLLECTED.value,
                "collectedOn": draft.collected_on,
                "recordedAt": now,
            }
            await (
                await tx.run(
                    CREATE_SUGGESTION,
                    key=key,
                    props=props,
                    submittedTo=draft.submitted_to,
                    proposers=proposers,
                    visits=visits,
                    issues=issues,
                )
            ).single(strict=True)
            fields = ["title", "submittedTo", "collectedOn"]
            fields += [name for name, given in _optional(draft) if given]
            change = Change("recordSuggestion", Label.SUGGESTION, key, tuple(fields))
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return key

        return await self.store.write(work)

    async def adopt(self, key: str, on: dt.date | None) -> str:
        """The suggestion is taken up (采纳)."""
        return await self._move(key, S.ADOPTED, "adoptSuggestion", on, {}, Benefit())

    async def implement(self, key: str, on: dt.date | None, benefit: Benefit) -> str:
        """The adopted suggestion is carried out (实施), with who benefits."""
        benefit.check()
        props = {
            "benefit": benefit.text.strip() if benefit.text else None,
            "peopleBenefited": benefit.people,
        }
        return await self._move(key, S.IMPLEMENTED, "implementSuggestion", on, props, benefit)

    async def decline(self, key: str, on: dt.date | None, reason: str) -> str:
        """The suggestion is not taken up, for a reason the proposer is told."""
        require_text("reason", reason, MAX_TEXT)
        props = {"declineReason": reason.strip()}
        return await self._move(key, S.DECLINED, "declineSuggestion", on, props, Benefit())

    async def _move(
        self,
        key: str,
        target: SuggestionStatus,
        action: str,
        on: dt.date | None,
        props: dict[str, Any],
        benefit: Benefit,
    ) -> str:
        self.principal.require(Action.RECORD_SUGGESTIONS)
        now = self.clock()
        day = on or now.date()
        if day > now.date():
            raise BadUserInput("日期在今天之后：请填写实际发生的日期", field="on")

        async def work(tx: AsyncManagedTransaction) -> str:
            earlier = await prior(tx, self.principal, action, self.client_key)
            if earlier is not None:
                return earlier
            found = await (await tx.run(LOCK_SUGGESTION, key=key)).single()
            if found is None:
                raise NotFound(f"找不到建议 {key}", key=key)
            await self._require_for(tx, found["submittedTo"])
            require_move(S(found["status"]), target)
            latest = native(found["adoptedOn"]) or native(found["collectedOn"])
            if latest is not None and day < latest:
                raise BadUserInput(
                    f"日期早于上一步的日期（{latest.isoformat()}）：请核对", field="on"
                )
            await require_named(tx, Label.ORGANIZATION, benefit.organizations, "beneficiaries")
            await require_named(tx, Label.AREA, benefit.areas, "beneficiaries")
            changes = {"status": target.value, DATED[target]: day, **props}
            changes = {k: v for k, v in changes.items() if v is not None}
            await (
                await tx.run(
                    SET_SUGGESTION,
                    key=key,
                    props=changes,
                    organizations=list(benefit.organizations),
                    areas=list(benefit.areas),
                )
            ).single(strict=True)
            fields = [
                *changes,
                *(["beneficiaries"] if benefit.organizations or benefit.areas else []),
            ]
            change = Change(action, Label.SUGGESTION, key, tuple(fields))
            await record(tx, self.principal, change, client_key=self.client_key, at=now)
            return key

        return await self.store.write(work)

    async def _require_for(self, tx: AsyncManagedTransaction, organization: str | None) -> None:
        # A coordinator records for its own organization and those under it, an admin for all.
        if self.principal.role is Role.ADMIN:
            return
        found = under = False
        if self.principal.org is None:
            found = True
        elif organization is not None:
            result = await tx.run(
                UNDER_ORGANIZATION, organization=organization, own=self.principal.org
            )
            record = await result.single(strict=True)
            found, under = record["found"], record["under"]
        if organization is not None and not found:
            raise BadUserInput(f"找不到单位 {organization}：请核对后重新选择", field="submittedTo")
        if not under:
            raise Forbidden(
                "协调员只能记录报送本单位或下属单位的建议：请联系该单位的协调员",
                role=self.principal.role.value,
            )


def _optional(draft: SuggestionDraft) -> tuple[tuple[str, bool], ...]:
    proposed = draft.proposed_by_person or draft.proposed_by_organization
    return (
        ("proposedBy", bool(proposed)),
        ("raisedDuring", bool(draft.raised_during)),
        ("trackedAs", bool(draft.tracked_as)),
    )
