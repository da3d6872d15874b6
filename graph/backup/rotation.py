"""Scheduled backups' files: named by the time they were taken, the newest few kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

PREFIX = "lianxin-"
SUFFIX = ".jsonl.gz"


def backup_name(folder: Path, at: dt.datetime) -> Path:
    """Where a backup taken at `at` goes: names sort by time."""
    return folder / f"{PREFIX}{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}{SUFFIX}"


def backups(folder: Path) -> list[Path]:
    """The folder's finished backups, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; the ones deleted."""
    found = backups(folder)
    gone = found[: max(len(found) - max(keep, 1), 0)]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
