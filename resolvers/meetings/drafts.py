"""What a clerk records about a meeting and its decisions, checked before anything is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.model import MeetingKind
from resolvers.errors import BadUserInput

MAX_TITLE = 200
MAX_PLACE = 200
MAX_TEXT = 2000
MAX_DECISIONS = 50
MAX_LINKS = 100


@dataclass(frozen=True)
class FollowUp:
    """A follow-up issue a decision creates: what, who leads it (owner), and by when."""

    title: str
    owner: str
    deadline: dt.date
    category: str
    area: str
    description: str | None = None


@dataclass(frozen=True)
class DecisionDraft:
    """One decision: its text, the issues it resolves, projects it advances, its follow-ups."""

    text: str
    resolves: Sequence[str] = ()
    advances: Sequence[str] = ()
    follow_ups: Sequence[FollowUp] = ()

    def check(self, held_on: dt.date | None, prefix: str = "") -> None:
        """BAD_USER_INPUT naming the offending input; `prefix` places it in a larger input."""
        require_text(f"{prefix}text", self.text, MAX_TEXT)
        for name, keys in (("resolves", self.resolves), ("advances", self.advances)):
            if len(keys) > MAX_LINKS:
                raise BadUserInput(f"{prefix}{name} 最多 {MAX_LINKS} 项", field=f"{prefix}{name}")
        if len(self.follow_ups) > MAX_LINKS:
            raise BadUserInput(f"每项决定最多 {MAX_LINKS} 个后续事项", field=f"{prefix}followUps")
        for follow_up in self.follow_ups:
            require_text(f"{prefix}followUps.title", follow_up.title, MAX_TITLE)
            optional_text(f"{prefix}followUps.description", follow_up.description, MAX_TEXT)
            if held_on is not None and follow_up.deadline < held_on:
                raise BadUserInput(
                    "后续事项的完成时限早于会议日期：请填写会后的日期",
                    field=f"{prefix}followUps.deadline",
                )


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting as recorded: kind, date, place, who attended, what about, what was decided."""

    title: str
    kind: MeetingKind
    held_on: dt.date
    place: str | None = None
    organizations: Sequence[str] = ()
    people: Sequence[str] = ()
    projects: Sequence[str] = ()
    decisions: Sequence[DecisionDraft] = field(default_factory=tuple)

    def check(self, today: dt.date) -> None:
        """BAD_USER_INPUT naming the offending input."""
        require_text("title", self.title, MAX_TITLE)
        optional_text("place", self.place, MAX_PLACE)
        if self.held_on > today:
            raise BadUserInput("会议日期在今天之后：请记录已召开的会议", field="heldOn")
        if len(self.organizations) + len(self.people) > MAX_LINKS:
            raise BadUserInput(f"参会单位和人员最多 {MAX_LINKS} 个", field="attendees")
        if len(self.decisions) > MAX_DECISIONS:
            raise BadUserInput(f"一次最多记录 {MAX_DECISIONS} 项决定", field="decisions")
        for decision in self.decisions:
            decision.check(self.held_on, "decisions.")


def require_text(name: str, value: str | None, limit: int) -> None:
    """Refuse empty or over-long text."""
    if value is None or not value.strip():
        raise BadUserInput(f"{name} 不能为空：请填写", field=name)
    optional_text(name, value, limit)


def optional_text(name: str, value: str | None, limit: int) -> None:
    """Refuse over-long text."""
    if value is not None and len(value) > limit:
        raise BadUserInput(f"{name} 超过 {limit} 个字符：请精简", field=name)
