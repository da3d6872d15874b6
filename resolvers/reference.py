"""Reference data: organizations, people, areas, categories, rules, projects and sites by key."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from graph.errors import MissingEndpoints
from graph.model import Label
from graph.store import Link, Neo4jStore
from resolvers.errors import BadUserInput

# Keys are stable English identifiers such as "org/center" or "community/ruijing".
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}")
MAX_NAME = 200


async def upsert(
    store: Neo4jStore,
    label: Label,
    props: Mapping[str, Any],
    links: Sequence[Link] = (),
    *,
    named: bool = True,
) -> str:
    """Create or update one node by its key, with exactly the given links; its key."""
    key = props.get("key")
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise BadUserInput(
            "key must be 1-200 letters, digits or _.:/- and start with a letter or digit",
            field="key",
        )
    if named:
        name = props.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise BadUserInput(f"name must be 1-{MAX_NAME} characters", field="name")
    row = {k: v for k, v in props.items() if v is not None}
    try:
        await store.upsert_entity(label, row, links)
    except MissingEndpoints as error:
        raise BadUserInput(str(error), field="links") from error
    return key


def link(rel: Any, target: Label, keys: Sequence[str] | None, **props: Any) -> list[Link]:
    """A link list for `upsert`: none when `keys` is None (leave the links as they are)."""
    if keys is None:
        return []
    return [Link(rel, target, [(key, props) for key in keys])]
