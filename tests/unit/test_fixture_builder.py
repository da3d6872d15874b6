"""The fixture builder: keys kept, labels inferred, duplicates refused, nodes written first."""

from __future__ import annotations

from typing import Any, cast

import pytest

from graph.model import Label, Rel
from graph.store import Neo4jStore
from tests.support.builder import Fixture


class Recorder:
    """Stands in for the store: remembers each upsert in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    async def upsert_nodes(self, label: Label, rows: list[dict[str, Any]]) -> int:
        self.calls.append(("nodes", label, rows))
        return len(rows)

    async def upsert_relationships(
        self, rel: Rel, start: Label, end: Label, rows: list[dict[str, Any]]
    ) -> int:
        self.calls.append(("links", rel, start, end, rows))
        return len(rows)


async def test_rows_keep_their_keys_and_links_find_their_labels() -> None:
    f = Fixture()
    f.add(Label.AREA, "a/street", name="街道", level="STREET")
    f.add(Label.COMMUNITY, "a/c1", name="甲小区", validTo=None)
    f.add(Label.ORGANIZATION, "o/x", name="X")
    f.link(Rel.PART_OF, "a/c1", "a/street")
    f.known(Label.ISSUE, "issue/old")
    f.link(Rel.ASSIGNED_TO, "issue/old", "o/x", role="LEAD", viaRule=None)
    recorder = Recorder()
    await f.write(cast(Neo4jStore, recorder))
    assert recorder.calls == [
        ("nodes", Label.AREA, [{"key": "a/street", "name": "街道", "level": "STREET"}]),
        # None-valued properties are left out, as the demo graph's builder does.
        ("nodes", Label.COMMUNITY, [{"key": "a/c1", "name": "甲小区"}]),
        ("nodes", Label.ORGANIZATION, [{"key": "o/x", "name": "X"}]),
        (
            "links",
            Rel.PART_OF,
            Label.COMMUNITY,
            Label.AREA,
            [{"start": "a/c1", "end": "a/street", "props": {}}],
        ),
        (
            "links",
            Rel.ASSIGNED_TO,
            Label.ISSUE,
            Label.ORGANIZATION,
            [{"start": "issue/old", "end": "o/x", "props": {"role": "LEAD"}}],
        ),
    ]


async def test_links_are_grouped_by_type_and_endpoint_labels() -> None:
    f = Fixture()
    f.rows(Label.ISSUE, [{"key": f"i/{n}", "title": str(n)} for n in range(3)])
    f.add(Label.AREA, "a/district")
    f.add(Label.COMMUNITY, "a/c1")
    f.links(Rel.LOCATED_IN, [("i/0", "a/district"), ("i/1", "a/c1"), ("i/2", "a/district")])
    recorder = Recorder()
    await f.write(cast(Neo4jStore, recorder))
    groups = {call[1:4]: [(r["start"], r["end"]) for r in call[4]] for call in recorder.calls[3:]}
    assert groups == {
        (Rel.LOCATED_IN, Label.ISSUE, Label.AREA): [("i/0", "a/district"), ("i/2", "a/district")],
        (Rel.LOCATED_IN, Label.ISSUE, Label.COMMUNITY): [("i/1", "a/c1")],
    }
    assert [call[0] for call in recorder.calls] == ["nodes"] * 3 + ["links"] * 2


def test_duplicates_and_unknown_endpoints_are_refused() -> None:
    f = Fixture()
    assert f.row(Label.ORGANIZATION, {"key": "o/x", "name": "X"}) == "o/x"
    with pytest.raises(ValueError, match="duplicate node key o/x"):
        f.add(Label.ORGANIZATION, "o/x")
    f.add(Label.ORGANIZATION, "o/y")
    f.link(Rel.PART_OF, "o/y", "o/x")
    with pytest.raises(ValueError, match="duplicate"):
        f.link(Rel.PART_OF, "o/y", "o/x")
    with pytest.raises(KeyError):
        f.link(Rel.PART_OF, "o/y", "o/nowhere")
