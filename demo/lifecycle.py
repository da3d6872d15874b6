"""Issue lifecycles: the steps a curated issue goes through and the events they become."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from demo.builder import Builder, Row
from graph.model import IssueState, Label, Rel


@dataclass(frozen=True)
class Step:
    """One step of a lifecycle: the state reached, when, why and by whom."""

    state: IssueState
    at: datetime
    note: str
    actor: str


class Events:
    """Lifecycle events of curated issues; `seq` follows time across all issues."""

    def __init__(self) -> None:
        self._pending: list[tuple[datetime, str, int, str, Row]] = []

    def walk(self, issue_key: str, steps: Sequence[Step]) -> None:
        """Record the steps of one issue as pending events."""
        slug = issue_key.removeprefix("issue/")
        previous: IssueState | None = None
        for index, step in enumerate(steps, start=1):
            row: Row = {
                "at": step.at,
                "fromState": previous.value if previous else None,
                "toState": step.state.value,
                "note": step.note,
                "actor": step.actor,
            }
            self._pending.append((step.at, issue_key, index, f"{slug}/{index:02d}", row))
            previous = step.state

    def emit(self, b: Builder) -> None:
        """Add every pending event, numbered in time order, linked to its issue."""
        ordered = sorted(self._pending, key=lambda item: item[:3])
        for seq, (_, issue_key, _, slug, row) in enumerate(ordered, start=1):
            event_key = b.node(Label.ISSUE_EVENT, slug, seq=seq, **row)
            b.link(Rel.HAS_EVENT, issue_key, event_key)


def path(
    reported: datetime,
    responded: datetime,
    *,
    reporter: str,
    dispatcher: str,
    lead: str,
    dispatch_note: str,
    resolved: datetime | None = None,
    closed: datetime | None = None,
    resolution: str = "",
    escalation: tuple[datetime, datetime, str] | None = None,
    until: IssueState | None = None,
) -> list[Step]:
    """The full lifecycle (受理 → 核实 → 分类处理 → … → 结果反馈 → 办结), optionally cut short."""
    steps = [
        Step(IssueState.RECEIVED, reported, "问题受理", reporter),
        Step(IssueState.VERIFYING, responded, "审查核实", dispatcher),
        Step(
            IssueState.DISPATCHED,
            responded + timedelta(hours=1),
            f"分类处理：{dispatch_note}",
            dispatcher,
        ),
        Step(IssueState.ACCEPTED, responded + timedelta(hours=2), "接单", lead),
        Step(IssueState.IN_PROGRESS, responded + timedelta(hours=3), "开始处置", lead),
    ]
    if escalation is not None:
        blown, resumed, note = escalation
        steps += [
            Step(IssueState.ESCALATED, blown, f"吹哨：{note}", dispatcher),
            Step(IssueState.IN_PROGRESS, resumed, "会商后继续处置", lead),
        ]
    if until is not None:
        return steps[: [s.state for s in steps].index(until) + 1]
    if resolved is None or closed is None:
        raise ValueError("a finished lifecycle needs resolved and closed times")
    return [
        *steps,
        Step(IssueState.RESOLVED, resolved, f"结果反馈：{resolution}", lead),
        Step(IssueState.CLOSED, closed, "回访办结，服务对象满意", dispatcher),
    ]
