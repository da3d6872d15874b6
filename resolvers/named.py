"""Nodes a write names by key: refused, naming the input, when any is missing."""

from __future__ import annotations

from collections.abc import Collection

from neo4j import AsyncManagedTransaction

from graph.cypher.named import MISSING_KEYS
from graph.model import Label
from resolvers.errors import BadUserInput

# How a clerk reads each label in a refusal.
NOUNS: dict[Label, str] = {
    Label.ORGANIZATION: "单位",
    Label.PERSON: "人员",
    Label.PROJECT: "项目",
    Label.ISSUE: "诉求",
    Label.CATEGORY: "分类",
    Label.AREA: "区域",
    Label.VISIT: "走访",
    Label.MEETING: "会议",
    Label.DECISION: "会议决定",
    Label.SUGGESTION: "建议",
}


async def require_named(
    tx: AsyncManagedTransaction, label: Label, keys: Collection[str], field: str
) -> None:
    """BAD_USER_INPUT under `field` unless every key names a node of `label`."""
    if not keys:
        return
    result = await tx.run(MISSING_KEYS[label], keys=list(keys))
    missing = [record["k"] async for record in result]
    if missing:
        raise BadUserInput(
            f"找不到{NOUNS[label]} {missing[0]}：请核对后重新选择", field=field, key=missing[0]
        )
