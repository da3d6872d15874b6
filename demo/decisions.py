"""Meetings' decisions as Decision nodes: the issues they resolved, the projects they advanced."""

from __future__ import annotations

from collections.abc import Sequence

from demo.world import World
from graph.model import Label, Rel


def decide(
    w: World,
    meeting: str,
    seq: int,
    text: str,
    *,
    resolves: Sequence[str] = (),
    advances: Sequence[str] = (),
) -> str:
    """Add decision number `seq` of a meeting; its key."""
    slug = meeting.split("/", 1)[1]
    decision = w.b.node(Label.DECISION, f"{slug}-{seq}", text=text, seq=seq)
    w.b.link(Rel.DECIDED, meeting, decision)
    for issue in resolves:
        w.b.link(Rel.RESOLVED, decision, issue)
    for project in advances:
        w.b.link(Rel.ADVANCES, decision, project)
    return decision
