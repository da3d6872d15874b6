"""N concurrent clients over HTTP: a mixed read workload and a mixed read/write one."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence
from typing import Any

import httpx

from bench.questions import REPORT_ISSUE, VERIFY_ISSUE, Question, Targets, report_variables
from bench.timing import admin_headers, post, summary


async def _write(client: httpx.AsyncClient, url: str, t: Targets, tag: str) -> None:
    """Report an issue with a clientRequestId, then verify it: two requests."""
    data = await post(client, url, REPORT_ISSUE, report_variables(t, tag))
    payload = data["reportIssue"]
    if payload["userErrors"] or payload["issue"] is None:
        raise RuntimeError(f"reportIssue: {payload['userErrors']}")
    verified = (await post(client, url, VERIFY_ISSUE, {"id": payload["issue"]["id"]}))[
        "verifyIssue"
    ]
    if verified["userErrors"]:
        raise RuntimeError(f"verifyIssue: {verified['userErrors']}")


async def run(
    url: str,
    reads: Sequence[Question],
    targets: Targets,
    clients: int,
    requests: int,
    write_every: int,
    tag: str,
) -> dict[str, Any]:
    """`requests` operations over `clients` connections; every `write_every`-th one writes."""
    counter = itertools.count()
    latencies: list[float] = []
    errors: list[str] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while (n := next(counter)) < requests:
            started = time.perf_counter()
            try:
                if write_every and n % write_every == write_every - 1:
                    await _write(client, url, targets, f"{tag}-{clients}-{n}")
                else:
                    q = reads[n % len(reads)]
                    await post(client, url, q.query, dict(q.variables), q.headers())
            except Exception as error:  # every failure counts; the run goes on
                errors.append(f"{type(error).__name__}: {str(error)[:200]}")
            latencies.append((time.perf_counter() - started) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120.0, limits=limits, headers=admin_headers()) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        seconds = time.perf_counter() - started
    return {
        "clients": clients,
        "operations": requests,
        "seconds": round(seconds, 2),
        "throughput_ops_s": round(requests / seconds, 2),
        **summary(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
    }
