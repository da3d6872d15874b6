"""The mining-services union's rationalisation proposals."""

from __future__ import annotations

import datetime as dt
import random
from datetime import timedelta

from demo import keys
from demo.clock import at
from demo.issues import Issue, write_issue
from demo.lifecycle import path
from demo.people import person
from demo.world import World
from graph.model import Channel, IssueState, Label, PersonRole, Rel, SuggestionStatus

# The first is the document's example; all eight went to the center, two were implemented.
UNION_SUGGESTIONS: tuple[tuple[str, bool], ...] = (
    ("及时为离退休人员购买纪念品", True),
    ("部门职工书屋增配业务书籍", True),
    ("优化职工健康查体项目", False),
    ("增加职工休疗养名额", False),
    ("完善劳动竞赛明星评选办法", False),
    ("开设女工减压心理讲座", False),
    ("改善矿区值班宿舍条件", False),
    ("增设职工健身器材", False),
)

# What the two implemented suggestions did, and for how many (the document counts the first's).
BENEFITS: dict[int, tuple[str, int | None]] = {
    1: ("及时为离退休人员购买纪念品，获中心工会肯定并在全中心推广", 3),
    2: ("部门职工书屋增配业务书籍", None),
}


def build(w: World) -> None:
    """The union's rationalisation proposals: eight collected for the center, two implemented."""
    rng = random.Random(1010)
    union, department = keys.org("gangqu-mining-union"), keys.org("gangqu-mining-services")
    center = keys.org("gangqu-center")
    for n, (title, implemented) in enumerate(UNION_SUGGESTIONS, start=1):
        member = person(w, f"gangqu-member-{n}", (PersonRole.STAFF,), "职工")
        w.b.link(Rel.MEMBER_OF, member, department, role="MEMBER")
        reported = at(2022, 3 + (n - 1) % 6, rng.randint(1, 28), rng.randint(9, 16))
        lead = department if implemented else center
        resolved = reported + timedelta(days=rng.randint(10, 30))
        issue_key = write_issue(
            w,
            Issue(
                slug=f"union-suggestion-{n:02d}",
                title=title,
                channel=Channel.SUGGESTION_BOX,
                category="suggestions",
                reporter=member,
                lead=lead,
                satisfaction=5 if implemented else None,
                people_affected=3 if n == 1 else None,
                steps=path(
                    reported,
                    reported + timedelta(days=1),
                    reporter=member,
                    dispatcher=union,
                    lead=lead,
                    dispatch_note="部门实施" if implemented else "报送中心层面研究",
                    resolved=resolved if implemented else None,
                    closed=resolved + timedelta(days=2) if implemented else None,
                    resolution="建议已实施并在全中心推广" if implemented else "",
                    until=None if implemented else IssueState.DISPATCHED,
                ),
            ),
        )
        _suggestion(w, n, title, member, issue_key, reported, resolved if implemented else None)


def _suggestion(
    w: World,
    n: int,
    title: str,
    member: str,
    issue: str,
    collected: dt.datetime,
    implemented: dt.datetime | None,
) -> None:
    """The suggestion on the record: collected by the union, tracked as its issue."""
    union, department = keys.org("gangqu-mining-union"), keys.org("gangqu-mining-services")
    done = implemented is not None
    benefit = BENEFITS.get(n)
    suggestion = w.b.node(
        Label.SUGGESTION,
        f"union-{n:02d}",
        title=title,
        status=SuggestionStatus.IMPLEMENTED.value if done else SuggestionStatus.COLLECTED.value,
        collectedOn=collected.date(),
        # The department took up what it implemented the day after it came in (部门实施).
        adoptedOn=(collected + timedelta(days=1)).date() if done else None,
        implementedOn=implemented.date() if implemented is not None else None,
        benefit=benefit[0] if benefit else None,
        peopleBenefited=benefit[1] if benefit else None,
    )
    w.b.link(Rel.PROPOSED_BY, suggestion, member)
    w.b.link(Rel.SUBMITTED_TO, suggestion, union)
    w.b.link(Rel.TRACKED_AS, suggestion, issue)
    if done:
        w.b.link(Rel.BENEFITS, suggestion, department)
