"""Backups against real Neo4j: one moment under concurrent writes, exact values, refusals."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j.spatial import CartesianPoint
from neo4j.time import Duration, Time

import graph.backup.restore as restore_module
from graph.backup.format import BackupRefused
from graph.backup.restore import restore_backup
from graph.backup.writer import BackupFailed, take_backup
from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import Settings
from tests.support.backups import graph_rows
from tests.support.builder import Fixture
from web.app import create_app

# A step of the writer: a new probe linked to the tally, and the tally's step, in one commit.
STEP = """
MATCH (t:Tally {key: 'tally'})
CREATE (p:Probe {key: 'probe/' + toString($step), step: $step, at: datetime()})
CREATE (p)-[:COUNTED {step: $step}]->(t)
SET t.step = $step
"""
ROLL_BACK_TO = """
MATCH (t:Tally {key: 'tally'}) SET t.step = $step
WITH t MATCH (p:Probe) WHERE p.step > $step DETACH DELETE p
"""
TYPED = """
MATCH (a:Area {key: 'area/typed'}) SET a:Community, a += $props,
  a.zoned = datetime('2024-05-01T15:20:00.123456789+08:00[Asia/Shanghai]'),
  a.offset = datetime('2024-05-01T15:20:01.000000005-03:00'),
  a.local = localdatetime('2024-05-01T15:20:02.999999999'),
  a.day = date('2019-12-31'),
  a.clock = time('08:30:00.000000001+08:00'),
  a.wall = localtime('23:59:59.999999999'),
  a.lasted = duration({months: 14, days: 3, seconds: 7, nanoseconds: 11}),
  a.where = point({longitude: 118.5825, latitude: 37.4513}),
  a.plan = point({x: 1.5, y: -2.25, z: 3.0}),
  a.days = [date('2024-01-01'), date('2024-02-29')],
  a.stamps = [datetime('2024-01-01T00:00:00Z'), datetime('2024-06-01T08:00:00+08:00')]
