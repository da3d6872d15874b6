"""The access rules in Python: actions per role, the issue row rule, masking, the viewer map."""

from __future__ import annotations

import pytest

from resolvers.access.principal import (
    ALLOWED,
    SYSTEM,
    Action,
    IssueFacts,
    Principal,
    Role,
    mask_name,
)
from resolvers.errors import Forbidden

LEAD = "org/lead"
PARENT = "org/parent"
SUMMONED = "org/summoned"
OTHER = "org/other"
WATCHER = "person/watcher"
REPORTER = "person/reporter"

# An issue assigned to LEAD (PARENT is above it), SUMMONED by a whistle, in WATCHER's community.
FACTS = IssueFacts(
    organizations=(LEAD, PARENT), summoned=(SUMMONED,), observers=(WATCHER,), reporter=REPORTER
)


@pytest.mark.parametrize(
    ("principal", "sees"),
    [
        (Principal("person/admin", Role.ADMIN), True),
        (SYSTEM, True),
        (Principal("person/c", Role.COORDINATOR, LEAD), True),
        (Principal("person/c", Role.COORDINATOR, PARENT), True),
        (Principal("person/c", Role.COORDINATOR, SUMMONED), True),
        (Principal("person/c", Role.COORDINATOR, OTHER), False),
        (Principal("person/c", Role.COORDINATOR, OTHER, center=True), True),
        (Principal("person/c", Role.COORDINATOR, None), False),
        (Principal(WATCHER, Role.OBSERVER), True),
        (Principal(REPORTER, Role.OBSERVER), True),
        (Principal("person/stranger", Role.OBSERVER), False),
        (Principal("person/v", Role.VIEWER), False),
        # The reporter's own token as a VIEWER still sees no individual issue.
        (Principal(REPORTER, Role.VIEWER), False),
    ],
    ids=[
        "admin",
        "system",
        "lead",
        "above-lead",
        "summoned",
        "other-org",
        "center",
        "no-org",
        "observer",
        "reporter",
        "stranger",
        "viewer",
        "viewer-reporter",
    ],
)
def test_the_issue_row_rule(principal: Principal, sees: bool) -> None:
    assert principal.sees_issue(FACTS) is sees


def test_an_issue_with_no_known_facts_is_seen_by_admins_and_centers_only() -> None:
    nothing = IssueFacts()
    seers = [
        Principal("a", Role.ADMIN),
        Principal("c", Role.COORDINATOR, OTHER, center=True),
    ]
    blind = [
        Principal("c", Role.COORDINATOR, OTHER),
        Principal("o", Role.OBSERVER),
        Principal("v", Role.VIEWER),
    ]
    assert all(p.sees_issue(nothing) for p in seers)
    assert not any(p.sees_issue(nothing) for p in blind)


def test_being_a_center_widens_only_a_coordinator() -> None:
    # A stray center flag on an observer or viewer must not open every issue to them.
    assert not Principal("person/o", Role.OBSERVER, center=True).sees_issue(FACTS)
    assert not Principal("person/v", Role.VIEWER, center=True).sees_issue(FACTS)


@pytest.mark.parametrize(
    ("role", "actions"),
    [
        (Role.ADMIN, set(Action)),
        (
            Role.COORDINATOR,
            {
                Action.READ_ISSUES,
                Action.REPORT,
                Action.HANDLE,
                Action.RATE,
                Action.RECORD_VISITS,
                Action.RECORD_MEETINGS,
                Action.RECORD_SUGGESTIONS,
                Action.READ_CHANGES,
            },
        ),
        (Role.OBSERVER, {Action.READ_ISSUES, Action.REPORT, Action.RATE}),
        (Role.PLANNER, {Action.PLAN_PROJECTS}),
        (Role.VIEWER, set()),
    ],
)
def test_each_role_may_take_exactly_its_actions(role: Role, actions: set[Action]) -> None:
    principal = Principal("someone", role, "org/x" if role is Role.COORDINATOR else None)
    assert {action for action in Action if principal.may(action)} == actions


def test_every_action_has_a_rule() -> None:
    assert set(ALLOWED) == set(Action)


def test_require_refuses_with_the_roles_that_may() -> None:
    Principal("a", Role.ADMIN).require(Action.IMPORT)
    with pytest.raises(Forbidden, match="a OBSERVER may not handle issues") as refused:
        Principal("o", Role.OBSERVER).require(Action.HANDLE)
    assert refused.value.code == "FORBIDDEN"
    assert refused.value.details["allowedRoles"] == ["ADMIN", "COORDINATOR"]


@pytest.mark.parametrize(
    ("principal", "viewer"),
    [
        (Principal("a", Role.ADMIN), {"role": "ADMIN", "org": None, "person": "a"}),
        (
            Principal("c", Role.COORDINATOR, LEAD),
            {"role": "COORDINATOR", "org": LEAD, "person": "c"},
        ),
        (
            Principal("c", Role.COORDINATOR, LEAD, center=True),
            {"role": "CENTER", "org": LEAD, "person": "c"},
        ),
        (
            Principal("o", Role.OBSERVER, center=True),
            {"role": "OBSERVER", "org": None, "person": "o"},
        ),
    ],
    ids=["admin", "coordinator", "center", "observer"],
)
def test_the_viewer_map_the_cypher_predicates_read(
    principal: Principal, viewer: dict[str, str | None]
) -> None:
    assert principal.viewer == viewer


def test_the_center_flag_does_not_make_two_principals_differ() -> None:
    # It is read at connect time, not part of who the token names.
    assert Principal("c", Role.COORDINATOR, LEAD, center=True) == Principal(
        "c", Role.COORDINATOR, LEAD
    )


@pytest.mark.parametrize(
    ("name", "masked"),
    [("王芳", "王*"), ("欧阳娜娜", "欧***"), ("李", "李"), ("", ""), ("Ann", "A**")],
)
def test_a_masked_name_keeps_its_first_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked
    assert len(mask_name(name)) == len(name)
