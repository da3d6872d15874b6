"""A connection's `where`: compiled for the reader, refused when only a long scan could answer."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from graph.cypher.paging import reads_whole_label
from graph.cypher.where import FIELDS, Compiled, WhereError, compile_where
from graph.model import Label
from graph.store import Neo4jStore, Viewer
from resolvers.errors import BadUserInput, LimitExceeded

# Filters of the fixed kind that an index or a keyed node starts the search from.
ANCHORING_FILTERS = frozenset(
    {"states", "channels", "from", "to", "kinds", "levels", "category", "area", "organization"}
)


def related_where(
    label: Label, where: Mapping[str, Any] | None, viewer: Viewer, var: str = "n"
) -> Compiled | None:
    """A nested list's compiled `where` on nodes bound to `var`.

    Its parents' relationships (or, for overdue issues, the open states) bound the rows it reads.
    """
    if not where:
        return None
    try:
        return compile_where(label, where, str(viewer["role"]), var)
    except WhereError as error:
        raise BadUserInput(str(error), field=error.path) from None


async def compiled_where(
    store: Neo4jStore,
    label: Label,
    where: Mapping[str, Any] | None,
    viewer: Viewer,
    *,
    filters: Mapping[str, Any],
    scan_limit: int,
) -> Compiled | None:
    """The reader's compiled `where`, or None when none was given.

    A filter no index can start from is answered by reading every node of the label: beyond
    `scan_limit` nodes that is refused with LIMIT_EXCEEDED rather than run for seconds.
    """
    if not where:
        return None
    try:
        compiled = compile_where(label, where, str(viewer["role"]))
    except WhereError as error:
        raise BadUserInput(str(error), field=error.path) from None
    given = {name for name, value in filters.items() if value is not None}
    if compiled.anchored or given & ANCHORING_FILTERS:
        return compiled
    count = await store.label_count(label)
    if count > scan_limit:
        raise LimitExceeded(
            f"this where would read all {count} {label} nodes (more than {scan_limit}): add a "
            "condition an index answers (eq, in, startsWith or a range on an indexed field, "
            "or the key), or narrow with the connection's filter",
            field="where",
            scanned=count,
            limit=scan_limit,
        )
    return compiled


async def bounded_sort(
    store: Neo4jStore,
    label: Label,
    sorts: tuple[str, ...],
    compiled: Compiled | None,
    viewer: Viewer,
    *,
    filters: Mapping[str, Any],
    scan_limit: int,
) -> None:
    """Refuse a sort no index provides when it would order more than `scan_limit` nodes.

    Led by a property without an index and with no filter an index starts from, a page reads
    and sorts every node of the label before it can return the first row.
    """
    lead = sorts[0] if sorts else "key"
    indexed = _indexed(label)
    if lead in indexed or not reads_whole_label(label, str(viewer["role"])):
        return
    given = {name for name, value in filters.items() if value is not None}
    if (compiled is not None and compiled.anchored) or given & ANCHORING_FILTERS:
        return
    count = await store.label_count(label)
    if count > scan_limit:
        raise LimitExceeded(
            f"ordering all {count} {label} nodes by {lead} (more than {scan_limit}) sorts every "
            f"one before the first row: lead the order with an indexed field "
            f"({', '.join(indexed)}), or add a condition an index answers",
            field="orderBy",
            scanned=count,
            limit=scan_limit,
        )


@cache
def _indexed(label: Label) -> tuple[str, ...]:
    """The properties of `label` an index orders, worked out once per label."""
    return tuple(
        sorted({prop.name for prop in FIELDS.get(label, {}).values() if prop.indexed} | {"key"})
    )
