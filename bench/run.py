"""`python -m bench.run --scale N`: load N× into a fresh Neo4j, time every question, report."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench import concurrency, generate, report
from bench.cypher import BUSIEST_ORGANIZATION, QUIET_ORGANIZATION, SERVER_VERSION, TRIVIAL
from bench.procs import Service, memory_kb
from bench.questions import (
    ISSUES_PAGE,
    REPORT_ISSUE,
    Question,
    Targets,
    capture,
    more_questions,
    questions,
    report_variables,
)
from bench.timing import admin_headers, post, replay, sample, sample_pair, summary
from graph.bundled import BundledNeo4j
from graph.driver import open_driver
from graph.store import Neo4jStore
from resolvers.overdue import OPEN_STATES
from settings import PROJECT_ROOT, Settings

DATA_DIR = PROJECT_ROOT / "var" / "bench-neo4j"
# A kept load: var/bench-neo4j-<scale>, with the load's figures beside the store.
LOADED = "load.json"
PORT = 7790
NESTED_DEPTH = 3
CLIENTS = (1, 8, 32)


async def pick_targets(store: Neo4jStore) -> Targets:
    """Keys the questions ask about, chosen from the demo's named facts."""
    [org] = await store.query(BUSIEST_ORGANIZATION, open=OPEN_STATES)
    [quiet] = await store.query(QUIET_ORGANIZATION, page=20)
    return Targets(
        issue="issue/hotline-2024-00968",
        organization=org["key"],
        project="project/dongxin-relocation",
        search_text="路灯",
        year=2023,
        category="category/heating",
        community="community/xinxing",
        quiet_organization=quiet["key"],
        health_search_text="医保",
        open_states=tuple(OPEN_STATES),
    )


async def neo4j_version(store: Neo4jStore) -> str:
    """The server's version string."""
    rows = await store.query(SERVER_VERSION)
    return str(rows[0]["v"])


async def time_question(
    client: httpx.AsyncClient,
    url: str,
    store: Neo4jStore,
    settings: Settings,
    q: Question,
    runs: int,
) -> dict[str, Any]:
    """GraphQL over HTTP versus the same Cypher through the same driver."""
    statements, trips = await capture(store, settings, q)
    headers = q.headers()
    graphql, cypher = await sample_pair(
        lambda: post(client, url, q.query, dict(q.variables), headers),
        lambda: replay(store, statements),
        runs,
    )
    g, c = summary(graphql), summary(cypher)
    return {
        "graphql": g,
        "cypher": c,
        "ratio_p50": round(g["p50_ms"] / c["p50_ms"], 2),
        "ratio_p95": round(g["p95_ms"] / c["p95_ms"], 2),
        "round_trips": trips,
        "statements": len(statements),
    }


async def time_report(
    client: httpx.AsyncClient,
    url: str,
    store: Neo4jStore,
    settings: Settings,
    targets: Targets,
    runs: int,
) -> dict[str, Any]:
    """`reportIssue` over HTTP, a fresh report each run, and the round trips one report takes."""
    # A write has no replay: run again, its statements would find their keys taken.
    tag = f"{time.time_ns():x}"
    once = Question("reportIssue", REPORT_ISSUE, report_variables(targets, f"{tag}-capture"))
    _, trips = await capture(store, settings, once)
    runs_made = iter(range(runs + 10))
    ms = await sample(
        lambda: post(
            client, url, REPORT_ISSUE, report_variables(targets, f"{tag}-{next(runs_made)}")
        ),
        runs,
    )
    return {"graphql": summary(ms), "round_trips": trips}


async def time_floor(
    client: httpx.AsyncClient, url: str, store: Neo4jStore, runs: int
) -> dict[str, Any]:
    """What any question costs at least: `{ __typename }` over HTTP, a trivial read by driver."""
    graphql, cypher = await sample_pair(
        lambda: post(client, url, "{ __typename }", {}),
        lambda: store.query(TRIVIAL),
        runs,
    )
    return {"graphql": summary(graphql), "cypher": summary(cypher)}


async def time_paging(client: httpx.AsyncClient, url: str, runs: int) -> dict[str, Any]:
    """Page 1 versus page 500, reached by following endCursor 499 times."""
    after: str | None = None
    for _ in range(499):
        data = await post(client, url, ISSUES_PAGE, {"after": after})
        after = data["issues"]["pageInfo"]["endCursor"]
    first, last = await sample_pair(
        lambda: post(client, url, ISSUES_PAGE, {"after": None}),
        lambda: post(client, url, ISSUES_PAGE, {"after": after}),
        runs,
    )
    page1, page500 = summary(first), summary(last)
    return {
        "page1": page1,
        "page500": page500,
        "ratio_p50": round(page500["p50_ms"] / page1["p50_ms"], 2),
    }


