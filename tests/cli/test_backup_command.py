"""`lianxin backup` and `lianxin restore` as an operator runs them, against real databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph.model import Label
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture

LIANXIN = str(Path(sys.executable).with_name("lianxin"))


def _run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LIANXIN_NEO4J_URI": str(settings.neo4j_uri),
        "LIANXIN_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    }
    return subprocess.run(
        [LIANXIN, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


async def test_backup_then_restore_into_an_empty_database_and_refusals(
    store: Neo4jStore,
    settings: Settings,
    target: Neo4jStore,
    restore_settings: Settings,
    tmp_path: Path,
) -> None:
    f = Fixture()
    f.add(Label.AREA, "area/cli", name="瑞景社区", level="COMMUNITY")
    f.add(Label.ORGANIZATION, "org/cli", name="供水公司", kind="SERVICE_COMPANY")
    await f.write(store)
    out = tmp_path / "graph.jsonl.gz"

    taken = _run(settings, "backup", "--out", str(out))
    assert taken.returncode == 0, taken.stderr
    assert f"已备份到 {out}" in taken.stdout and "行/秒" in taken.stdout
    assert out.is_file()

    restored = _run(restore_settings, "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert "计数和校验和与备份清单一致" in restored.stdout
    assert await target.query("MATCH (a:Area {key: 'area/cli'}) RETURN a.name AS name") == [
        {"name": "瑞景社区"}
    ]

    again = _run(restore_settings, "restore", str(out))
    assert again.returncode == 1
    assert "目标数据库不是空的" in again.stderr
    assert again.stderr.count("\n") == 1

    foreign = tmp_path / "notes.txt"
    foreign.write_text("这不是备份\n", encoding="utf-8")
    await target.clear()
    refused = _run(restore_settings, "restore", str(foreign))
    assert refused.returncode == 1
    assert (
        refused.stderr
        == f"lianxin: {foreign} 不是连心的备份文件（不是 gzip 压缩的 JSON Lines），不能恢复。\n"
    )
    assert await target.query("MATCH (n) WHERE NOT n:WriteGate RETURN count(n) AS n") == [{"n": 0}]
