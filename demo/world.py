"""The state one build shares: rows, events, names and what later sections look up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from demo.builder import Builder
from demo.lifecycle import Events
from demo.names import Names
from demo.routing import Router, Rule


@dataclass
class World:
    """Everything later sections need from earlier ones."""

    b: Builder = field(default_factory=Builder)
    events: Events = field(default_factory=Events)
    names: Names = field(default_factory=lambda: Names(4411))
    parents: dict[str, str] = field(default_factory=dict)
    street_of: dict[str, str] = field(default_factory=dict)
    observer_of: dict[str, str] = field(default_factory=dict)
    coordinator_of: dict[str, str] = field(default_factory=dict)
    router: Router | None = None

    def route(self, category: str, area: str, day: date) -> Rule:
        """The rule for a category in an area on a day; there must be one."""
        if self.router is None:
            raise RuntimeError("routing rules are not built yet")
        rule = self.router.route(category, area, day)
        if rule is None:
            raise ValueError(f"no routing rule for {category} in {area} on {day}")
        return rule
