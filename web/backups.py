"""Scheduled backups while the service serves: rotating files, and the last one's outcome."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from graph.backup.rotation import backup_name, backups, prune
from graph.backup.writer import take_backup
from graph.store import Neo4jStore
from settings import Settings
from web.metrics import Metrics

log = logging.getLogger("lianxin.backups")

# The first backup after start-up waits this long at least: start-up and seeding go first.
FIRST_DELAY_SECONDS = 60.0


@dataclass
class LastBackup:
    """How the last scheduled backup went."""

    at: dt.datetime
    ok: bool
    file: str | None = None
    rows: int = 0
    seconds: float = 0.0
    error: str | None = None

    def detail(self) -> dict[str, Any]:
        """What /readyz shows of it."""
        shown: dict[str, Any] = {"at": self.at.isoformat(), "result": "ok" if self.ok else "failed"}
        if self.ok:
            shown.update(file=self.file, rows=self.rows, seconds=round(self.seconds, 1))
        else:
            shown["error"] = self.error
        return shown


class BackupSchedule:
    """Takes a backup every `backup_interval_hours` and keeps the newest `backup_keep`."""

    def __init__(self, store: Neo4jStore, settings: Settings, metrics: Metrics) -> None:
        self.store = store
        self.settings = settings
        self.metrics = metrics
        self.hours = settings.backup_interval_hours
        self.last: LastBackup | None = None
        self._task: asyncio.Task[None] | None = None

    def detail(self) -> dict[str, Any]:
        """/readyz's view: the schedule and the last backup's time and result."""
        shown: dict[str, Any] = {"scheduled": self.hours > 0}
        if self.hours > 0:
            shown["everyHours"] = self.hours
        if self.last is not None:
            shown["last"] = self.last.detail()
        return shown

    def start(self) -> None:
        """Begin the schedule (nothing when backups are off)."""
        if self.hours > 0 and self._task is None:
            self._task = asyncio.create_task(self._run(), name="lianxin-backups")

    async def stop(self) -> None:
        """End the schedule; a backup under way is abandoned (its partial file removed)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        await asyncio.sleep(self._first_delay())
        while True:
            await self.take()
            await asyncio.sleep(self.hours * 3600)

    def _first_delay(self) -> float:
        # A service restarted often still backs up on time: the newest file says when.
        found = backups(self.settings.backup_dir)
        if not found:
            return FIRST_DELAY_SECONDS
        age = time.time() - found[-1].stat().st_mtime
        return max(self.hours * 3600 - age, FIRST_DELAY_SECONDS)

    async def take(self) -> LastBackup:
        """Take one backup now, rotate the old ones, and record how it went."""
        folder = self.settings.backup_dir
        now = dt.datetime.now(dt.UTC)
        try:
            taken = await take_backup(
                self.store.driver, self.store.database, backup_name(folder, now)
            )
        except Exception as error:  # a failed backup must not end the schedule or the service
            log.warning("scheduled backup failed: %s: %s", type(error).__name__, error)
            self.last = LastBackup(now, ok=False, error=f"{type(error).__name__}: {error}")
            self.metrics.backups.labels("failed").inc()
            self.metrics.backup_ok.set(0)
            return self.last
        prune(folder, self.settings.backup_keep)
        self.last = LastBackup(now, True, taken.path.name, taken.rows, taken.seconds)
        log.info(
            "scheduled backup %s: %d rows in %.1f s", taken.path.name, taken.rows, taken.seconds
        )
        self.metrics.backups.labels("ok").inc()
        self.metrics.backup_ok.set(1)
        self.metrics.backup_success.set(time.time())
        self.metrics.backup_seconds.set(taken.seconds)
        self.metrics.backup_rows.set(taken.rows)
        return self.last
