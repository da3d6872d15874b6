"""Reference-data mutations: upserts by stable key, so re-running an import never duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import (
    AreaLevel,
    Label,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Rel,
    SiteKind,
)
from graph.store import Link
from resolvers.access.principal import Action
from resolvers.errors import BadUserInput
from resolvers.reference import link, upsert
from schema.area import Area, Category
from schema.context import Context
from schema.issue import RoutingRule
from schema.node import Keyed, key_of
from schema.organization import Organization, Person
from schema.payload import UpsertPayload, UserError
from schema.project import Project, Site

T = TypeVar("T", bound=Keyed)


@strawberry.input(description="An organization, by its stable key.")
class OrganizationInput:
    key: str
    name: str
    kind: OrgKind
    parent: relay.GlobalID | None = None
    area: relay.GlobalID | None = None


@strawberry.input(description="A person, by stable key.")
class PersonInput:
    key: str
    name: str
    roles: list[PersonRole] = strawberry.field(default_factory=list)
    title: str | None = None
    organizations: list[relay.GlobalID] | None = None
    observes: list[relay.GlobalID] | None = None


@strawberry.input(description="An area; level COMMUNITY makes it one of the communities.")
class AreaInput:
    key: str
    name: str
    level: AreaLevel
    parent: relay.GlobalID | None = None
    lat: float | None = None
    lon: float | None = None
    households: int | None = None


@strawberry.input(description="An issue category.")
class CategoryInput:
    key: str
    name: str
    parent: relay.GlobalID | None = None


@strawberry.input(description="One level of an escalation chain.")
class EscalationInput:
    organization: relay.GlobalID
    level: int
    after_hours: int


@strawberry.input(description="A routing rule: category × area → lead, assistants, escalation.")
class RoutingRuleInput:
    key: str
    name: str
    categories: list[relay.GlobalID]
    areas: list[relay.GlobalID]
    lead: relay.GlobalID
    priority: int = 0
    response_hours: int = 24
    resolve_days: int = 7
    feedback_days: int = 15
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    assists: list[relay.GlobalID] | None = None
    escalations: list[EscalationInput] | None = None


@strawberry.input(description="A project.")
class ProjectInput:
    key: str
    name: str
    kind: ProjectKind
    status: ProjectStatus = ProjectStatus.PLANNED
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    people_served: int | None = None
    led_by: relay.GlobalID | None = None
    area: relay.GlobalID | None = None
    affects: list[relay.GlobalID] | None = None


@strawberry.input(description="A site: a compound or a new site.")
class SiteInput:
    key: str
    name: str
    kind: SiteKind
    lat: float | None = None
    lon: float | None = None
    land_mu: float | None = None
    owner: relay.GlobalID | None = None
    area: relay.GlobalID | None = None


@strawberry.type
class ReferenceMutation:
    @strawberry.mutation(description="Create or update an organization by key.")
    async def upsert_organization(
        self, info: Info[Context, None], input: OrganizationInput
    ) -> UpsertPayload[Organization]:
        return await _upsert(info, Organization, lambda: _organization(info, input))

    @strawberry.mutation(description="Create or update a person by key.")
    async def upsert_person(
        self, info: Info[Context, None], input: PersonInput
    ) -> UpsertPayload[Person]:
        return await _upsert(info, Person, lambda: _person(info, input))

    @strawberry.mutation(description="Create or update an area by key.")
    async def upsert_area(self, info: Info[Context, None], input: AreaInput) -> UpsertPayload[Area]:
        return await _upsert(info, Area, lambda: _area(info, input))

    @strawberry.mutation(description="Create or update a category by key.")
    async def upsert_category(
        self, info: Info[Context, None], input: CategoryInput
    ) -> UpsertPayload[Category]:
        return await _upsert(info, Category, lambda: _category(info, input))

    @strawberry.mutation(description="Create or update a routing rule by key.")
    async def upsert_routing_rule(
        self, info: Info[Context, None], input: RoutingRuleInput
    ) -> UpsertPayload[RoutingRule]:
        return await _upsert(info, RoutingRule, lambda: _rule(info, input))

    @strawberry.mutation(description="Create or update a project by key.")
    async def upsert_project(
        self, info: Info[Context, None], input: ProjectInput
    ) -> UpsertPayload[Project]:
        return await _upsert(info, Project, lambda: _project(info, input))

    @strawberry.mutation(description="Create or update a site by key.")
    async def upsert_site(self, info: Info[Context, None], input: SiteInput) -> UpsertPayload[Site]:
        return await _upsert(info, Site, lambda: _site(info, input))


async def _upsert(
    info: Info[Context, None], cls: type[T], write: Callable[[], Awaitable[str]]
) -> UpsertPayload[T]:
    info.context.principal.require(Action.UPSERT)
    try:
        key = await write()
    except BadUserInput as error:
        return UpsertPayload(node=None, user_errors=[UserError.of(error)])
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(cls.LABEL).load(key)
    return UpsertPayload(node=cls.from_row(row) if row else None, user_errors=[])


def _keys(ids: list[relay.GlobalID] | None, type_name: str, field: str) -> list[str] | None:
    if ids is None:
        return None
    keys = (key_of(gid, type_name, field=field) for gid in ids)
    return [key for key in keys if key is not None]


def _one(gid: relay.GlobalID | None, type_name: str, field: str) -> list[str] | None:
    key = key_of(gid, type_name, field=field)
    return [key] if key is not None else None


def _check(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise BadUserInput(message, field=field)


async def _organization(info: Info[Context, None], input: OrganizationInput) -> str:
    props = {"key": input.key, "name": input.name, "kind": input.kind.value}
    links = [
        *link(Rel.PART_OF, Label.ORGANIZATION, _one(input.parent, "Organization", "parent")),
        *link(Rel.LOCATED_IN, Label.AREA, _one(input.area, "Area", "area")),
    ]
    _check(
        input.parent is None or _one(input.parent, "Organization", "parent") != [input.key],
        "parent",
        "an organization cannot be its own parent",
    )
    return await upsert(info.context.store, Label.ORGANIZATION, props, links)


async def _person(info: Info[Context, None], input: PersonInput) -> str:
    props = {
        "key": input.key,
        "name": input.name,
        "roles": [role.value for role in input.roles],
        "title": input.title,
    }
    links = [
        *link(
            Rel.MEMBER_OF,
            Label.ORGANIZATION,
            _keys(input.organizations, "Organization", "organizations"),
        ),
        *link(Rel.OBSERVES, Label.AREA, _keys(input.observes, "Area", "observes")),
    ]
    return await upsert(info.context.store, Label.PERSON, props, links)


async def _area(info: Info[Context, None], input: AreaInput) -> str:
    _check(input.lat is None or -90 <= input.lat <= 90, "lat", "lat must be within ±90")
    _check(input.lon is None or -180 <= input.lon <= 180, "lon", "lon must be within ±180")
    _check(input.households is None or input.households >= 0, "households", "must be ≥ 0")
    props: dict[str, Any] = {
        "key": input.key,
        "name": input.name,
        "level": input.level.value,
        "lat": input.lat,
        "lon": input.lon,
        "households": input.households,
    }
    label = Label.COMMUNITY if input.level is AreaLevel.COMMUNITY else Label.AREA
    links = link(Rel.PART_OF, Label.AREA, _one(input.parent, "Area", "parent"))
    return await upsert(info.context.store, label, props, links)


async def _category(info: Info[Context, None], input: CategoryInput) -> str:
    props = {"key": input.key, "name": input.name}
    links = link(Rel.PART_OF, Label.CATEGORY, _one(input.parent, "Category", "parent"))
    return await upsert(info.context.store, Label.CATEGORY, props, links)


async def _rule(info: Info[Context, None], input: RoutingRuleInput) -> str:
    _check(bool(input.categories), "categories", "name at least one category")
    _check(bool(input.areas), "areas", "name at least one area")
    for name in ("priority", "response_hours", "resolve_days", "feedback_days"):
        _check(getattr(input, name) >= 0, name, f"{name} must be ≥ 0")
    _check(
        input.valid_from is None or input.valid_to is None or input.valid_from <= input.valid_to,
        "validTo",
        "validTo is before validFrom",
    )
    props = {
        "key": input.key,
        "name": input.name,
        "priority": input.priority,
        "responseHours": input.response_hours,
        "resolveDays": input.resolve_days,
        "feedbackDays": input.feedback_days,
        "validFrom": input.valid_from,
        "validTo": input.valid_to,
    }
    escalations = [
        (
            key_of(step.organization, "Organization") or "",
            {
                "level": step.level,
                "afterHours": step.after_hours,
            },
        )
        for step in input.escalations or []
    ]
    links = [
        *link(Rel.FOR_CATEGORY, Label.CATEGORY, _keys(input.categories, "Category", "categories")),
        *link(Rel.FOR_AREA, Label.AREA, _keys(input.areas, "Area", "areas")),
        *link(Rel.LEAD, Label.ORGANIZATION, _one(input.lead, "Organization", "lead")),
        *link(Rel.ASSIST, Label.ORGANIZATION, _keys(input.assists, "Organization", "assists")),
    ]
    if input.escalations is not None:
        links.append(Link(Rel.ESCALATE, Label.ORGANIZATION, escalations))
    return await upsert(info.context.store, Label.ROUTING_RULE, props, links)


async def _project(info: Info[Context, None], input: ProjectInput) -> str:
    _check(
        input.start_date is None or input.end_date is None or input.start_date <= input.end_date,
        "endDate",
        "endDate is before startDate",
    )
    _check(input.people_served is None or input.people_served >= 0, "peopleServed", "must be ≥ 0")
    props = {
        "key": input.key,
        "name": input.name,
        "kind": input.kind.value,
        "status": input.status.value,
        "startDate": input.start_date,
        "endDate": input.end_date,
        "peopleServed": input.people_served,
    }
    links = [
        *link(Rel.LED_BY, Label.ORGANIZATION, _one(input.led_by, "Organization", "ledBy")),
        *link(Rel.LOCATED_IN, Label.AREA, _one(input.area, "Area", "area")),
        *link(Rel.AFFECTS, Label.AREA, _keys(input.affects, "Area", "affects")),
    ]
    return await upsert(info.context.store, Label.PROJECT, props, links)


async def _site(info: Info[Context, None], input: SiteInput) -> str:
    _check(input.lat is None or -90 <= input.lat <= 90, "lat", "lat must be within ±90")
    _check(input.lon is None or -180 <= input.lon <= 180, "lon", "lon must be within ±180")
    _check(input.land_mu is None or input.land_mu >= 0, "landMu", "landMu must be ≥ 0")
    props = {
        "key": input.key,
        "name": input.name,
        "kind": input.kind.value,
        "lat": input.lat,
        "lon": input.lon,
        "landMu": input.land_mu,
    }
    links = [
        *link(Rel.OWNED_BY, Label.ORGANIZATION, _one(input.owner, "Organization", "owner")),
        *link(Rel.LOCATED_IN, Label.AREA, _one(input.area, "Area", "area")),
    ]
    return await upsert(info.context.store, Label.SITE, props, links)
