"""Whistles (吹哨报到): who is summoned next, and organizations reporting in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.cypher.whistles import NEXT_ESCALATION, REPORT_IN
from graph.records import native
from graph.store import Neo4jStore
from graph.zone import stamp
from resolvers.errors import BadUserInput

# The longest a whistle may give the organizations it summons to report in: 30 days.
MAX_REPORT_HOURS = 24 * 30


@dataclass(frozen=True)
class ReportIn:
    """When a summoned organization reported in, against its deadline."""

    reported_at: dt.datetime
    due_at: dt.datetime | None

    @property
    def late(self) -> bool:
        """Whether it reported in after its deadline."""
        return self.due_at is not None and self.reported_at > self.due_at


def report_by(now: dt.datetime, within_hours: int) -> dt.datetime:
    """When summoned organizations must report in by: `within_hours` (1 to 720) after `now`."""
    if not 1 <= within_hours <= MAX_REPORT_HOURS:
        raise BadUserInput("reportWithinHours must be 1 to 720", field="reportWithinHours")
    return now + dt.timedelta(hours=within_hours)


async def next_in_chain(store: Neo4jStore, issue_key: str) -> list[str]:
    """The organizations at the lowest escalation level no whistle has summoned yet."""
    rows = await store.query(NEXT_ESCALATION, key=issue_key)
    if not rows:
        raise BadUserInput(
            "nobody is left in this issue's escalation chain (or it was not routed by a rule); "
            "name the organizations to summon",
            field="organizations",
        )
    return list(rows[0]["organizations"])


async def report_in(
    store: Neo4jStore, whistle: str, organization: str, at: dt.datetime
) -> ReportIn:
    """Record that a summoned organization reported in (报到); the first report stands."""
    rows = await store.execute(REPORT_IN, whistle=whistle, organization=organization, at=stamp(at))
    if not rows:
        raise BadUserInput("this whistle did not summon that organization", field="organization")
    return ReportIn(reported_at=native(rows[0]["reportedAt"]), due_at=native(rows[0]["dueAt"]))
