"""EventFeed: one poller per process tails the IssueEvent log and fans it out to subscribers.

Every replica tails Neo4j itself, so any number of stateless replicas deliver the same events
without a broker. The poller starts with the first subscriber and reads, every
`event_poll_seconds`, the events past the last seq it saw, in seq order, with the facts the
access rules need; each subscriber has its own bounded queue, filled only with the events its
principal may see and its filter selects.

A subscriber whose queue is full is dropped from the fan-out rather than slowing the others:
it receives what is queued, then a LIMIT_EXCEEDED error naming the last seq it got, and may
subscribe again with `afterSeq` to continue without a gap.

Whether a principal sees an event is decided by the issue's facts when the event is read, not
as they were when it was written (an issue dispatched later shows its earlier events to its
new lead on replay).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from graph.cypher.feed import EVENT_LOG_HEAD, EVENTS_AFTER, ISSUE_SCOPES, OVERDUE_DEADLINES
from graph.errors import StoreError
from graph.records import native
from graph.store import Neo4jStore
from resolvers.access.principal import IssueFacts, Principal
from resolvers.clock import local_now
from resolvers.errors import BadUserInput, LimitExceeded, Unavailable
from resolvers.overdue import OPEN_STATES

log = logging.getLogger("lianxin.feed")

# Events or alerts one subscriber may have waiting before it is dropped.
QUEUE_SIZE = 1000
# Events read per statement, by the poller and by a replay.
BATCH_SIZE = 500
# The poller's upper bound: no bound at all.
NO_END = 2**62

T = TypeVar("T")


class Deadline(StrEnum):
    """Which deadline an open issue has missed."""

    RESPONSE = "RESPONSE"
    RESOLUTION = "RESOLUTION"


@dataclass(frozen=True)
class IssueScope:
    """Where an issue is, who handles it, and what the access rules read about it."""

    key: str
    # Its area and every area above it.
    areas: frozenset[str]
    # The organizations assigned to it, without those above them.
    assigned: frozenset[str]
    facts: IssueFacts

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> IssueScope:
        """The scope from a row of the `_ISSUE_SCOPE` columns."""
        return cls(
            key=row["issue"],
            areas=frozenset(row["areas"]),
            assigned=frozenset(row["assigned"]),
            facts=IssueFacts(
                organizations=frozenset(row["organizations"]),
                summoned=frozenset(row["summoned"]),
                observers=frozenset(row["observers"]),
                reporter=row["reporter"],
            ),
        )


@dataclass(frozen=True)
class FeedEvent:
    """One committed IssueEvent and its issue's scope."""

    seq: int
    key: str
    at: dt.datetime
    from_state: str | None
    to_state: str
    note: str | None
    actor: str | None
    issue: IssueScope


@dataclass(frozen=True)
class OverdueAlert:
    """An open issue found past one of its deadlines."""

    issue: IssueScope
    deadline: Deadline
    since: dt.datetime


@dataclass(frozen=True)
class FeedFilter:
    """What a subscriber asks for: every criterion given must match."""

    community: str | None = None
    organization: str | None = None
    states: frozenset[str] | None = None

    def selects_issue(self, issue: IssueScope) -> bool:
        """Whether the issue is in the community and assigned to the organization asked for."""
        if self.community is not None and self.community not in issue.areas:
            return False
        return self.organization is None or self.organization in issue.assigned

    def selects(self, event: FeedEvent) -> bool:
        """Whether the event's issue and the state it reached are the ones asked for."""
        if self.states is not None and event.to_state not in self.states:
            return False
        return self.selects_issue(event.issue)


class Overflowed(Exception):
    """The subscriber's queue was full: it was dropped from the fan-out."""


