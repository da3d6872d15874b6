"""The results file and the table printed at the end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def write(scale: int, results: dict[str, Any]) -> Path:
    """Write bench/results/<scale>.json."""
    return write_named(str(scale), results)


def write_named(name: str, results: dict[str, Any]) -> Path:
    """Write bench/results/<name>.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def table(results: dict[str, Any]) -> str:
    """A plain-text summary of every figure."""
    load = results["load"]
    lines = [
        f"Lianxin bench, scale {results['scale']}x: {load['nodes']} nodes + "
        f"{load['relationships']} rels in {load['seconds']}s = "
        f"{load['rows_per_second']:.0f} rows/s (target >= 20000)",
        "",
        f"{'question':<20}{'GraphQL p50':>12}{'p95':>9}{'Cypher p50':>12}{'p95':>9}"
        f"{'ratio':>8}{'trips':>7}",
    ]
    floor = results.get("floor")
    if floor is not None:
        g, c = floor["graphql"], floor["cypher"]
        lines.append(
            f"{'floor':<20}{g['p50_ms']:>12.1f}{g['p95_ms']:>9.1f}{c['p50_ms']:>12.1f}"
            f"{c['p95_ms']:>9.1f}{g['p50_ms'] / c['p50_ms']:>8.2f}{1:>7}"
        )
    for name, q in results["questions"].items():
        g, c = q["graphql"], q["cypher"]
        lines.append(
            f"{name:<20}{g['p50_ms']:>12.1f}{g['p95_ms']:>9.1f}{c['p50_ms']:>12.1f}"
            f"{c['p95_ms']:>9.1f}{q['ratio_p50']:>8.2f}{q['round_trips']:>7}"
        )
    for name, w in results.get("writes", {}).items():
        g = w["graphql"]
        lines.append(
            f"{name:<20}{g['p50_ms']:>12.1f}{g['p95_ms']:>9.1f}{'(write)':>12}{'':>9}{'':>8}"
            f"{w['round_trips']:>7}"
        )
    paging = results["paging"]
    lines += [
        "",
        f"keyset paging: page 1 p50 {paging['page1']['p50_ms']} ms, page 500 p50 "
        f"{paging['page500']['p50_ms']} ms, ratio {paging['ratio_p50']} (target <= 1.2)",
        f"nested query round trips: {results['questions']['nested']['round_trips']} "
        f"(depth {results['nested_depth']})",
        "",
        f"{'workload':<12}{'clients':>8}{'ops/s':>9}{'p50':>9}{'p95':>9}{'errors':>8}",
    ]
    for workload, runs in results["concurrency"].items():
        for r in runs:
            lines.append(
                f"{workload:<12}{r['clients']:>8}{r['throughput_ops_s']:>9.1f}"
                f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['errors']:>8}"
            )
    mem = results["memory"]
    lines += [
        "",
        f"peak RSS: service {mem['service']['VmHWM'] / 1024:.0f} MB, "
        f"neo4j {mem['neo4j']['VmHWM'] / 1024:.0f} MB, "
        f"bench client {mem['bench']['VmHWM'] / 1024:.0f} MB",
        f"service RSS after the read workload: "
        f"{results.get('memory_after_reads', {}).get('VmRSS', 0) / 1024:.0f} MB (target <= 150)",
        f"load average: before {results['machine']['loadavg_before']}, "
        f"after {results['machine']['loadavg_after']}",
    ]
    return "\n".join(lines)
