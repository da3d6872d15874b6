"""The lifecycle's table of steps: its shape, its inverse, and a resident reporter's details."""

from __future__ import annotations

import pytest

from graph.model import IssueState
from resolvers.errors import BadUserInput
from resolvers.lifecycle import TERMINAL, TRANSITIONS, Resident, allowed_from

S = IssueState


def test_every_state_has_a_row() -> None:
    assert set(TRANSITIONS) == set(IssueState)


def test_the_terminal_states_are_the_four_exits() -> None:
    assert {S.CLOSED, S.REJECTED, S.DUPLICATE, S.REFERRED_OUT} == TERMINAL


def test_every_state_is_reachable_from_received_and_can_reach_an_end() -> None:
    reached, frontier = {S.RECEIVED}, [S.RECEIVED]
    while frontier:
        for target in TRANSITIONS[frontier.pop()] - reached:
            reached.add(target)
            frontier.append(target)
    assert reached == set(IssueState)
    for state in IssueState:
        seen, todo = {state}, [state]
        while todo and not seen & TERMINAL:
            for target in TRANSITIONS[todo.pop()] - seen:
                seen.add(target)
                todo.append(target)
        assert seen & TERMINAL, state


def test_no_state_steps_to_itself_or_back_to_received() -> None:
    for state, targets in TRANSITIONS.items():
        assert state not in targets, state
        assert S.RECEIVED not in targets, state


@pytest.mark.parametrize("target", list(IssueState), ids=lambda state: state.value)
def test_allowed_from_is_the_inverse_of_the_table(target: IssueState) -> None:
    expected = {source for source in IssueState if target in TRANSITIONS[source]}
    assert allowed_from(target) == expected


@pytest.mark.parametrize(
    ("target", "sources"),
    [
        (S.RECEIVED, set()),
        (S.DISPATCHED, {S.VERIFYING, S.RETURNED}),
        (S.IN_PROGRESS, {S.ACCEPTED, S.ESCALATED, S.REOPENED}),
        (S.RESOLVED, {S.RECEIVED, S.IN_PROGRESS}),
        (S.CLOSED, {S.RESOLVED}),
        (S.DUPLICATE, {S.RECEIVED, S.VERIFYING}),
    ],
)
def test_the_ways_into_a_state(target: IssueState, sources: set[IssueState]) -> None:
    assert allowed_from(target) == sources


@pytest.mark.parametrize(
    ("phone", "kept"),
    [
        ("13800000000", "13800000000"),
        ("138 0000 0000", "13800000000"),
        ("(0546) 123-4567", "05461234567"),
        ("+86 138-0000-0000", "+8613800000000"),
    ],
)
def test_a_residents_phone_is_kept_as_digits(phone: str, kept: str) -> None:
    resident = Resident.of("  王芳 ", phone)
    assert resident == Resident("王芳", kept)


@pytest.mark.parametrize(
    ("name", "phone", "field"),
    [
        ("王芳", None, "reporterPhone"),
        ("王芳", "123456", "reporterPhone"),
        ("王芳", "1" * 16, "reporterPhone"),
        ("王芳", "138-0000-000x", "reporterPhone"),
        ("王芳", "++8613800000000", "reporterPhone"),
        (None, "13800000000", "reporterName"),
        ("   ", "13800000000", "reporterName"),
        ("王" * 51, "13800000000", "reporterName"),
    ],
)
def test_a_bad_resident_is_refused_without_repeating_the_number(
    name: str | None, phone: str | None, field: str
) -> None:
    with pytest.raises(BadUserInput) as refused:
        Resident.of(name, phone)
    assert refused.value.details["field"] == field
    if phone:
        assert phone not in refused.value.message
