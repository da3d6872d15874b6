"""`lianxin` as a real process: free ports, its environment, and whether a process or port lives."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from settings import PROJECT_ROOT

LIANXIN = Path(sys.executable).parent / "lianxin"
SECRET = "lianxin-test-secret-of-at-least-32-bytes"


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:`port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    # The state follows the parenthesised command name.
    return stat.rpartition(")")[2].split()[0] != "Z"


def environment(data: Path, port: int, neo4j_port: int) -> dict[str, str]:
    """The environment of a `lianxin serve` on its own ports and data folder, bundled Neo4j."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LIANXIN_") or name == "LIANXIN_NEO4J_PASSWORD"
    }
    env.update(
        LIANXIN_PORT=str(port),
        LIANXIN_NEO4J_PORT=str(neo4j_port),
        LIANXIN_NEO4J_DATA=str(data),
        LIANXIN_AUTH_SECRET=SECRET,
        LIANXIN_NEO4J_HEAP_MB="256",
        LIANXIN_NEO4J_PAGECACHE_MB="64",
        PYTHONUNBUFFERED="1",
    )
    return env


def serve(env: dict[str, str], output: Path) -> subprocess.Popen[bytes]:
    """Start `lianxin serve --no-seed`, its stdout and stderr going to `output`."""
    with output.open("wb") as sink:
        return subprocess.Popen(
            [str(LIANXIN), "serve", "--no-seed"],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def wait_healthy(process: subprocess.Popen[bytes], port: int, output: Path, timeout: float) -> None:
    """Block until /healthz answers; fail with the process's output if it ends or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"lianxin serve ended early:\n{output.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"/healthz did not answer in {timeout:.0f}s:\n{output.read_text()}")
