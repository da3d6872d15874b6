"""The issue's two transactions: receive a new issue, and move one to its next state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.access import FULL_ACCESS
from graph.cypher.lifecycle import (
    APPEND_ISSUE_EVENT,
    ISSUE_AS_IS,
    LOCK_ISSUE,
    STEP_TAKEN,
    report_issue,
)
from graph.errors import MissingEndpoints, NodeMissing, StateMismatch, StepIdReused
from graph.gate import stripe
from graph.records import Node, split_temporals, to_node
from graph.zone import stamp

# The nodes a report names, by the name the report statement gives a missing one.
_NAMED = {"reporter": "Person", "category": "Category", "area": "Area"}
_WHOLE = {"role": FULL_ACCESS, "org": None, "person": None}


@dataclass(frozen=True)
class Reported:
    """A report's outcome: the issue's key, whether it made it, and the issue as read then.

    `issue` is None when the reader's rules hide it from them.
    """

    key: str
    created: bool
    issue: Node | None


@dataclass(frozen=True)
class Report:
    """A new issue in RECEIVED with its links and first event, written by one statement."""

    key: str
    at: dt.datetime
    props: Mapping[str, Any]
    client_request_id: str | None
    category: str
    area: str
    reporter: str | None
    event: Mapping[str, Any]
    resident: Mapping[str, str] | None
    # Whose rules the answer's issue is read by; None reads it whole.
    viewer: Mapping[str, Any] | None = None

    async def run(self, tx: AsyncManagedTransaction) -> Reported:
        """Write it in a transaction already through the gate; an unknown reporter is left out."""
        return await self._write(tx, None, reporter_required=False)

    async def run_alone(self, tx: AsyncManagedTransaction) -> Reported:
        """Write it as its transaction's one statement, which passes the gate first.

        Every node it names must exist (a reporter as the viewer sees it). A used client
        request id writes nothing and answers the first issue, as it is.
        """
        return await self._write(tx, stripe(), reporter_required=True)

    async def _write(
        self, tx: AsyncManagedTransaction, gate: str | None, *, reporter_required: bool
    ) -> Reported:
        viewer = self.viewer or _WHOLE
        statement = report_issue(self.client_request_id is not None, viewer["role"])
        result = await tx.run(
            statement,
            gate=gate,
            key=self.key,
            at=stamp(self.at),
            props=self.props,
            clientRequestId=self.client_request_id,
            category=self.category,
            area=self.area,
            reporter=self.reporter,
            reporterRequired=reporter_required,
            resident=self.resident,
            event=dict(self.event),
            viewer=dict(viewer),
        )
        record = await result.single(strict=True)
        if record["missing"]:
            first = record["missing"][0]
            named = {"reporter": self.reporter, "category": self.category, "area": self.area}
            raise NodeMissing(_NAMED[first], named[first] or "")
        node = record["node"]
        return Reported(record["key"], record["created"], None if node is None else to_node(node))


@dataclass(frozen=True)
class Moved:
    """What a step did: the issue as it left it, and whether a retry found it already taken."""

    issue: Node
    replayed: bool = False


@dataclass(frozen=True)
class Transition:
    """One lifecycle step: the state check, the event and the step's follow-up statements.

    An event with a `clientStepId` makes the step safe to retry: a step with the id of one
    already taken on the issue writes nothing and answers the issue as it is.
    """

    key: str
    allowed_from: frozenset[str]
    to: str
    at: dt.datetime
    event: Mapping[str, Any]
    props: Mapping[str, Any]
    increments: Sequence[str]
    then: Sequence[tuple[str, Mapping[str, Any]]]

    async def run(self, tx: AsyncManagedTransaction) -> Moved:
        """Move the issue under its lock; the issue as it is then, read before the commit."""
        # A retry of a step taken long ago is answered without taking the lock (a write).
        replayed = await self._replayed(tx)
        if replayed is not None:
            return replayed
        record = await (await tx.run(LOCK_ISSUE, key=self.key)).single()
        if record is None:
            raise NodeMissing("Issue", self.key)
        # Again under the lock: a retry racing its first attempt waited for it, and finds it.
        replayed = await self._replayed(tx)
        if replayed is not None:
            return replayed
        current: str = record["state"]
        if current not in self.allowed_from:
            raise StateMismatch(self.key, current)
        split = split_temporals(self.props)
        await _append_event(
            tx,
            self.key,
            current,
            self.to,
            self.at,
            self.event,
            split["props"],
            split["datetimes"],
            self.increments,
        )
        for statement, params in self.then:
            # Each follow-up statement returns one count; zero means a node it names is gone.
            record = await (await tx.run(statement, dict(params))).single(strict=True)
            if not record[0]:
                raise MissingEndpoints(f"a node named by the {self.to} step does not exist")
        return Moved(await _issue_as_is(tx, self.key))

    async def _replayed(self, tx: AsyncManagedTransaction) -> Moved | None:
        """The issue as it is if this step's clientStepId was taken on it already, else None."""
        step_id = self.event.get("clientStepId")
        if step_id is None:
            return None
        result = await tx.run(STEP_TAKEN, key=self.key, clientStepId=step_id)
        taken = await result.single()
        if taken is None:
            return None
        if taken["toState"] != self.to:
            raise StepIdReused(self.key, step_id, taken["toState"])
        return Moved(await _issue_as_is(tx, self.key), replayed=True)


async def _issue_as_is(tx: AsyncManagedTransaction, key: str) -> Node:
    # Read before the commit: an answer lost after it would hide that the step was taken.
    record = await (await tx.run(ISSUE_AS_IS, key=key)).single(strict=True)
    return to_node(record["node"])


async def _append_event(
    tx: AsyncManagedTransaction,
    key: str,
    current: str | None,
    to: str,
    at: dt.datetime,
    event: Mapping[str, Any],
    props: Mapping[str, Any],
    datetimes: Mapping[str, str],
    increments: Sequence[str],
) -> None:
    await (
        await tx.run(
            APPEND_ISSUE_EVENT,
            key=key,
            to=to,
            props=props,
            datetimes=datetimes,
            increments=list(increments),
            eventKey=event["key"],
            at=stamp(at),
            note=event.get("note"),
            actor=event.get("actor"),
            clientStepId=event.get("clientStepId"),
            fromState=current,
        )
    ).consume()
