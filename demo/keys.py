"""Node keys: an English prefix per label, then a slug."""

from __future__ import annotations

from typing import NamedTuple

from graph.model import Label

_PREFIX: dict[Label, str] = {
    Label.ORGANIZATION: "org",
    Label.PERSON: "person",
    Label.AREA: "area",
    Label.COMMUNITY: "community",
    Label.CATEGORY: "category",
    Label.ISSUE: "issue",
    Label.ISSUE_EVENT: "event",
    Label.ROUTING_RULE: "rule",
    Label.WHISTLE: "whistle",
    Label.MEETING: "meeting",
    Label.VISIT: "visit",
    Label.VISIT_GROUP: "visit-group",
    Label.PROJECT: "project",
    Label.MOVE: "move",
    Label.MILESTONE: "milestone",
    Label.SITE: "site",
    Label.STATION: "station",
    Label.OBSERVATION: "observation",
    Label.DECISION: "decision",
    Label.SUGGESTION: "suggestion",
}


class Named(NamedTuple):
    """A slug and the Chinese name it stands for."""

    slug: str
    name: str


def of(label: Label, slug: str) -> str:
    """The stable key of a node: an English prefix per label, then a slug."""
    return f"{_PREFIX[label]}/{slug}"


def org(slug: str) -> str:
    """The key of an organization."""
    return of(Label.ORGANIZATION, slug)


def category(slug: str) -> str:
    """The key of a category."""
    return of(Label.CATEGORY, slug)


def area(slug: str) -> str:
    """The key of the district or a 片区."""
    return of(Label.AREA, slug)


def community(slug: str) -> str:
    """The key of a community."""
    return of(Label.COMMUNITY, slug)
