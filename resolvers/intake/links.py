"""Intake links for admins: create one for a place, revoke one."""

from __future__ import annotations

import datetime as dt

from graph.cypher.intake import CREATE_INTAKE_LINK, REVOKE_INTAKE_LINK
from graph.store import Neo4jStore
from graph.zone import stamp
from resolvers.access.principal import Action, Principal
from resolvers.clock import Clock, local_now
from resolvers.errors import BadUserInput, NotFound
from resolvers.intake.codes import new_link_key

MAX_LABEL = 50


async def create_link(
    store: Neo4jStore,
    principal: Principal,
    place: str,
    label: str | None = None,
    expires_on: dt.date | None = None,
    clock: Clock = local_now,
) -> str:
    """A new link for residents to report at `place` (an Area or Organization); its key."""
    principal.require(Action.MANAGE_INTAKE)
    label = label.strip() or None if label is not None else None
    if label is not None and len(label) > MAX_LABEL:
        raise BadUserInput(f"label is longer than {MAX_LABEL} characters", field="label")
    now = clock()
    if expires_on is not None and expires_on < now.date():
        raise BadUserInput("expiresOn is in the past", field="expiresOn")
    key = new_link_key()
    rows = await store.execute(
        CREATE_INTAKE_LINK,
        key=key,
        place=place,
        label=label,
        at=stamp(now),
        actor=principal.sub,
        expiresOn=expires_on.isoformat() if expires_on is not None else None,
    )
    if not rows:
        raise BadUserInput(f"no Area or Organization with key {place!r}", field="place")
    if not rows[0]["created"]:
        raise BadUserInput(
            f"{place!r} lies in no area, so its reports could not be located: give the "
            "organization (or one above it) an area first",
            field="place",
        )
    return key


async def revoke_link(
    store: Neo4jStore, principal: Principal, key: str, clock: Clock = local_now
) -> str:
    """Revoke a link: its code is refused from now on. Revoking it again changes nothing."""
    principal.require(Action.MANAGE_INTAKE)
    rows = await store.execute(REVOKE_INTAKE_LINK, key=key, at=stamp(clock()))
    if not rows:
        raise NotFound(f"no intake link with key {key!r}", key=key)
    return key
