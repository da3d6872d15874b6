"""Which status a suggestion may move to from which: collected, adopted, then implemented."""

from __future__ import annotations

from collections.abc import Mapping

from graph.model import SuggestionStatus
from resolvers.errors import IllegalTransition

S = SuggestionStatus

TRANSITIONS: Mapping[SuggestionStatus, frozenset[SuggestionStatus]] = {
    S.COLLECTED: frozenset({S.ADOPTED, S.DECLINED}),
    S.ADOPTED: frozenset({S.IMPLEMENTED, S.DECLINED}),
    S.IMPLEMENTED: frozenset(),
    S.DECLINED: frozenset(),
}

# The date property each status records when a suggestion reaches it.
DATED: Mapping[SuggestionStatus, str] = {
    S.COLLECTED: "collectedOn",
    S.ADOPTED: "adoptedOn",
    S.IMPLEMENTED: "implementedOn",
    S.DECLINED: "declinedOn",
}

NAMES: Mapping[SuggestionStatus, str] = {
    S.COLLECTED: "已征集",
    S.ADOPTED: "已采纳",
    S.IMPLEMENTED: "已实施",
    S.DECLINED: "未采纳",
}


def require_move(current: SuggestionStatus, target: SuggestionStatus) -> None:
    """ILLEGAL_TRANSITION unless a suggestion in `current` may become `target`."""
    if target in TRANSITIONS[current]:
        return
    allowed = sorted(state.value for state in TRANSITIONS[current])
    raise IllegalTransition(
        f"这条建议{NAMES[current]}，不能改为{NAMES[target]}",
        currentState=current.value,
        requestedState=target.value,
        allowedStates=allowed,
    )