"""
FILLER = (
    "UNWIND range(1, $count) AS i "
    "CREATE (:Filler {key: 'filler/' + toString(i), i: i, text: '连心' + toString(i)})"
)
# Neo4j's own text of every property: offsets and zone names as stored, not as the driver reads.
AS_TEXT = (
    "MATCH (a:Area {key: 'area/typed'}) "
    "RETURN [k IN ['zoned', 'offset', 'local', 'day', 'clock', 'wall', 'lasted'] | "
    "toString(a[k])] + [x IN a.stamps | toString(x)] + [x IN a.days | toString(x)] AS text"
)


async def _typed_graph(store: Neo4jStore) -> None:
    f = Fixture()
    f.add(Label.AREA, "area/typed", name="瑞景社区", level="COMMUNITY", households=1200)
    f.add(Label.ORGANIZATION, "org/typed", name="供水公司", kind="SERVICE_COMPANY")
    f.link(Rel.LOCATED_IN, "org/typed", "area/typed", since=dt.date(2021, 3, 1))
    await f.write(store)
    # Typed values written by Neo4j from text: the driver cannot send a time with an offset.
    await store.execute(
        TYPED,
        props={
            "ratios": [0.1, 1e-300, 2.5],
            "tags": ["东辛", "tag"],
            "blob": b"\x00\x01\xfe\xff",
            "flag": True,
            "big": 2**62,
        },
    )


async def test_a_backup_restores_every_label_type_property_and_index_exactly(
    store: Neo4jStore, target: Neo4jStore, tmp_path: Path
) -> None:
    await _typed_graph(store)
    taken = await take_backup(store.driver, store.database, tmp_path / "typed.jsonl.gz")
    assert taken.attempts == 1 and not taken.barrier
    assert taken.manifest["labels"]["Area"]["count"] == 1
    assert taken.manifest["types"]["LOCATED_IN"]["count"] == 1
    # As a service started on the new database leaves it: the schema and its zone record.
    await target.ensure_schema()

    restored = await restore_backup(target.driver, target.database, taken.path)

    assert restored.matches, restored.differences
    assert await graph_rows(target) == await graph_rows(store)
    [row] = await target.query("MATCH (a:Area {key: 'area/typed'}) RETURN properties(a) AS p")
    props: dict[str, Any] = row["p"]
    assert str(props["zoned"].tzinfo) == "Asia/Shanghai"
    assert props["zoned"].nanosecond == 123456789
    assert props["lasted"] == Duration(months=14, days=3, seconds=7, nanoseconds=11)
    assert props["plan"] == CartesianPoint((1.5, -2.25, 3.0))
    assert props["blob"] == b"\x00\x01\xfe\xff"
    [source], [restored_text] = await store.query(AS_TEXT), await target.query(AS_TEXT)
    assert restored_text["text"] == source["text"]
    assert "2024-05-01T15:20:00.123456789+08:00[Asia/Shanghai]" in source["text"]
    assert props["clock"] == Time(8, 30, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    names = {r["name"] for r in await target.query("SHOW INDEXES YIELD name RETURN name")}
    assert {"search", "issue_state", "area_key", "writegate_key"} <= names
    assert "restoring_id" not in names
    assert await target.query("MATCH (m:StoreZone) RETURN count(m) AS n") == [{"n": 1}]
    [mark] = await target.query("MATCH (m:RestoreMark) RETURN count(m) AS n")
    assert mark["n"] == 0


async def test_a_backup_during_concurrent_writes_restores_the_graph_at_one_moment(
    store: Neo4jStore, target: Neo4jStore, tmp_path: Path
) -> None:
    await _typed_graph(store)
    await store.execute(FILLER, count=3000)
    await store.execute("CREATE (:Tally {key: 'tally', step: 0})")
    steps = 0
    waits: list[float] = []
    done = asyncio.Event()

    async def writer() -> None:
        nonlocal steps
        while not done.is_set():
            started = time.monotonic()
            await store.execute(STEP, step=steps + 1)
            waits.append(time.monotonic() - started)
            steps += 1

    writing = asyncio.create_task(writer())
    await asyncio.sleep(0.3)
    taken = await take_backup(store.driver, store.database, tmp_path / "busy.jsonl.gz")
    after_backup = steps
    await asyncio.sleep(0.3)
    done.set()
    await writing

    # Writes went on before, during and after the backup; the barrier held them back for at
    # most its one pass, shorter than the whole backup.
    assert taken.attempts == 3 and taken.barrier, "no write committed while the backup read"
    assert steps > after_backup > 0
    assert max(waits) < taken.seconds

    restored = await restore_backup(target.driver, target.database, taken.path)
    assert restored.matches, restored.differences
    [tally] = await target.query("MATCH (t:Tally) RETURN t.step AS step")
    moment = tally["step"]
    assert 0 < moment <= after_backup
    [probes] = await target.query(
        "MATCH (p:Probe) OPTIONAL MATCH (p)-[c:COUNTED]->() "
        "RETURN count(DISTINCT p) AS probes, count(c) AS links, max(p.step) AS top"
    )
    assert probes == {"probes": moment, "links": moment, "top": moment}
    # The source rolled back to that step is the restored graph, value for value.
    await store.execute(ROLL_BACK_TO, step=moment)
    assert await graph_rows(target) == await graph_rows(store)


async def test_writes_the_gate_cannot_hold_make_the_backup_give_up_leaving_no_file(
    store: Neo4jStore, tmp_path: Path
) -> None:
    await _typed_graph(store)
    await store.execute(FILLER, count=3000)
    await store.execute("CREATE (:Tally {key: 'tally', step: 0})")
    done = asyncio.Event()

    async def outsider() -> None:
        # Another program's writes: straight through the driver, past Lianxin's gate.
        step = 0
        async with store.driver.session(database=store.database) as session:
            while not done.is_set():
                step += 1
                await (await session.run(STEP, step=step)).consume()

    writing = asyncio.create_task(outsider())
    out = tmp_path / "never.jsonl.gz"
    try:
        with pytest.raises(BackupFailed, match="请暂停其他程序对数据库的写入后重试"):
            await take_backup(store.driver, store.database, out)
    finally:
        done.set()
        await writing
    assert list(tmp_path.iterdir()) == []


async def test_restore_refuses_a_database_that_holds_data(
    store: Neo4jStore, target: Neo4jStore, tmp_path: Path
) -> None:
    await _typed_graph(store)
    taken = await take_backup(store.driver, store.database, tmp_path / "b.jsonl.gz")
    await target.execute("CREATE (:Organization {key: 'org/already-here', name: '原有单位'})")
    with pytest.raises(BackupRefused, match="不是空的"):
        await restore_backup(target.driver, target.database, taken.path)
    assert await target.query("MATCH (n) WHERE NOT n:WriteGate RETURN n.key AS key") == [
        {"key": "org/already-here"}
    ]


def _rewrite(path: Path, out: Path, change: Any) -> Path:
    lines = gzip.decompress(path.read_bytes()).splitlines(keepends=True)
    out.write_bytes(gzip.compress(b"".join(change(lines))))
    return out


def _truncated(path: Path, out: Path) -> Path:
    out.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return out


def _flipped(path: Path, out: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out.write_bytes(bytes(data))
    return out


def _edited(path: Path, out: Path) -> Path:
    def change(lines: list[bytes]) -> list[bytes]:
        return [line.replace("瑞景社区".encode(), "别的社区".encode()) for line in lines]

    return _rewrite(path, out, change)


def _without_manifest(path: Path, out: Path) -> Path:
    return _rewrite(path, out, lambda lines: lines[:-1])


def _foreign(path: Path, out: Path) -> Path:
    out.write_bytes(gzip.compress(json.dumps({"hello": "world"}).encode() + b"\n"))
    return out


def _text(path: Path, out: Path) -> Path:
    out.write_text("name,phone\n王小明,13712345678\n", encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_truncated, "不完整"),
        (_flipped, "损坏"),
        (_edited, "损坏"),
        (_without_manifest, "不完整"),
        (_foreign, "不是连心的备份文件"),
        (_text, "不是连心的备份文件"),
    ],
    ids=["truncated", "flipped-byte", "edited-line", "no-manifest", "foreign-json", "not-gzip"],
)
async def test_a_damaged_or_foreign_file_is_refused_in_one_sentence_touching_nothing(
    store: Neo4jStore, target: Neo4jStore, tmp_path: Path, damage: Any, says: str
) -> None:
    await _typed_graph(store)
    taken = await take_backup(store.driver, store.database, tmp_path / "b.jsonl.gz")
    bad = damage(taken.path, tmp_path / "bad.jsonl.gz")
    with pytest.raises(BackupRefused) as refused:
        await restore_backup(target.driver, target.database, bad)
    message = str(refused.value)
    assert says in message
    assert message.count("。") == 1 and message.endswith("。"), message
    assert await target.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


async def test_a_restore_that_fails_part_way_says_it_is_incomplete_and_can_be_run_again(
    store: Neo4jStore,
    target: Neo4jStore,
    restore_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await _typed_graph(store)
    await store.execute(FILLER, count=5000)
    taken = await take_backup(store.driver, store.database, tmp_path / "b.jsonl.gz")
    real = restore_module._write
    calls = 0

    async def failing(*args: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionResetError("the network went away")
        return await real(*args)

    monkeypatch.setattr(restore_module, "_write", failing)
    with pytest.raises(ConnectionResetError):
        await restore_backup(target.driver, target.database, taken.path)
    [mark] = await target.query("MATCH (m:RestoreMark) RETURN m.state AS state, m.file AS file")
    assert mark == {"state": "INCOMPLETE", "file": "b.jsonl.gz"}
    [written] = await target.query("MATCH (n:Filler) RETURN count(n) AS n")
    assert 0 < written["n"] < 5000
    ready = await _readyz(restore_settings)
    assert ready.status_code == 503
    assert "b.jsonl.gz" in ready.json()["restore"] and "incomplete" in ready.json()["restore"]

    monkeypatch.setattr(restore_module, "_write", real)
    again = await restore_backup(target.driver, target.database, taken.path)
    assert again.matches and again.cleared_incomplete
    assert await graph_rows(target) == await graph_rows(store)
    assert await target.query("MATCH (m:RestoreMark) RETURN count(m) AS n") == [{"n": 0}]
    assert (await _readyz(restore_settings)).status_code == 200


async def _readyz(settings: Settings) -> httpx.Response:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/readyz")
