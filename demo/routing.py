"""Routing rules and the router that picks the rule for an issue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from demo import keys
from graph.model import Label


@dataclass(frozen=True)
class Rule:
    """A routing rule: who leads and who assists for a category in an area, with deadlines."""

    slug: str
    name: str
    category: str
    area: str
    lead: str
    priority: int
    response_hours: int
    resolve_days: int
    feedback_days: int
    escalations: tuple[tuple[str, int], ...]
    assists: tuple[str, ...] = ()
    valid_from: date = date(2019, 1, 1)
    valid_to: date | None = None

    @property
    def key(self) -> str:
        """The key of the rule's node."""
        return keys.of(Label.ROUTING_RULE, self.slug)

    def valid_on(self, day: date) -> bool:
        """Whether the rule applies on a day."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Router:
    """Most specific category, then most specific area, then priority; mirrors the design."""

    def __init__(self, rules: Sequence[Rule], parents: dict[str, str]) -> None:
        self._parents = parents
        self._rules: dict[tuple[str, str], list[Rule]] = {}
        for rule in rules:
            self._rules.setdefault((rule.category, rule.area), []).append(rule)

    def _lineage(self, node_key: str) -> list[str]:
        chain = [node_key]
        while chain[-1] in self._parents:
            chain.append(self._parents[chain[-1]])
        return chain

    def route(self, category: str, area: str, day: date) -> Rule | None:
        """The rule for a category in an area on a day, if any."""
        for category_key in self._lineage(category):
            for area_key in self._lineage(area):
                rules = self._rules.get((category_key, area_key), [])
                valid = [r for r in rules if r.valid_on(day)]
                if valid:
                    return max(valid, key=lambda r: r.priority)
        return None
