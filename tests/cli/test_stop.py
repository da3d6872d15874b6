"""`lianxin serve` stopped by a signal stops the bundled Neo4j it started, whenever it comes."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.bundled import BundledNeo4j
from tests.support.process import (
    alive,
    environment,
    free_port,
    listening,
    serve,
    wait_healthy,
)

# A fresh data folder costs Neo4j a few seconds more to start: the tests here share one.
START_SECONDS = 180.0
STOP_SECONDS = 90.0


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Neo4j data folder of this module's services."""
    return tmp_path_factory.mktemp("neo4j")


@pytest.fixture
def neo4j_port(data: Path) -> Iterator[int]:
    """A free Bolt port; whatever a failing test left running on it is stopped afterwards."""
    port = free_port()
    yield port
    BundledNeo4j(data_dir=data, port=port, password="").stop()


def _neo4j_pid(data: Path) -> int:
    return int((data / "neo4j.pid").read_text().strip())


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_a_serving_service_stops_it_and_its_neo4j(
    signum: signal.Signals, data: Path, neo4j_port: int, tmp_path: Path
) -> None:
    port = free_port()
    output = tmp_path / "serve.log"
    process = serve(environment(data, port, neo4j_port), output)
    try:
        wait_healthy(process, port, output, START_SECONDS)
        neo4j = _neo4j_pid(data)
        assert alive(neo4j) and listening(neo4j_port)
        process.send_signal(signum)
        status = process.wait(timeout=STOP_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = output.read_text()
    # It ends as the signal asks (killed by it, or its shell-style exit status).
    assert status in (-signum, 128 + signum), log
    assert not alive(neo4j), log
    assert not listening(neo4j_port), log
    assert not listening(port), log
    assert not (data / "neo4j.pid").exists(), log
    assert "stopping the bundled Neo4j" in log
    assert "Traceback" not in log


def test_sigterm_while_neo4j_starts_stops_it_too(
    data: Path, neo4j_port: int, tmp_path: Path
) -> None:
    port = free_port()
    output = tmp_path / "serve.log"
    process = serve(environment(data, port, neo4j_port), output)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not (data / "neo4j.pid").exists() and time.monotonic() < deadline:
            assert process.poll() is None, output.read_text()
            time.sleep(0.05)
        neo4j = _neo4j_pid(data)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=STOP_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = output.read_text()
    assert status in (-signal.SIGTERM, 128 + signal.SIGTERM), log
    assert not alive(neo4j), log
    assert not listening(neo4j_port), log
    assert "GraphiQL" not in log
    assert "Traceback" not in log
