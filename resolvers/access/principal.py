"""Who may see and do what: the four roles, the acting principal, and every rule in one place.

Row rules (which issues and people a role sees, whose phone numbers are shown whole) are
Cypher predicates in `graph.cypher.access`, fed the principal's `viewer` map, so
that rows are filtered where they are read. The same rules for one issue's known facts live
here in Python for the subscription poller, which filters events it has already read.

| Role        | Issues it sees                                        | Actions                    |
|-------------|-------------------------------------------------------|----------------------------|
| ADMIN       | all                                                   | all, reference upserts too |
| COORDINATOR | assigned to its organization (or one under it), or    | report, handle (lifecycle) |
|             | its organization was summoned for; a CENTER's: all    | issues it sees             |
| OBSERVER    | in the communities it observes, or that it reported   | report, rate               |
| PLANNER     | none, as a VIEWER                                     | plan projects' moves       |
| VIEWER      | none: aggregates and public reference data only       | none                       |

Field work is recorded by ADMINs and COORDINATORs; which coordinators (a center's, a visit
group's members) is the recording service's row check on top of the role.

Residents' names and phone numbers are masked for everyone but ADMIN, the resident, and a
COORDINATOR whose organization handles an issue the resident reported; VIEWER does not see
residents at all.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from resolvers.errors import Forbidden


class Role(StrEnum):
    """What a token's holder is, from widest access to narrowest."""

    ADMIN = "ADMIN"
    COORDINATOR = "COORDINATOR"
    OBSERVER = "OBSERVER"
    PLANNER = "PLANNER"
    VIEWER = "VIEWER"


class Action(StrEnum):
    """Things a principal may be allowed to do."""

    READ_ISSUES = "list individual issues"
    REPORT = "report issues"
    HANDLE = "handle issues"
    RATE = "rate issues"
    UPSERT = "change reference data"
    IMPORT = "import ledgers"
    MANAGE_INTAKE = "manage residents' intake links"
    RECORD_VISITS = "plan and record visits"
    RECORD_MEETINGS = "record meetings and their decisions"
    PLAN_PROJECTS = "plan projects' moves and milestones"
    RECORD_SUGGESTIONS = "record suggestions"
    READ_CHANGES = "read the audit of changes"


# The row rules' name for a center's coordinator, who reads rows as an admin does.
CENTER = "CENTER"

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ_ISSUES: frozenset({Role.ADMIN, Role.COORDINATOR, Role.OBSERVER}),
    Action.REPORT: frozenset({Role.ADMIN, Role.COORDINATOR, Role.OBSERVER}),
    Action.HANDLE: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.RATE: frozenset({Role.ADMIN, Role.COORDINATOR, Role.OBSERVER}),
    Action.UPSERT: frozenset({Role.ADMIN}),
    Action.IMPORT: frozenset({Role.ADMIN}),
    Action.MANAGE_INTAKE: frozenset({Role.ADMIN}),
    Action.RECORD_VISITS: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.RECORD_MEETINGS: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.PLAN_PROJECTS: frozenset({Role.ADMIN, Role.PLANNER}),
    Action.RECORD_SUGGESTIONS: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.READ_CHANGES: frozenset({Role.ADMIN, Role.COORDINATOR}),
}


@dataclass(frozen=True)
class IssueFacts:
    """What the poller knows about an event's issue, enough to apply the row rules."""

    # Assigned organizations and every organization above them.
    organizations: Collection[str] = ()
    summoned: Collection[str] = ()
    observers: Collection[str] = ()
    reporter: str | None = None


@dataclass(frozen=True)
class Principal:
    """Who acts: the token's subject (a person or service key), role and organization."""

    sub: str
    role: Role
    org: str | None = None
    # Whether `org` is a CENTER, whose coordinators dispatch every issue; read at connect.
    center: bool = field(default=False, compare=False)

    @property
    def viewer(self) -> dict[str, str | None]:
        """The `$viewer` map every access predicate in Cypher reads."""
        # A center's coordinators see every issue and resident whole: no predicates to run.
        role = CENTER if self.center and self.role is Role.COORDINATOR else self.role.value
        # A planner reads rows as a VIEWER does: projects and places, no issues, no residents.
        if self.role is Role.PLANNER:
            role = Role.VIEWER.value
        return {"role": role, "org": self.org, "person": self.sub}

    @property
    def public_only(self) -> bool:
        """Whether the principal reads only public rows: no issues and no private residents."""
        return self.role in (Role.VIEWER, Role.PLANNER)

    def may(self, action: Action) -> bool:
        """Whether the role allows the action at all."""
        return self.role in ALLOWED[action]

    def require(self, action: Action) -> None:
        """Raise FORBIDDEN unless the role allows the action."""
        if not self.may(action):
            allowed = sorted(role.value for role in ALLOWED[action])
            raise Forbidden(
                f"a {self.role.value} may not {action.value}",
                role=self.role.value,
                allowedRoles=allowed,
            )

    def sees_issue(self, facts: IssueFacts) -> bool:
        """The issue row rule, for an issue whose facts are already read."""
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.COORDINATOR:
            return self.center or self.org in facts.organizations or self.org in facts.summoned
        if self.role is Role.OBSERVER:
            return self.sub in facts.observers or self.sub == facts.reporter
        return False


def mask_name(name: str) -> str:
    """A name as the masking rule in Cypher shows it: its first character, then stars."""
    return name[:1] + "*" * (len(name) - 1)


# Scripts, the CLI and the seed act with full access; requests never get this principal.
SYSTEM = Principal("system", Role.ADMIN)
