"""A taken Bolt port reads as one sentence naming the setting, found before or after launching."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.bundled import BundledNeo4j, BundledNeo4jError

# What Neo4j 5 writes when Bolt's port is taken (abridged from a real launcher log).
JAVA_TRACE = b"""\
Exception in thread "main" java.lang.RuntimeException: Error starting Neo4j database server
\tat lianxin.Launcher.main(Launcher.java:45)
Caused by: org.neo4j.configuration.helpers.PortBindException: An error occurred while trying \
to bind to the socket /127.0.0.1:7835
Caused by: io.netty.channel.unix.Errors$NativeIoException: bind(..) failed with error(-98): \
Address already in use
"""


@pytest.fixture
def taken() -> Iterator[int]:
    """A loopback port another program listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def _ended_pid() -> int:
    """The id of a process that has already exited and been reaped."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_taken_port_is_refused_before_anything_is_launched(taken: int, tmp_path: Path) -> None:
    server = BundledNeo4j(data_dir=tmp_path / "neo4j", port=taken, password="")
    with pytest.raises(BundledNeo4jError) as raised:
        server.start(timeout=5)
    assert str(raised.value) == (
        f"the bundled Neo4j cannot listen on port {taken}, which another program holds: "
        "stop that program or choose another port with LIANXIN_NEO4J_PORT."
    )
    assert not server.pid_file.exists()
    assert not server.log_file.exists()


def test_the_sentence_names_the_setting_that_chose_the_port(taken: int, tmp_path: Path) -> None:
    server = BundledNeo4j(tmp_path, taken, "", port_setting="LIANXIN_TEST_NEO4J_PORT")
    with pytest.raises(BundledNeo4jError, match=r"with LIANXIN_TEST_NEO4J_PORT\.$"):
        server.start(timeout=5)


def test_a_port_taken_after_the_check_is_read_from_the_launchers_log(tmp_path: Path) -> None:
    server = BundledNeo4j(data_dir=tmp_path, port=7835, password="")
    # An earlier run's failure, before this start's offset, is not this start's.
    server.log_file.write_bytes(b"lianxin-neo4j: ready on bolt://127.0.0.1:7835\n")
    offset = server.log_file.stat().st_size
    with server.log_file.open("ab") as log:
        log.write(JAVA_TRACE)
    with pytest.raises(BundledNeo4jError) as raised:
        server.wait_ready(5, _ended_pid(), offset)
    message = str(raised.value)
    assert message == server.port_taken
    assert "LIANXIN_NEO4J_PORT" in message
    assert "\n" not in message and "Exception" not in message


def test_another_early_exit_still_shows_the_logs_tail(tmp_path: Path) -> None:
    server = BundledNeo4j(data_dir=tmp_path, port=7835, password="")
    server.log_file.write_bytes(JAVA_TRACE + b"\n")
    offset = server.log_file.stat().st_size
    with server.log_file.open("ab") as log:
        log.write(b"java.lang.OutOfMemoryError: Java heap space\n")
    with pytest.raises(BundledNeo4jError) as raised:
        server.wait_ready(5, _ended_pid(), offset)
    message = str(raised.value)
    assert message.startswith("Neo4j exited while starting.")
    assert "OutOfMemoryError" in message