class Subscriber(Generic[T]):
    """One subscription's bounded queue and the test deciding what goes into it."""

    def __init__(self, accepts: Callable[[T], bool], size: int) -> None:
        self.accepts = accepts
        # None only wakes the reader so that it sees `error`.
        self.queue: asyncio.Queue[T | None] = asyncio.Queue(size)
        self.error: Exception | None = None

    def offer(self, item: T) -> bool:
        """Queue the item if the subscriber wants it; False when the queue is full."""
        if self.error is not None or not self.accepts(item):
            return True
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            return False
        return True

    def end(self, error: Exception) -> None:
        """Stop after what is queued, then raise `error` in the reader."""
        self.error = error
        # A full queue needs no wake-up: its reader is not waiting.
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(None)

    async def items(self) -> AsyncIterator[T]:
        """The queued items as they come, then the error that ended the subscriber."""
        while True:
            if self.error is not None and self.queue.empty():
                raise self.error
            item = await self.queue.get()
            if item is not None:
                yield item


class EventFeed:
    """The process's one IssueEvent poller and overdue watcher, started by the first subscriber."""

    def __init__(
        self,
        store: Neo4jStore,
        *,
        poll_seconds: float,
        overdue_seconds: float,
        queue_size: int = QUEUE_SIZE,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        self.overdue_seconds = overdue_seconds
        self.queue_size = queue_size
        self.batch_size = batch_size
        # The last seq fanned out; None until the poller has read where the log ends.
        self.head: int | None = None
        self._events: set[Subscriber[FeedEvent]] = set()
        self._alerts: set[Subscriber[OverdueAlert]] = set()
        # Deadlines already alerted (or already missed when watching began).
        self._alerted: set[tuple[str, Deadline]] = set()
        self._poller: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._starting: asyncio.Lock | None = None
        self._closed = False

    @property
    def subscriber_count(self) -> int:
        """Subscribers receiving live events or alerts now (not those still replaying)."""
        return len(self._events) + len(self._alerts)

    async def events(
        self, principal: Principal, criteria: FeedFilter, after_seq: int | None = None
    ) -> AsyncIterator[FeedEvent]:
        """Events the principal sees and the filter selects: after `after_seq` first, then live."""
        if after_seq is not None and after_seq < 0:
            raise BadUserInput("afterSeq cannot be negative", field="afterSeq")
        head = await self._start_poller()

        def accepts(event: FeedEvent) -> bool:
            return principal.sees_issue(event.issue.facts) and criteria.selects(event)

        subscriber = Subscriber(accepts, self.queue_size)
        cursor = head if after_seq is None else after_seq
        # Replay from the log until caught up with the poller; the test of the head and the
        # joining of the fan-out run with no await between them, so no event falls between.
        while cursor < self._head():
            up_to = self._head()
            rows = await self.store.query(
                EVENTS_AFTER, after=cursor, upTo=up_to, limit=self.batch_size
            )
            if not rows:
                cursor = up_to
            for row in rows:
                cursor = row["seq"]
                event = _event(row)
                if event is not None and accepts(event):
                    yield event
        self._join(self._events, subscriber)
        try:
            async for event in subscriber.items():
                # A replica ahead of this one may have been named in afterSeq.
                if event.seq > cursor:
                    cursor = event.seq
                    yield event
        except Overflowed:
            raise LimitExceeded(
                f"this subscriber fell more than {self.queue_size} events behind; subscribe "
                f"again with afterSeq: {cursor} to continue where it stopped",
                lastSeq=cursor,
            ) from None
        finally:
            self._events.discard(subscriber)

    async def alerts(
        self, principal: Principal, criteria: FeedFilter
    ) -> AsyncIterator[OverdueAlert]:
        """Alerts for issues the principal may see that pass a deadline from now on."""
        await self._start_watcher()

        def accepts(alert: OverdueAlert) -> bool:
            return principal.sees_issue(alert.issue.facts) and criteria.selects_issue(alert.issue)

        subscriber = Subscriber(accepts, self.queue_size)
        self._join(self._alerts, subscriber)
        try:
            async for alert in subscriber.items():
                yield alert
        except Overflowed:
            raise LimitExceeded(
                f"this subscriber fell more than {self.queue_size} alerts behind; subscribe "
                "again, and read overdueIssues for what it missed"
            ) from None
        finally:
            self._alerts.discard(subscriber)

    async def close(self) -> None:
        """Stop polling and end every subscriber (on shutdown)."""
        self._closed = True
        for task in (self._poller, self._watcher):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        subscribers: list[Subscriber[Any]] = [*self._events, *self._alerts]
        for subscriber in subscribers:
            subscriber.end(Unavailable("the service is shutting down; subscribe again"))

    def _head(self) -> int:
        assert self.head is not None
        return self.head

    def _join(self, group: set[Subscriber[Any]], subscriber: Subscriber[Any]) -> None:
        if self._closed:
            raise Unavailable("the service is shutting down; subscribe again")
        group.add(subscriber)

    async def _start_poller(self) -> int:
        async with self._lock():
            if self._poller is None:
                rows = await self.store.query(EVENT_LOG_HEAD)
                self.head = int(rows[0]["head"])
                self._poller = asyncio.create_task(self._poll(), name="lianxin-event-poller")
                self._poller.add_done_callback(self._stopped)
        return self._head()

    async def _start_watcher(self) -> None:
        async with self._lock():
            if self._watcher is None:
                # Deadlines missed before watching began are not news: overdueIssues lists them.
                self._alerted.update((key, deadline) for key, deadline, _ in await self._missed())
                self._watcher = asyncio.create_task(self._watch(), name="lianxin-overdue-watcher")
                self._watcher.add_done_callback(self._stopped)

    def _stopped(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        # Only a bug ends a loop early: say so, and let the next subscriber start a new one.
        log.error("%s stopped", task.get_name(), exc_info=task.exception())
        subscribers: set[Subscriber[Any]]
        if task is self._poller:
            self._poller, subscribers = None, set(self._events)
            self._events.clear()
        else:
            self._watcher, subscribers = None, set(self._alerts)
            self._alerts.clear()
        for subscriber in subscribers:
            subscriber.end(Unavailable("live updates stopped; subscribe again (with afterSeq)"))

    def _lock(self) -> asyncio.Lock:
        # Made on first use, inside the serving event loop.
        if self._starting is None:
            self._starting = asyncio.Lock()
        return self._starting

    async def _poll(self) -> None:
        while True:
            try:
                rows = await self.store.query(
                    EVENTS_AFTER, after=self._head(), upTo=NO_END, limit=self.batch_size
                )
            except StoreError as error:
                log.warning("event poller cannot read Neo4j: %s", error)
                rows = []
            # No await from here to the head's update: a joining subscriber sees all or none.
            for row in rows:
                event = _event(row)
                if event is not None:
                    _fan_out(self._events, event)
                self.head = row["seq"]
            if len(rows) < self.batch_size:
                await asyncio.sleep(self.poll_seconds)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.overdue_seconds)
            try:
                await self._scan()
            except StoreError as error:
                log.warning("overdue watcher cannot read Neo4j: %s", error)

    async def _scan(self) -> None:
        missed = [row for row in await self._missed() if row[:2] not in self._alerted]
        if not missed:
            return
        keys = sorted({key for key, _, _ in missed})
        scopes = {
            row["issue"]: IssueScope.from_row(row)
            for row in await self.store.query(ISSUE_SCOPES, keys=keys)
        }
        for key, deadline, since in missed:
            self._alerted.add((key, deadline))
            scope = scopes.get(key)
            if scope is not None:
                _fan_out(self._alerts, OverdueAlert(scope, deadline, since))

    async def _missed(self) -> list[tuple[str, Deadline, dt.datetime]]:
        now = local_now().isoformat()
        rows = await self.store.query(OVERDUE_DEADLINES, openStates=OPEN_STATES, now=now)
        return [(row["issue"], Deadline(row["deadline"]), native(row["since"])) for row in rows]


def _fan_out(group: set[Subscriber[T]], item: T) -> None:
    for subscriber in list(group):
        if not subscriber.offer(item):
            # Dropped, not awaited: one slow reader must not hold up the others.
            group.discard(subscriber)
            subscriber.end(Overflowed())


def _event(row: Mapping[str, Any]) -> FeedEvent | None:
    # An event whose issue is gone (deleted by hand) has nobody who may see it.
    if row["issue"] is None:
        return None
    return FeedEvent(
        seq=row["seq"],
        key=row["key"],
        at=native(row["at"]),
        from_state=row["fromState"],
        to_state=row["toState"],
        note=row["note"],
        actor=row["actor"],
        issue=IssueScope.from_row(row),
    )