async def load(store: Neo4jStore, scale: int, kept: Path | None) -> dict[str, Any]:
    """Load `scale`× unless a kept store already holds it; the load's figures either way."""
    if kept is not None and kept.exists():
        print(f"bench: reusing the load kept in {kept.parent.name}", flush=True)
        figures: dict[str, Any] = json.loads(kept.read_text(encoding="utf-8"))
        return {**figures, "reused": True}

    def progress(done: int, total: int) -> None:
        print(f"\rbench: loading part {done}/{total}", end="", flush=True)

    loaded = await generate.load(store, scale, progress)
    print()
    figures = {
        "nodes": loaded.nodes,
        "relationships": loaded.relationships,
        "seconds": round(loaded.seconds, 1),
        "rows_per_second": round(loaded.rows_per_second),
    }
    if kept is not None:
        kept.write_text(json.dumps(figures), encoding="utf-8")
    return figures


async def measure(
    settings: Settings, scale: int, runs: int, ops: int, kept: Path | None = None
) -> dict[str, Any]:
    """Load, then run every measurement against the service and the driver."""
    results: dict[str, Any] = {"scale": scale}
    async with open_driver(settings) as driver:
        store = Neo4jStore(driver, settings.neo4j_database)
        results["load"] = await load(store, scale, kept)
        results["neo4j_version"] = await neo4j_version(store)
        targets = await pick_targets(store)
        results["targets"] = targets.__dict__
        service = Service(settings.bolt_uri)
        try:
            service.wait_ready()
            async with httpx.AsyncClient(timeout=120.0, headers=admin_headers()) as client:
                print("bench: timing the floor", flush=True)
                results["floor"] = await time_floor(client, service.url, store, runs)
                results["questions"] = {}
                for q in [*questions(targets), *more_questions(targets)]:
                    print(f"bench: timing {q.name}", flush=True)
                    results["questions"][q.name] = await time_question(
                        client, service.url, store, settings, q, runs
                    )
                print("bench: timing reportIssue", flush=True)
                results["writes"] = {
                    "reportIssue": await time_report(
                        client, service.url, store, settings, targets, runs
                    )
                }
                print("bench: timing keyset paging", flush=True)
                results["paging"] = await time_paging(client, service.url, runs)
            results["concurrency"] = {}
            # Reports carry a clientRequestId made from this tag: unique per run, so a kept
            # store's earlier reports are not found again (and then verified twice).
            run_tag = f"{scale}-{time.time_ns():x}"
            reads = questions(targets)
            for workload, write_every in (("read", 0), ("read/write", 4)):
                results["concurrency"][workload] = []
                for clients in CLIENTS:
                    print(f"bench: {workload} with {clients} clients", flush=True)
                    results["concurrency"][workload].append(
                        await concurrency.run(
                            service.url, reads, targets, clients, ops, write_every, run_tag
                        )
                    )
                if workload == "read":
                    # The memory target is read here: after the read workload, before writes.
                    results["memory_after_reads"] = memory_kb(service.process.pid)
            results["memory"] = {"service": memory_kb(service.process.pid)}
        finally:
            service.stop()
    results["nested_depth"] = NESTED_DEPTH
    return results


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark at one scale and write bench/results/<scale>.json."""
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per question and side")
    parser.add_argument("--ops", type=int, default=120, help="operations per concurrency run")
    parser.add_argument("--heap-mb", type=int, default=1024)
    parser.add_argument("--pagecache-mb", type=int, default=1024)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the loaded store in var/bench-neo4j-<scale> and time it again next run",
    )
    args = parser.parse_args(argv)
    base = Settings()
    data_dir = DATA_DIR.with_name(f"{DATA_DIR.name}-{args.scale}") if args.keep else DATA_DIR
    kept = data_dir / LOADED if args.keep else None
    if kept is None or not kept.exists():
        # Without the load's figures a kept store may hold half a load: start it afresh.
        shutil.rmtree(data_dir, ignore_errors=True)
    server = BundledNeo4j(
        data_dir=data_dir,
        port=PORT,
        password=base.neo4j_password.get_secret_value(),
        heap_mb=args.heap_mb,
        pagecache_mb=args.pagecache_mb,
    )
    machine = {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "neo4j_heap_mb": args.heap_mb,
        "neo4j_pagecache_mb": args.pagecache_mb,
    }
    started = time.monotonic()
    print(f"bench: starting Neo4j on {server.uri} ({data_dir.name})", flush=True)
    server.start(timeout=base.neo4j_start_timeout)
    try:
        settings = base.model_copy(update={"neo4j_uri": server.uri, "neo4j_port": PORT})
        results = asyncio.run(measure(settings, args.scale, args.runs, args.ops, kept))
        pid = server.pid()
        results["memory"]["neo4j"] = memory_kb(pid) if pid else {}
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    results["memory"]["bench"] = memory_kb(os.getpid())
    machine["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"] = machine
    results["seconds_total"] = round(time.monotonic() - started, 1)
    path = report.write(args.scale, results)
    print(report.table(results))
    print(f"bench: results written to {path.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
