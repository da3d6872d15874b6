"""`python -m bench.backup --scale N`: back up N× the demo graph and restore it into a fresh Neo4j.

Reports rows (nodes and relationships) per second for the backup and the restore, the file's
size, the restore's phases (checking the file, writing, comparing with the manifest) and the
bench process's peak memory, into bench/results/backup-<N>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import time
from pathlib import Path
from typing import Any

from bench import generate
from graph.backup.restore import restore_backup
from graph.backup.writer import take_backup
from graph.bundled import BundledNeo4j
from graph.driver import open_driver
from graph.store import Neo4jStore
from settings import PROJECT_ROOT, Settings

SOURCE = (PROJECT_ROOT / "var" / "bench-backup-source", 7731)
TARGET = (PROJECT_ROOT / "var" / "bench-backup-target", 7732)
FILE = PROJECT_ROOT / "var" / "bench-backup" / "graph.jsonl.gz"
RESULTS = PROJECT_ROOT / "bench" / "results"


def _server(
    place: tuple[Path, int], base: Settings, heap_mb: int, fresh: bool = True
) -> BundledNeo4j:
    folder, port = place
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    password = base.neo4j_password.get_secret_value()
    return BundledNeo4j(folder, port, password, heap_mb=heap_mb, pagecache_mb=heap_mb)


def _progress(what: str) -> Any:
    started = time.monotonic()

    def show(*counts: int) -> None:
        # A new line each time, with the seconds so far: a run stopped early still tells its rate.
        print(f"bench: {what} {counts} after {time.monotonic() - started:.0f} s", flush=True)

    return show


async def _load(settings: Settings, scale: int) -> dict[str, Any]:
    async with open_driver(settings) as driver:
        store = Neo4jStore(driver, settings.neo4j_database)
        await store.ensure_schema()
        loaded = await generate.load(store, scale, _progress("loading part"))
        print()
        return {"nodes": loaded.nodes, "relationships": loaded.relationships}


async def _backup(settings: Settings) -> dict[str, Any]:
    async with open_driver(settings) as driver:
        taken = await take_backup(
            driver, settings.neo4j_database, FILE, progress=_progress("backup")
        )
    print()
    return {
        "rows": taken.rows,
        "seconds": round(taken.seconds, 1),
        "rows_per_second": round(taken.rows / taken.seconds),
        "file_mb": round(FILE.stat().st_size / 2**20, 1),
        "passes": taken.attempts,
    }


async def _restore(settings: Settings) -> dict[str, Any]:
    async with open_driver(settings) as driver:
        restored = await restore_backup(
            driver, settings.neo4j_database, FILE, progress=_progress("restore")
        )
    print()
    assert restored.matches, restored.differences
    return {
        "rows": restored.rows,
        "seconds": round(restored.seconds, 1),
        "rows_per_second": round(restored.rows / restored.seconds),
        "write_rows_per_second": round(restored.rows / restored.phases["write"]),
        "phases_seconds": {k: round(v, 1) for k, v in restored.phases.items()},
        "matches_manifest": restored.matches,
    }


def main(argv: list[str] | None = None) -> None:
    """Load, back up, restore, compare; write bench/results/backup-<scale>.json."""
    parser = argparse.ArgumentParser(prog="bench.backup", description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--heap-mb", type=int, default=1024)
    parser.add_argument(
        "--load-only", action="store_true", help="load the source, leave it running, stop"
    )
    parser.add_argument(
        "--loaded", action="store_true", help="use the source a --load-only run left running"
    )
    args = parser.parse_args(argv)
    base = Settings()
    source = _server(SOURCE, base, args.heap_mb, fresh=not args.loaded)
    if args.load_only:
        source.start(timeout=base.neo4j_start_timeout)
        at_source = base.model_copy(update={"neo4j_uri": source.uri})
        loaded = asyncio.run(_load(at_source, args.scale))
        (SOURCE[0] / "loaded.json").write_text(json.dumps(loaded), encoding="utf-8")
        print(f"bench: {loaded} loaded and left running on {source.uri}")
        return
    target = _server(TARGET, base, args.heap_mb)
    results: dict[str, Any] = {"scale": args.scale, "loadavg_before": os.getloadavg()}
    try:
        source.start(timeout=base.neo4j_start_timeout)
        target.start(timeout=base.neo4j_start_timeout)
        at_source = base.model_copy(update={"neo4j_uri": source.uri})
        at_target = base.model_copy(update={"neo4j_uri": target.uri})
        if args.loaded:
            results["graph"] = json.loads((SOURCE[0] / "loaded.json").read_text(encoding="utf-8"))
        else:
            results["graph"] = asyncio.run(_load(at_source, args.scale))
        # Only the target runs while the file is restored, and only the source while it is taken.
        target_pid = target.pid()
        results["backup"] = asyncio.run(_backup(at_source))
        source.stop()
        results["restore"] = asyncio.run(_restore(at_target))
        assert target_pid == target.pid()
    finally:
        source.stop()
        target.stop()
        shutil.rmtree(SOURCE[0], ignore_errors=True)
        shutil.rmtree(TARGET[0], ignore_errors=True)
        FILE.unlink(missing_ok=True)
    results["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results["loadavg_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"backup-{args.scale}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"bench: results written to {path.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
