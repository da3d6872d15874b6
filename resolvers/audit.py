"""Who changed what and when, and the client keys that make a retried change write nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.audit import CHANGES_OF, PRIOR_CHANGE, RECORD_CHANGE
from graph.model import Label
from graph.store import Neo4jStore
from graph.zone import stamp
from resolvers.access.principal import Principal
from resolvers.errors import BadUserInput

MAX_CLIENT_KEY = 100


@dataclass(frozen=True)
class Change:
    """One change: the mutation that made it, the node it made or changed, the fields it set."""

    action: str
    label: Label
    target: str
    fields: tuple[str, ...] = ()


def change_key(principal: Principal, client_key: str | None) -> str:
    """The Change node's key: the principal's own client key, or a fresh one when none came."""
    if client_key is None:
        return f"auto:{uuid.uuid4()}"
    client_key = client_key.strip()
    if not client_key or len(client_key) > MAX_CLIENT_KEY:
        raise BadUserInput(
            f"clientKey 须为 1 至 {MAX_CLIENT_KEY} 个字符；每次新的记录换一个新的值",
            field="clientKey",
        )
    # Scoped by principal: two clients choosing the same string do not answer each other.
    return f"{principal.sub}:{client_key}"


async def prior(
    tx: AsyncManagedTransaction, principal: Principal, action: str, client_key: str | None
) -> str | None:
    """The key of what an earlier `action` with this client key made, or None if there was none.

    A client key used before for another action is refused, so a mixed-up key cannot answer
    with an unrelated node.
    """
    if client_key is None:
        return None
    record = await (await tx.run(PRIOR_CHANGE, key=change_key(principal, client_key))).single()
    if record is None:
        return None
    if record["action"] != action:
        raise BadUserInput(
            f"这个 clientKey 已用于另一项操作（{record['action']}）；新的记录请换一个新的值",
            field="clientKey",
        )
    target: str = record["target"]
    return target


async def record(
    tx: AsyncManagedTransaction,
    principal: Principal,
    change: Change,
    *,
    client_key: str | None,
    at: dt.datetime,
) -> None:
    """Write the change's audit entry in the transaction that makes the change."""
    await (
        await tx.run(
            RECORD_CHANGE,
            key=change_key(principal, client_key),
            at=stamp(at),
            actor=principal.sub,
            role=principal.role.value,
            action=change.action,
            label=change.label.value,
            target=change.target,
            fields=list(change.fields),
        )
    ).consume()


async def changes_of(store: Neo4jStore, label: Label, key: str) -> list[dict[str, Any]]:
    """The audit entries of one node, oldest first."""
    rows = await store.query(CHANGES_OF, label=label.value, target=key)
    return [row["change"] for row in rows]
