"""The demo graph as built in memory: deterministic, unique keys, endpoints, zoned times, walks."""

from __future__ import annotations

import re
from datetime import date, datetime
from itertools import pairwise
from typing import Any

import pytest

from demo.seed import DemoGraph, build_demo_graph
from graph.model import Label, Rel

KEY = re.compile(r"^[a-z-]+/[a-z0-9][a-z0-9/-]*$")


@pytest.fixture(scope="module")
def graph() -> DemoGraph:
    """One build shared by the pure tests."""
    return build_demo_graph()


def _keys(graph: DemoGraph, label: Label) -> set[str]:
    keys = {row["key"] for row in graph.nodes.get(label, [])}
    if label is Label.AREA:
        keys |= _keys(graph, Label.COMMUNITY)
    return keys


def test_build_is_deterministic(graph: DemoGraph) -> None:
    assert build_demo_graph() == graph


def test_keys_are_unique_stable_slugs(graph: DemoGraph) -> None:
    for label, rows in graph.nodes.items():
        keys = [row["key"] for row in rows]
        assert len(keys) == len(set(keys)), label
        assert all(KEY.match(k) for k in keys), label
    assert not _keys(graph, Label.COMMUNITY) & {r["key"] for r in graph.nodes[Label.AREA]}


def test_every_relationship_endpoint_exists(graph: DemoGraph) -> None:
    for (rel, start, end), rows in graph.relationships.items():
        starts, ends = _keys(graph, start), _keys(graph, end)
        missing = [r for r in rows if r["start"] not in starts or r["end"] not in ends]
        assert not missing, (rel, start, end, missing[:3])
        pairs = [(r["start"], r["end"]) for r in rows]
        assert len(pairs) == len(set(pairs)), (rel, start, end)


def test_timestamps_are_zoned_and_dates_are_dates(graph: DemoGraph) -> None:
    for rows in graph.nodes.values():
        for row in rows:
            for name, value in row.items():
                if isinstance(value, datetime):
                    assert value.utcoffset() is not None, (row["key"], name)
    assert all(type(r["startDate"]) is date for r in graph.nodes[Label.PROJECT])


def test_events_walk_each_issue_in_order(graph: DemoGraph) -> None:
    issues = {row["key"]: row for row in graph.nodes[Label.ISSUE]}
    events = {row["key"]: row for row in graph.nodes[Label.ISSUE_EVENT]}
    per_issue: dict[str, list[dict[str, Any]]] = {}
    for row in graph.relationships[(Rel.HAS_EVENT, Label.ISSUE, Label.ISSUE_EVENT)]:
        per_issue.setdefault(row["start"], []).append(events[row["end"]])
    seqs = sorted(e["seq"] for e in events.values())
    assert seqs == list(range(1, len(events) + 1))
    by_seq = sorted(events.values(), key=lambda e: e["seq"])
    assert all(a["at"] <= b["at"] for a, b in pairwise(by_seq))
    for issue_key, walk in per_issue.items():
        walk.sort(key=lambda e: e["seq"])
        assert "fromState" not in walk[0] and walk[0]["toState"] == "RECEIVED"
        for before, after in pairwise(walk):
            assert after["fromState"] == before["toState"], issue_key
            assert after["at"] > before["at"], issue_key
        assert walk[-1]["toState"] == issues[issue_key]["state"], issue_key
