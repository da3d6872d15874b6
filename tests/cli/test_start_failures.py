"""`lianxin serve` that cannot start says why in one sentence naming the setting to change."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.bundled import BundledNeo4j
from tests.support.process import alive, environment, free_port, listening, serve

# Each case fails before Neo4j has to start, so a minute is far more than it needs.
EXIT_SECONDS = 60.0


@pytest.fixture
def taken() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def _run(data: Path, port: int, neo4j_port: int, tmp_path: Path) -> tuple[int, list[str]]:
    output = tmp_path / "serve.log"
    process = serve(environment(data, port, neo4j_port), output)
    try:
        status = process.wait(timeout=EXIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.terminate()
        process.wait()
        raise
    finally:
        # Whatever a failing run left running is stopped.
        BundledNeo4j(data_dir=data, port=neo4j_port, password="").stop()
    return status, [line for line in output.read_text().splitlines() if line.strip()]


def test_a_taken_service_port_is_one_sentence_before_anything_starts(
    taken: int, tmp_path: Path
) -> None:
    data = tmp_path / "neo4j"
    neo4j_port = free_port()
    status, lines = _run(data, taken, neo4j_port, tmp_path)
    assert status == 1
    # Nothing else: no token, no URL, no Neo4j started and stopped again.
    [line] = lines
    assert "LIANXIN_PORT" in line
    assert str(taken) in line
    assert line.count(". ") == 0 and line.endswith(".")
    assert not (data / "neo4j.pid").exists()
    assert not listening(neo4j_port)


def test_a_taken_neo4j_port_is_one_sentence_not_a_stack_trace(taken: int, tmp_path: Path) -> None:
    data = tmp_path / "neo4j"
    port = free_port()
    status, lines = _run(data, port, taken, tmp_path)
    assert status == 1
    text = "\n".join(lines)
    assert "LIANXIN_NEO4J_PORT" in lines[-1]
    assert str(taken) in lines[-1]
    assert lines[-1].count(". ") == 0 and lines[-1].endswith(".")
    assert text.count("LIANXIN_NEO4J_PORT") == 1
    for trace in ("Exception", "\tat ", "java.", "Traceback"):
        assert trace not in text
    assert not any("token" in line.lower() or "graphiql" in line.lower() for line in lines)
    pid = data / "neo4j.pid"
    assert not pid.exists() or not alive(int(pid.read_text()))
    assert not listening(port)
