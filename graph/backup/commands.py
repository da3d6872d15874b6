"""Backup and restore as `lianxin` runs them: connect, run, say what happened in Chinese."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.backup.restore import Progress as RestoreProgress
from graph.backup.restore import Restored, restore_backup
from graph.backup.rotation import backup_name
from graph.backup.writer import Progress as BackupProgress
from graph.backup.writer import Taken, take_backup
from graph.driver import open_driver
from graph.errors import StoreUnavailable
from settings import Settings


def default_file(settings: Settings) -> Path:
    """Where `lianxin backup` writes without --out."""
    return backup_name(settings.backup_dir, dt.datetime.now(dt.UTC))


def _unreachable(settings: Settings, error: Exception) -> StoreUnavailable:
    start = (
        "先启动服务（lianxin serve）或 Neo4j（make neo4j-start），"
        if settings.uses_bundled_neo4j
        else ""
    )
    return StoreUnavailable(
        f"连不上 Neo4j（{settings.bolt_uri}）：{start}或检查 LIANXIN_NEO4J_URI、"
        f"LIANXIN_NEO4J_USER 和 LIANXIN_NEO4J_PASSWORD。（{type(error).__name__}）"
    )


async def backup(settings: Settings, out: Path, progress: BackupProgress | None = None) -> Taken:
    """Take a backup of the configured database into `out`."""
    async with open_driver(settings) as driver:
        try:
            await driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as error:
            raise _unreachable(settings, error) from None
        return await take_backup(driver, settings.neo4j_database, out, progress=progress)


async def restore(
    settings: Settings, path: Path, progress: RestoreProgress | None = None
) -> Restored:
    """Restore `path` into the configured database."""
    async with open_driver(settings) as driver:
        try:
            await driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as error:
            raise _unreachable(settings, error) from None
        return await restore_backup(driver, settings.neo4j_database, path, progress=progress)


async def backup_on_terminal(settings: Settings, out: Path) -> Taken:
    """`backup`, showing its progress on stderr when that is a terminal."""
    progress = _terminal_progress("备份")
    try:
        return await backup(settings, out, progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)


async def restore_on_terminal(settings: Settings, path: Path) -> Restored:
    """`restore`, showing its progress on stderr when that is a terminal."""
    progress = _terminal_progress("恢复")
    try:
        return await restore(settings, path, progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)


def _terminal_progress(what: str) -> Callable[..., None] | None:
    if not sys.stderr.isatty():
        return None

    def show(*counts: int) -> None:
        print(f"\rlianxin: {what} {progress_line(*counts)}", end="", file=sys.stderr)

    return show


def progress_line(*counts: int) -> str:
    """A progress line: rows done of all, for a backup's four counts or a restore's two."""
    if len(counts) == 4:
        nodes, relationships, all_nodes, all_relationships = counts
        return f"节点 {nodes:,}/{all_nodes:,}，关系 {relationships:,}/{all_relationships:,}   "
    done, total = counts
    return f"{done:,}/{total:,} 行（{done * 100 // max(total, 1)}%）   "


def taken_line(taken: Taken) -> str:
    """What a finished backup holds, in one line."""
    manifest = taken.manifest
    how = "写入暂停了一遍读取的时间" if taken.barrier else "未阻塞写入"
    return (
        f"lianxin: 已备份到 {taken.path}：节点 {manifest['nodes']:,} 个、关系 "
        f"{manifest['relationships']:,} 条、索引和约束 {manifest['schema']} 个，为 "
        f"{manifest['at']} 时的图；用时 {taken.seconds:.1f} 秒"
        f"（{taken.rows / max(taken.seconds, 1e-6):,.0f} 行/秒，第 {taken.attempts} 遍，{how}）"
    )


def restored_lines(restored: Restored) -> list[str]:
    """What a restore wrote and whether it matches its manifest."""
    found = [
        "lianxin: 已清空上次未完成的恢复，重新恢复" if restored.cleared_incomplete else "",
        f"lianxin: 已恢复 {restored.manifest['at']} 时的图：节点 {restored.nodes:,} 个、关系 "
        f"{restored.relationships:,} 条，用时 {restored.seconds:.1f} 秒"
        f"（{restored.rows / max(restored.seconds, 1e-6):,.0f} 行/秒）",
    ]
    if restored.matches:
        found.append("lianxin: 计数和校验和与备份清单一致，数据库可以使用。")
    else:
        found.append(
            "lianxin: 计数或校验和与备份清单不一致，数据库仍标记为未完成恢复："
            + "；".join(restored.differences[:10])
        )
    return [line for line in found if line]
