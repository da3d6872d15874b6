"""Which node type stands for which label."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from graph.model import Label
from graph.records import Node
from schema.area import Area, Category
from schema.issue import Issue, IssueEvent, RoutingRule, Whistle
from schema.organization import Organization, Person, Station
from schema.project import Meeting, Observation, Project, Site, Visit, VisitGroup

NODE_TYPES: tuple[Any, ...] = (
    Organization,
    Person,
    Station,
    Area,
    Category,
    Issue,
    IssueEvent,
    RoutingRule,
    Whistle,
    Project,
    Site,
    Meeting,
    Visit,
    VisitGroup,
    Observation,
)

BY_LABEL: dict[str, Any] = {cls.LABEL.value: cls for cls in NODE_TYPES}


def node_from_row(row: Node) -> relay.Node | None:
    """The node type value for a row of any label."""
    for label in row.get("_labels", ()):
        if label in BY_LABEL and label != Label.COMMUNITY:
            built: relay.Node = BY_LABEL[label].from_row(row)
            return built
    return None
