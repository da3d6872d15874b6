"""A report's private status page and the resident's rating, reached by the status secret only.

The secret is never looked up as given: its digest is, the same way for a wrong secret as for
a missing one, and both answer the same refusal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.cypher.intake import STATUS_BY_DIGEST
from graph.model import IssueState
from graph.records import native
from graph.store import Neo4jStore
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, IllegalTransition, NotFound
from resolvers.intake.codes import digest
from resolvers.intake.door import resident_actor
from resolvers.lifecycle import Lifecycle
from resolvers.redaction import redact

S = IssueState

# Each state as the resident reads it.
STATE_NAMES: Mapping[IssueState, str] = {
    S.RECEIVED: "已受理",
    S.VERIFYING: "审查核实中",
    S.DISPATCHED: "已派单",
    S.ACCEPTED: "承办单位已接单",
    S.IN_PROGRESS: "办理中",
    S.ESCALATED: "协调办理中",
    S.RESOLVED: "已办结，待您评价",
    S.CLOSED: "已办结",
    S.RETURNED: "重新派单中",
    S.REOPENED: "整改中",
    S.REJECTED: "不予受理",
    S.DUPLICATE: "已并入相同问题办理",
    S.REFERRED_OUT: "已转交其他部门",
}
# Notes written for the resident: the answer (结果反馈), a refusal's or referral's reason, and
# the resident's own rating comment. Other notes (dispatch, return, whistle) are staff's.
PUBLIC_NOTES = frozenset({S.RESOLVED, S.REJECTED, S.REFERRED_OUT, S.CLOSED, S.REOPENED})

# The three answers of the form, as the lifecycle's 1-5 satisfaction.
RATINGS: Mapping[str, int] = {"满意": 5, "基本满意": 3, "不满意": 1}
MAX_COMMENT = 500
STEP_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")

NO_STATUS = "查询不到此反映：请核对链接是否完整。"


@dataclass
class StatusDesk:
    """One report's status and rating, as the holder of its status secret sees them."""

    store: Neo4jStore
    clock: Clock = local_now

    async def status(self, secret: str) -> dict[str, Any]:
        """The report's receipt, state, handling organization and public timeline."""
        return _shown(await self._issue(secret))

    async def feedback(self, secret: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Rate a resolved report: 满意 or 基本满意 closes it, 不满意 reopens it (整改提升)."""
        satisfaction, comment, step_id = parse_feedback(body)
        row = await self._issue(secret)
        lifecycle = Lifecycle(
            self.store,
            actor=resident_actor(row["receipt"]),
            clock=self.clock,
            step_id=f"resident:{step_id}",
        )
        try:
            await lifecycle.record_feedback(row["key"], satisfaction, comment)
        except IllegalTransition as error:
            state = STATE_NAMES[IssueState(row["state"])]
            raise IllegalTransition(
                f"此反映当前为“{state}”，办结后才能评价。", currentState=row["state"]
            ) from error
        return await self.status(secret)

    async def _issue(self, secret: str) -> dict[str, Any]:
        rows = await self.store.query(STATUS_BY_DIGEST, digest=digest(secret))
        if not rows:
            raise NotFound(NO_STATUS)
        return rows[0]


def parse_feedback(body: Mapping[str, Any]) -> tuple[int, str | None, str]:
    """(satisfaction 1-5, comment, clientStepId) from a posted rating, checked."""
    rating = body.get("satisfaction")
    if not isinstance(rating, str) or rating not in RATINGS:
        raise BadUserInput("请选择评价：满意、基本满意或不满意。", field="satisfaction")
    comment = body.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise BadUserInput("评价意见须为文字。", field="comment")
    comment = comment.strip() or None if comment is not None else None
    if comment is not None and len(comment) > MAX_COMMENT:
        raise BadUserInput(f"评价意见不能超过 {MAX_COMMENT} 字。", field="comment")
    step_id = body.get("clientStepId")
    if not isinstance(step_id, str) or not STEP_ID.fullmatch(step_id):
        raise BadUserInput(
            "clientStepId 须为 1 至 100 位字母、数字、- 或 _，由页面随机生成。",
            field="clientStepId",
        )
    return RATINGS[rating], comment, step_id


def _shown(row: Mapping[str, Any]) -> dict[str, Any]:
    state = IssueState(row["state"])
    return {
        "receipt": row["receipt"],
        "state": state.value,
        "stateName": STATE_NAMES[state],
        "reportedAt": native(row["reportedAt"]).isoformat(),
        "handledBy": row["handledBy"],
        "timeline": [_step(event, row["staffNames"]) for event in row["events"]],
        "canRate": state is S.RESOLVED,
    }


def _step(event: Mapping[str, Any], staff: list[str]) -> dict[str, Any]:
    state = IssueState(event["toState"])
    step: dict[str, Any] = {
        "at": native(event["at"]).isoformat(),
        "state": state.value,
        "stateName": STATE_NAMES[state],
    }
    note = event.get("note")
    if state in PUBLIC_NOTES and note:
        # A note may name a staff member or quote a phone or identity number: none of them
        # goes on a public page.
        step["note"] = redact(note, staff)
    return step
