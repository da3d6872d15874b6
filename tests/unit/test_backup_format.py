"""The backup file's pieces without Neo4j: typed values, checksums, rotation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytz
from neo4j.spatial import WGS84Point
from neo4j.time import DateTime, Duration

from graph.backup.format import Tally, canonical, encode, plain_and_typed
from graph.backup.rotation import backup_name, backups, prune


def test_typed_values_are_tagged_with_their_exact_text() -> None:
    # As the driver reads a datetime with a zone name: localized by pytz.
    zoned = pytz.timezone("Asia/Shanghai").localize(DateTime(2024, 5, 1, 15, 20, 0, 123456789))
    assert encode(zoned) == {
        "$": "datetime",
        "v": "2024-05-01T15:20:00.123456789+08:00[Asia/Shanghai]",
    }
    offset = DateTime(2024, 5, 1, 15, 20, 0, 5, tzinfo=pytz.FixedOffset(-180))
    assert encode(offset) == {"$": "datetime", "v": "2024-05-01T15:20:00.000000005-03:00"}
    assert encode(dt.date(2019, 12, 31)) == {"$": "date", "v": "2019-12-31"}
    assert encode(Duration(months=1, days=2, seconds=3, nanoseconds=4))["v"] == {
        "months": 1,
        "days": 2,
        "seconds": 3,
        "nanoseconds": 4,
    }
    assert encode(WGS84Point((118.5, 37.4))) == {
        "$": "point",
        "v": {"srid": 4326, "x": 118.5, "y": 37.4},
    }
    assert encode(b"\x00\xff") == {"$": "bytes", "v": "AP8="}
    assert encode(["东辛", 1, 2.5, True]) == ["东辛", 1, 2.5, True]


def test_a_line_splits_into_plain_and_typed_properties() -> None:
    props = {
        "name": "瑞景",
        "days": [{"$": "date", "v": "2024-01-01"}, {"$": "date", "v": "2024-02-29"}],
        "blob": {"$": "bytes", "v": "AP8="},
        "tags": ["a"],
    }
    plain, typed = plain_and_typed(props)
    assert plain == {"name": "瑞景", "tags": ["a"]}
    assert typed == [
        ["days", "date[]", ["2024-01-01", "2024-02-29"]],
        ["blob", "bytes", b"\x00\xff"],
    ]


def test_checksums_do_not_depend_on_order_but_on_every_value() -> None:
    rows = [(["Area", "Community"], {"key": f"a/{i}", "n": i}) for i in range(50)]
    forward, backward, changed = Tally(), Tally(), Tally()
    for labels, props in rows:
        forward.node(labels, canonical(props))
    for labels, props in reversed(rows):
        backward.node(list(reversed(labels)), canonical(props))
    for labels, props in rows:
        changed.node(labels, canonical({**props, "n": 0} if props["n"] == 7 else props))
    assert forward.as_manifest() == backward.as_manifest()
    assert forward.as_manifest()["labels"]["Community"]["count"] == 50
    assert (
        changed.as_manifest()["labels"]["Area"]["checksum"]
        != forward.as_manifest()["labels"]["Area"]["checksum"]
    )


def test_rotation_keeps_the_newest(tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for day in range(10):
        backup_name(tmp_path, start + dt.timedelta(days=day, hours=day)).write_bytes(b"x")
    (tmp_path / "lianxin-unfinished.jsonl.gz.partial").write_bytes(b"x")
    gone = prune(tmp_path, 3)
    assert len(gone) == 7
    assert [p.name for p in backups(tmp_path)] == [
        "lianxin-20260108T070000Z.jsonl.gz",
        "lianxin-20260109T080000Z.jsonl.gz",
        "lianxin-20260110T090000Z.jsonl.gz",
    ]
