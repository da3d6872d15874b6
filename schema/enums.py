"""GraphQL enums: the graph model's enums, and sort orders."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph.model import (
    AreaLevel,
    Channel,
    IssueState,
    MeetingKind,
    MoveStatus,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Qualifier,
    SiteKind,
    SuggestionStatus,
    VisitStatus,
)

# strawberry.enum marks the model's own classes, so rows convert without a mapping table.
strawberry.enum(OrgKind, description="What an organization is.")
strawberry.enum(PersonRole, description="A role a person plays.")
strawberry.enum(AreaLevel, description="Where an area sits in the area tree.")
strawberry.enum(IssueState, description="A state of the issue lifecycle.")
strawberry.enum(Channel, description="How an issue reached the center.")
strawberry.enum(ProjectKind, description="What a project is.")
strawberry.enum(ProjectStatus, description="Where a project stands.")
strawberry.enum(SiteKind, description="What a site is.")
strawberry.enum(MeetingKind, description="What a meeting is for.")
strawberry.enum(MoveStatus, description="Where one unit's move stands.")
strawberry.enum(Qualifier, description="How a document's figure bounds the true value.")
strawberry.enum(VisitStatus, description="Where a visit stands.")
strawberry.enum(SuggestionStatus, description="Where a suggestion (合理化建议) stands.")


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


__all__ = [
    "AreaLevel",
    "Channel",
    "IssueState",
    "MeetingKind",
    "MoveStatus",
    "OrderDirection",
    "OrgKind",
    "PersonRole",
    "ProjectKind",
    "ProjectStatus",
    "Qualifier",
    "SiteKind",
    "SuggestionStatus",
    "VisitStatus",
]
