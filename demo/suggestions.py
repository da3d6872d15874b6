"""The 环投 office branch's suggestions on the record: raised during its visits, taken up."""

from __future__ import annotations

from demo import keys
from demo.visits import BRANCH_SUGGESTIONS, BRANCH_VISITS
from demo.world import World
from graph.model import Label, Rel, SuggestionStatus


def build(w: World) -> None:
    """The branch's seven suggestions, each raised during a visit and tracked as its issue."""
    branch = keys.org("huantou-office-branch")
    for n, (index, title, _department) in enumerate(BRANCH_SUGGESTIONS, start=1):
        visit = BRANCH_VISITS[index]
        # Taken back to a department the day they were raised (带回党支部协调), still in hand.
        suggestion = w.b.node(
            Label.SUGGESTION,
            f"huantou-{n}",
            title=title,
            status=SuggestionStatus.ADOPTED.value,
            collectedOn=visit.on,
            adoptedOn=visit.on,
        )
        w.b.link(Rel.PROPOSED_BY, suggestion, keys.org(visit.unit))
        w.b.link(Rel.SUBMITTED_TO, suggestion, branch)
        w.b.link(Rel.RAISED_DURING, suggestion, keys.of(Label.VISIT, f"huantou-{index + 1:02d}"))
        w.b.link(Rel.TRACKED_AS, suggestion, keys.of(Label.ISSUE, f"huantou-suggestion-{n}"))
