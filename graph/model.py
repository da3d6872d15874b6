"""The graph's vocabulary: node labels, relationship types and the enums stored on them."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """Node labels; every node carries a unique English `key`."""

    ORGANIZATION = "Organization"
    PERSON = "Person"
    AREA = "Area"
    COMMUNITY = "Community"
    CATEGORY = "Category"
    ISSUE = "Issue"
    ISSUE_EVENT = "IssueEvent"
    ROUTING_RULE = "RoutingRule"
    WHISTLE = "Whistle"
    MEETING = "Meeting"
    VISIT = "Visit"
    VISIT_GROUP = "VisitGroup"
    PROJECT = "Project"
    SITE = "Site"
    STATION = "Station"
    OBSERVATION = "Observation"
    SEQUENCE = "Sequence"
    INTAKE_LINK = "IntakeLink"
    SUGGESTION = "Suggestion"
    MOVE = "Move"
    MILESTONE = "Milestone"
    DECISION = "Decision"
    CHANGE = "Change"


class Rel(StrEnum):
    """Relationship types."""

    PART_OF = "PART_OF"
    MEMBER_OF = "MEMBER_OF"
    OBSERVES = "OBSERVES"
    REPORTED = "REPORTED"
    IN_CATEGORY = "IN_CATEGORY"
    LOCATED_IN = "LOCATED_IN"
    ASSIGNED_TO = "ASSIGNED_TO"
    HAS_EVENT = "HAS_EVENT"
    FOR_CATEGORY = "FOR_CATEGORY"
    FOR_AREA = "FOR_AREA"
    LEAD = "LEAD"
    ASSIST = "ASSIST"
    ESCALATE = "ESCALATE"
    SUMMONS = "SUMMONS"
    ATTENDED_BY = "ATTENDED_BY"
    RESOLVED = "RESOLVED"
    ABOUT = "ABOUT"
    LED_BY = "LED_BY"
    OWNED_BY = "OWNED_BY"
    STATIONED_AT = "STATIONED_AT"
    CONDUCTED_BY = "CONDUCTED_BY"
    VISITED = "VISITED"
    RAISED_DURING = "RAISED_DURING"
    AFFECTS = "AFFECTS"
    DUPLICATE_OF = "DUPLICATE_OF"
    FOR = "FOR"
    # Field work: meetings' decisions, suggestions, relocation moves and milestones.
    DECIDED = "DECIDED"
    ADVANCES = "ADVANCES"
    FOLLOWED_UP_BY = "FOLLOWED_UP_BY"
    PROPOSED_BY = "PROPOSED_BY"
    SUBMITTED_TO = "SUBMITTED_TO"
    TRACKED_AS = "TRACKED_AS"
    BENEFITS = "BENEFITS"
    HAS_MOVE = "HAS_MOVE"
    MOVES = "MOVES"
    FROM_SITE = "FROM_SITE"
    TO_SITE = "TO_SITE"
    HAS_MILESTONE = "HAS_MILESTONE"


class OrgKind(StrEnum):
    """What an organization is."""

    CENTER = "CENTER"
    DEPARTMENT = "DEPARTMENT"
    PARTY_COMMITTEE = "PARTY_COMMITTEE"
    DIRECT_UNIT = "DIRECT_UNIT"
    OIL_GAS_UNIT = "OIL_GAS_UNIT"
    SERVICE_COMPANY = "SERVICE_COMPANY"
    GOVERNMENT = "GOVERNMENT"
    GOV_DEPARTMENT = "GOV_DEPARTMENT"
    REGIONAL_UNIT = "REGIONAL_UNIT"
    SCHOOL = "SCHOOL"
    HOSPITAL = "HOSPITAL"
    LABOR_TEAM = "LABOR_TEAM"
    ENTERPRISE = "ENTERPRISE"


class PersonRole(StrEnum):
    """Roles a person plays; a person may hold several."""

    OBSERVER = "OBSERVER"
    COORDINATOR = "COORDINATOR"
    STAFF = "STAFF"
    RESIDENT = "RESIDENT"
    PARTY_MEMBER = "PARTY_MEMBER"


class AreaLevel(StrEnum):
    """Where an area sits in the area tree."""

    DISTRICT = "DISTRICT"
    STREET = "STREET"
    COMMUNITY = "COMMUNITY"
    COMPOUND = "COMPOUND"


class IssueState(StrEnum):
    """States of the issue lifecycle."""

    RECEIVED = "RECEIVED"
    VERIFYING = "VERIFYING"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    IN_PROGRESS = "IN_PROGRESS"
    ESCALATED = "ESCALATED"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"
    RETURNED = "RETURNED"
    REOPENED = "REOPENED"
    REJECTED = "REJECTED"
    DUPLICATE = "DUPLICATE"
    REFERRED_OUT = "REFERRED_OUT"


class Channel(StrEnum):
    """How an issue reached the center."""

    QR_CODE = "QR_CODE"
    PHONE = "PHONE"
    ON_SITE = "ON_SITE"
    SUGGESTION_BOX = "SUGGESTION_BOX"
    VISIT = "VISIT"
    OBSERVER = "OBSERVER"
    HOTLINE = "HOTLINE"


class ProjectKind(StrEnum):
    """What a project is."""

    LIVELIHOOD = "LIVELIHOOD"
    RELOCATION = "RELOCATION"
    RENOVATION = "RENOVATION"
    SERVICE_PROGRAM = "SERVICE_PROGRAM"


class Qualifier(StrEnum):
    """How a figure from a document bounds the true value."""

    EXACT = "EXACT"
    AT_LEAST = "AT_LEAST"
    LESS_THAN = "LESS_THAN"
    APPROX = "APPROX"


class ProjectStatus(StrEnum):
    """Where a project stands."""

    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"


class SiteKind(StrEnum):
    """What a site is."""

    FACTORY_COMPOUND = "FACTORY_COMPOUND"
    NEW_SITE = "NEW_SITE"


class MeetingKind(StrEnum):
    """What a meeting is for."""

    JOINT = "JOINT"
    COORDINATION = "COORDINATION"
    SYMPOSIUM = "SYMPOSIUM"


class VisitStatus(StrEnum):
    """Where a visit stands."""

    PLANNED = "PLANNED"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class MoveStatus(StrEnum):
    """Where one unit's move stands."""

    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    BLOCKED = "BLOCKED"


class SuggestionStatus(StrEnum):
    """Where a suggestion (合理化建议) stands."""

    COLLECTED = "COLLECTED"
    ADOPTED = "ADOPTED"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"


# Every label gets a uniqueness constraint on `key`; Community nodes are Area nodes too.
KEYED_LABELS: tuple[Label, ...] = tuple(Label)
