"""Order inputs of the connections: several sort keys, each a scalar field and a direction."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Protocol

import strawberry

from graph.model import Label
from resolvers.browse import Order
from resolvers.errors import BadUserInput
from schema.enums import OrderDirection

# More keys seldom decide anything and each one lengthens the keyset test of every page.
MAX_SORT_KEYS = 3

_DIRECTION = (
    "ASC unless given. Rows without a value come last ascending and first descending; the key "
    "breaks the remaining ties, in the last sort key's direction."
)


@strawberry.enum(description="What organizations can be sorted by.")
class OrganizationSortField(Enum):
    KEY = "key"
    NAME = "name"
    KIND = "kind"


@strawberry.enum(description="What people can be sorted by; names as the reader is shown them.")
class PersonSortField(Enum):
    KEY = "key"
    NAME = "name"
    TITLE = "title"


@strawberry.enum(description="What areas can be sorted by.")
class AreaSortField(Enum):
    KEY = "key"
    NAME = "name"
    LEVEL = "level"
    POPULATION = "population"


@strawberry.enum(description="What issues can be sorted by.")
class IssueSortField(Enum):
    KEY = "key"
    TITLE = "title"
    STATE = "state"
    CHANNEL = "channel"
    REPORTED_AT = "reportedAt"
    RESOLVED_AT = "resolvedAt"
    RESPOND_BY = "respondBy"
    RESOLVE_BY = "resolveBy"
    SATISFACTION = "satisfaction"
    PEOPLE_AFFECTED = "peopleAffected"


@strawberry.enum(description="What projects can be sorted by.")
class ProjectSortField(Enum):
    KEY = "key"
    NAME = "name"
    KIND = "kind"
    STATUS = "status"
    START_DATE = "startDate"
    END_DATE = "endDate"


@strawberry.enum(description="What meetings can be sorted by.")
class MeetingSortField(Enum):
    KEY = "key"
    TITLE = "title"
    KIND = "kind"
    HELD_ON = "heldOn"


Offset = Annotated[
    int | None,
    strawberry.argument(
        description="Rows to skip before the page, a table's page jump (at most 10000, not "
        "with after/before). Every skipped row is still read: cursors are the cheap way on."
    ),
]

SORT_FIELDS: dict[Label, type[Enum]] = {
    Label.ORGANIZATION: OrganizationSortField,
    Label.PERSON: PersonSortField,
    Label.AREA: AreaSortField,
    Label.ISSUE: IssueSortField,
    Label.PROJECT: ProjectSortField,
    Label.MEETING: MeetingSortField,
}


@strawberry.input(description="One sort key of organizations.")
class OrganizationOrder:
    field: OrganizationSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


@strawberry.input(description="One sort key of people.")
class PersonOrder:
    field: PersonSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


@strawberry.input(description="One sort key of areas.")
class AreaOrder:
    field: AreaSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


@strawberry.input(description="One sort key of issues.")
class IssueOrder:
    field: IssueSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


@strawberry.input(description="One sort key of projects.")
class ProjectOrder:
    field: ProjectSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


@strawberry.input(description="One sort key of meetings.")
class MeetingOrder:
    field: MeetingSortField
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=_DIRECTION)


class SortKey(Protocol):
    """Any of the order inputs: a field and a direction."""

    @property
    def field(self) -> Enum: ...

    @property
    def direction(self) -> OrderDirection: ...


def order_of(keys: Sequence[SortKey] | None, default: Order) -> Order:
    """The domain order for an `orderBy` list, or the default when none is given."""
    if not keys:
        return default
    if len(keys) > MAX_SORT_KEYS:
        raise BadUserInput(
            f"orderBy takes at most {MAX_SORT_KEYS} sort keys, not {len(keys)}; the key always"
            " breaks the remaining ties",
            field="orderBy",
        )
    names = [str(key.field.value) for key in keys]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise BadUserInput(f"orderBy names {', '.join(repeated)} more than once", field="orderBy")
    ascending = [key.direction is OrderDirection.ASC for key in keys]
    sorts = list(zip(names, ascending, strict=True))
    (sort, first_ascending), *then = sorts
    return Order(sort, first_ascending, tuple(then), asked=True)
