"""The issue's two transactions: receive a new issue, and move one to its next state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.lifecycle import (
    APPEND_ISSUE_EVENT,
    LINK_REPORTED_ISSUE,
    LOCK_ISSUE,
    REPORT_ISSUE,
    REPORT_ISSUE_ONCE,
)
from graph.errors import MissingEndpoints, NodeMissing, StateMismatch
from graph.records import split_temporals
from graph.zone import stamp


@dataclass(frozen=True)
class Report:
    """A new issue in RECEIVED with its links and first event; (key, created) when run."""

    key: str
    at: dt.datetime
    props: Mapping[str, Any]
    client_request_id: str | None
    category: str
    area: str
    reporter: str | None
    event: Mapping[str, Any]
    resident: Mapping[str, str] | None

    async def run(self, tx: AsyncManagedTransaction) -> tuple[str, bool]:
        """Write it, unless its client request id was used: then the first issue's key."""
        at = stamp(self.at)
        if self.client_request_id is None:
            result = await tx.run(REPORT_ISSUE, key=self.key, at=at, props=self.props)
        else:
            result = await tx.run(
                REPORT_ISSUE_ONCE,
                key=self.key,
                at=at,
                props=self.props,
                clientRequestId=self.client_request_id,
            )
        record = await result.single(strict=True)
        if not record["created"]:
            return record["key"], False
        linked = await tx.run(
            LINK_REPORTED_ISSUE,
            key=self.key,
            category=self.category,
            area=self.area,
            reporter=self.reporter,
            resident=self.resident,
        )
        if (await linked.single(strict=True))["linked"] != 1:
            raise NodeMissing("Category or Area", f"{self.category} / {self.area}")
        await _append_event(tx, self.key, None, "RECEIVED", self.at, self.event, {}, {}, ())
        return self.key, True


@dataclass(frozen=True)
class Transition:
    """One lifecycle step: the state check, the event and the step's follow-up statements."""

    key: str
    allowed_from: frozenset[str]
    to: str
    at: dt.datetime
    event: Mapping[str, Any]
    props: Mapping[str, Any]
    increments: Sequence[str]
    then: Sequence[tuple[str, Mapping[str, Any]]]

    async def run(self, tx: AsyncManagedTransaction) -> str:
        """Move the issue under its lock; the state it left."""
        record = await (await tx.run(LOCK_ISSUE, key=self.key)).single()
        if record is None:
            raise NodeMissing("Issue", self.key)
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
        return current


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
            fromState=current,
        )
    ).consume()
