"""Filter inputs of the connections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from resolvers.errors import BadUserInput
from schema.enums import (
    AreaLevel,
    Channel,
    IssueState,
    MeetingKind,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
)
from schema.node import key_of


@strawberry.input(description="Narrow a list of organizations.")
class OrganizationFilter:
    kinds: list[OrgKind] | None = None
    name_prefix: str | None = None
    area: relay.GlobalID | None = strawberry.field(
        default=None, description="Only those located in this area or below it."
    )

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the organization filter."""
        return {
            "kinds": _values(self.kinds),
            "namePrefix": self.name_prefix,
            "area": key_of(self.area, "Area"),
        }


@strawberry.input(description="Narrow a list of people.")
class PersonFilter:
    roles: list[PersonRole] | None = None
    name_prefix: str | None = None
    organization: relay.GlobalID | None = None

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the person filter."""
        return {
            "roles": _values(self.roles),
            "namePrefix": self.name_prefix,
            "organization": key_of(self.organization, "Organization"),
        }


@strawberry.input(description="Narrow a list of areas.")
class AreaFilter:
    levels: list[AreaLevel] | None = None
    name_prefix: str | None = None
    within: relay.GlobalID | None = strawberry.field(
        default=None, description="Only areas below this one."
    )

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the area filter."""
        return {
            "levels": _values(self.levels),
            "namePrefix": self.name_prefix,
            "area": key_of(self.within, "Area"),
        }


@strawberry.input(description="Narrow a list of issues.")
class IssueFilter:
    states: list[IssueState] | None = None
    channels: list[Channel] | None = None
    reported_from: dt.datetime | None = strawberry.field(
        default=None, description="Reported at or after this instant."
    )
    reported_to: dt.datetime | None = strawberry.field(
        default=None, description="Reported before this instant."
    )
    title_prefix: str | None = None
    category: relay.GlobalID | None = strawberry.field(
        default=None, description="In this category or one below it."
    )
    area: relay.GlobalID | None = strawberry.field(
        default=None, description="Located in this area or one below it."
    )
    organization: relay.GlobalID | None = strawberry.field(
        default=None, description="Assigned to this organization."
    )

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the issue filter."""
        return {
            "states": _values(self.states),
            "channels": _values(self.channels),
            "from": _instant("reportedFrom", self.reported_from),
            "to": _instant("reportedTo", self.reported_to),
            "titlePrefix": self.title_prefix,
            "category": key_of(self.category, "Category"),
            "area": key_of(self.area, "Area"),
            "organization": key_of(self.organization, "Organization"),
        }


@strawberry.input(description="Narrow a list of projects.")
class ProjectFilter:
    kinds: list[ProjectKind] | None = None
    statuses: list[ProjectStatus] | None = None
    name_prefix: str | None = None
    started_from: dt.date | None = None
    started_to: dt.date | None = None

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the project filter."""
        return {
            "kinds": _values(self.kinds),
            "statuses": _values(self.statuses),
            "namePrefix": self.name_prefix,
            "from": self.started_from,
            "to": self.started_to,
        }


@strawberry.input(description="Narrow a list of meetings.")
class MeetingFilter:
    kinds: list[MeetingKind] | None = None
    held_from: dt.date | None = None
    held_to: dt.date | None = None
    title_prefix: str | None = None

    def params(self) -> dict[str, Any]:
        """Cypher parameters for the meeting filter."""
        return {
            "kinds": _values(self.kinds),
            "from": self.held_from,
            "to": self.held_to,
            "titlePrefix": self.title_prefix,
        }


def params_of(
    filter: OrganizationFilter
    | PersonFilter
    | AreaFilter
    | IssueFilter
    | ProjectFilter
    | MeetingFilter
    | None,
) -> dict[str, Any]:
    """Cypher parameters of a filter input; none when no filter was given."""
    return filter.params() if filter is not None else {}


def _instant(name: str, value: dt.datetime | None) -> dt.datetime | None:
    # Issues store zoned datetimes; Neo4j compares a local (offset-less) one with them as null,
    # which would silently match nothing.
    if value is not None and value.utcoffset() is None:
        raise BadUserInput(f"{name} needs a UTC offset, e.g. 2024-03-01T08:00:00+08:00", field=name)
    return value


def _values(items: list[Any] | None) -> list[str] | None:
    # An empty list would match nothing; treat it like no filter, as clients expect.
    return [item.value for item in items] if items else None
