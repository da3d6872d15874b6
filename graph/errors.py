"""Errors the store raises, free of driver types so that upper layers need not import neo4j."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation failed."""


class StoreUnavailable(StoreError):
    """Neo4j cannot be reached."""


class StoreAuthFailed(StoreUnavailable):
    """Neo4j refused the configured user name or password: an outage only an operator ends."""

    def __init__(
        self,
        message: str = (
            "Neo4j authentication failed, check LIANXIN_NEO4J_PASSWORD and LIANXIN_NEO4J_USER"
        ),
    ) -> None:
        super().__init__(message)


class StoreConflict(StoreError):
    """A write would break a uniqueness constraint."""


class MissingEndpoints(StoreError):
    """A relationship row names a node that does not exist."""


class NodeMissing(StoreError):
    """A keyed node the write needs does not exist."""

    def __init__(self, label: str, key: str) -> None:
        super().__init__(f"no {label} with key {key!r}")
        self.label = label
        self.key = key


class StateMismatch(StoreError):
    """The issue is not in a state the transition may start from; nothing was written."""

    def __init__(self, key: str, current: str) -> None:
        super().__init__(f"issue {key!r} is {current}")
        self.key = key
        self.current = current


class StepIdReused(StoreError):
    """A clientStepId already named another step on this issue; nothing was written."""

    def __init__(self, key: str, step_id: str, to_state: str) -> None:
        super().__init__(f"clientStepId {step_id!r} already moved issue {key!r} to {to_state}")
        self.key = key
        self.step_id = step_id
        self.to_state = to_state
