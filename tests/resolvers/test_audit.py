"""The audit of changes: entries written in the change's own transaction, client keys replayed."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncManagedTransaction

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Principal, Role
from resolvers.audit import Change, prior, record
from resolvers.errors import BadUserInput
from settings import Settings
from tests.support.graphql import client_for, gid, post, run

CLERK = Principal("clerk-1", Role.COORDINATOR, org="center")
OTHER = Principal("clerk-2", Role.COORDINATOR, org="center")
AT = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
VISIT = Change("recordVisit", Label.VISIT, "visit-1", ("visitedOn", "summary"))
CHANGES = "query($of: ID!) { changes(of: $of) { at actor role action fields } }"


async def _record(store: Neo4jStore, who: Principal, change: Change, client_key: str) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await record(tx, who, change, client_key=client_key, at=AT)

    await store.write(work)


async def _prior(store: Neo4jStore, who: Principal, action: str, client_key: str) -> str | None:
    async def work(tx: AsyncManagedTransaction) -> str | None:
        return await prior(tx, who, action, client_key)

    return await store.read(work)


async def test_a_client_key_answers_with_what_its_first_change_made(store: Neo4jStore) -> None:
    assert await _prior(store, CLERK, "recordVisit", "k-1") is None
    await _record(store, CLERK, VISIT, "k-1")
    assert await _prior(store, CLERK, "recordVisit", "k-1") == "visit-1"
    # Another principal's identical string is its own key, not this one.
    assert await _prior(store, OTHER, "recordVisit", "k-1") is None


async def test_a_client_key_reused_for_another_action_is_refused(store: Neo4jStore) -> None:
    await _record(store, CLERK, VISIT, "k-2")
    with pytest.raises(BadUserInput) as refused:
        await _prior(store, CLERK, "recordMeeting", "k-2")
    assert refused.value.details["field"] == "clientKey"


async def test_an_entry_is_rolled_back_with_its_change(store: Neo4jStore) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await record(tx, CLERK, VISIT, client_key="k-3", at=AT)
        raise BadUserInput("the change itself failed")

    with pytest.raises(BadUserInput):
        await store.write(work)
    assert await _prior(store, CLERK, "recordVisit", "k-3") is None


async def test_changes_are_read_by_admins_and_coordinators_only(
    store: Neo4jStore, settings: Settings
) -> None:
    await _record(store, CLERK, VISIT, "k-4")
    await _record(store, OTHER, Change("editVisit", Label.VISIT, "visit-1", ("summary",)), "k-5")
    with client_for(settings) as admin:
        changes = run(admin, CHANGES, of=gid("Visit", "visit-1"))["changes"]
    assert [(c["actor"], c["action"], c["fields"]) for c in changes] == [
        ("clerk-1", "recordVisit", ["visitedOn", "summary"]),
        ("clerk-2", "editVisit", ["summary"]),
    ]
    assert dt.datetime.fromisoformat(changes[0]["at"]) == AT
    for role in (Role.VIEWER, Role.PLANNER, Role.OBSERVER):
        with client_for(settings, role, sub="someone") as client:
            body = post(client, CHANGES, of=gid("Visit", "visit-1"))
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_planner_reads_rows_as_a_viewer() -> None:
    planner = Principal("planner-1", Role.PLANNER)
    assert planner.viewer["role"] == "VIEWER"
    assert planner.public_only and not CLERK.public_only
