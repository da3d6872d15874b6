"""People: happiness observers, coordinators and contacts."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date

from demo import keys
from demo.organizations import (
    CENTER_DEPARTMENTS,
    GOV_DEPARTMENTS,
    OTHER_DIRECT_UNITS,
    SERVICE_COMPANIES,
)
from demo.places import COMMUNITIES, STREETS, UNOBSERVED_COMMUNITY
from demo.world import World
from graph.model import Label, PersonRole, Rel


def person(w: World, slug: str, roles: Iterable[PersonRole], title: str | None = None) -> str:
    """Add a person with the next generated name."""
    return w.b.node(Label.PERSON, slug, name=w.names(), roles=[r.value for r in roles], title=title)


def build(w: World) -> None:
    """Add the observers, the coordinators and the contacts."""
    b = w.b
    rng = random.Random(303)
    for community in COMMUNITIES:
        if community.slug == UNOBSERVED_COMMUNITY:
            continue
        roles = [PersonRole.OBSERVER, PersonRole.RESIDENT]
        if rng.random() < 0.4:
            roles.append(PersonRole.PARTY_MEMBER)
        observer = b.node(
            Label.PERSON,
            f"observer-{community.slug}",
            name=w.names(),
            roles=[r.value for r in roles],
            title="幸福观察员",
            appointedOn=date(2023, 3, rng.randint(1, 20)),
        )
        community_key = keys.community(community.slug)
        b.link(Rel.OBSERVES, observer, community_key, since=date(2023, 3, 21))
        w.observer_of[community_key] = observer

    coordination = keys.org("regional-coordination")
    staff_roles = (PersonRole.COORDINATOR, PersonRole.STAFF, PersonRole.PARTY_MEMBER)
    for street in STREETS:
        coordinator = person(w, f"coordinator-{street.slug}", staff_roles, f"{street.name}协调员")
        b.link(Rel.MEMBER_OF, coordinator, coordination, role="MEMBER")
        w.coordinator_of[keys.area(street.slug)] = coordinator
    # The demolished community is looked after by the project department that ran its renovation.
    caretaker = person(
        w,
        f"coordinator-{UNOBSERVED_COMMUNITY}",
        (PersonRole.COORDINATOR, PersonRole.STAFF),
        "颐园小区联络员",
    )
    b.link(Rel.MEMBER_OF, caretaker, keys.org("wenhui-residents"), role="MEMBER")
    b.link(Rel.OBSERVES, caretaker, keys.community(UNOBSERVED_COMMUNITY), since=date(2022, 2, 15))

    contacts = [f"property-{s.slug}" for s in STREETS]
    contacts += [c.slug for c in (*SERVICE_COMPANIES, *GOV_DEPARTMENTS, *OTHER_DIRECT_UNITS)]
    contacts += [c.slug for c in CENTER_DEPARTMENTS]
    for slug in contacts:
        contact = person(w, f"contact-{slug}", (PersonRole.STAFF,), "联络员")
        b.link(Rel.MEMBER_OF, contact, keys.org(slug), role="CONTACT")
