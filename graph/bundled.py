"""The bundled Neo4j Community: build it with Maven once, run it as a background process."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

NEO4J_DIR = Path(__file__).resolve().parent.parent / "neo4j"
TARGET = NEO4J_DIR / "target"
JAR = TARGET / "lianxin-neo4j-1.0.jar"
LIB = TARGET / "lib"
BUILD_STAMP = TARGET / "build.stamp"
SOURCES = (NEO4J_DIR / "pom.xml", NEO4J_DIR / "src" / "main" / "java" / "lianxin" / "Launcher.java")
MAIN_CLASS = "lianxin.Launcher"
# The launcher prints this once the password is set; connecting earlier could trip
# Neo4j's rate limit on failed logins.
READY_MARKER = b"lianxin-neo4j: ready"
# What the launcher's log says when Bolt's port was taken between the check and the bind.
PORT_IN_USE_MARKERS = (b"PortBindException", b"Address already in use")
PORT_TAKEN = (
    "the bundled Neo4j cannot listen on port {port}, which another program holds: "
    "stop that program or choose another port with {setting}."
)

MISSING_TOOLS = (
    "The bundled Neo4j needs Java 17+ ('java') and Maven ('mvn') on PATH: install them, "
    "or set LIANXIN_NEO4J_URI to a Neo4j you already run."
)


class BundledNeo4jError(RuntimeError):
    """The bundled Neo4j could not be built, started or stopped."""


def is_built() -> bool:
    """Whether the Maven build is present and newer than its sources."""
    if not (BUILD_STAMP.exists() and JAR.exists() and LIB.is_dir()):
        return False
    built_at = BUILD_STAMP.stat().st_mtime
    return all(source.stat().st_mtime <= built_at for source in SOURCES)


def build(quiet: bool = True) -> None:
    """Build the launcher and copy Neo4j's jars, unless an up-to-date build exists."""
    if is_built():
        return
    mvn = shutil.which("mvn")
    if shutil.which("java") is None or mvn is None:
        raise BundledNeo4jError(MISSING_TOOLS)
    command = [mvn, "-B", "-f", str(NEO4J_DIR / "pom.xml"), "package", "-DskipTests"]
    if quiet:
        command.insert(2, "-q")
    completed = subprocess.run(command, capture_output=quiet, text=True, check=False)
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout or "").splitlines()[-30:])
        raise BundledNeo4jError(f"Maven could not build the bundled Neo4j:\n{tail}")
    BUILD_STAMP.touch()


@dataclass(frozen=True)
class BundledNeo4j:
    """One bundled Neo4j process: its data folder, Bolt port and memory budget."""

    data_dir: Path
    port: int
    password: str
    heap_mb: int = 512
    pagecache_mb: int = 256
    # The setting that chose the port, named when the port is taken.
    port_setting: str = "LIANXIN_NEO4J_PORT"

    @property
    def uri(self) -> str:
        """The Bolt URI the server listens on."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        """Where the running server's process id is kept."""
        return self.data_dir / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        """Where the server's output goes."""
        return self.data_dir / "neo4j.log"

    def pid(self) -> int | None:
        """The process id of the running server, or None when it is not running."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        return pid

    def start(self, timeout: float = 120.0) -> bool:
        """Start the server unless it runs already; wait until Bolt answers. True if started."""
        if self.pid() is not None:
            self.wait_ready(timeout)
            return False
        # Checked first: Neo4j would find out only after starting, and say it in a stack trace.
        if _port_taken(self.port):
            raise BundledNeo4jError(self.port_taken)
        build()
        java = shutil.which("java")
        if java is None:
            raise BundledNeo4jError(MISSING_TOOLS)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            java,
            f"-Xms{min(self.heap_mb, 256)}m",
            f"-Xmx{self.heap_mb}m",
            "-XX:+UseG1GC",
            "-cp",
            f"{JAR}{os.pathsep}{LIB}/*",
            MAIN_CLASS,
            str(self.data_dir / "db"),
            str(self.port),
        ]
        env = {
            **os.environ,
            "LIANXIN_NEO4J_PASSWORD": self.password,
            "LIANXIN_NEO4J_PAGECACHE_MB": str(self.pagecache_mb),
        }
        with self.log_file.open("ab") as log:
            log_offset = log.tell()
            # posix_spawn rather than Popen: the server outlives this process by design.
            pid = os.posix_spawn(
                java,
                command,
                env,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
                    (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
                ],
                setsid=True,
            )
        self.pid_file.write_text(str(pid))
        try:
            self.wait_ready(timeout, pid, log_offset)
        except BundledNeo4jError:
            self.stop()
            raise
        return True

    def wait_ready(
        self,
        timeout: float,
        spawned: int | None = None,
        log_offset: int | None = None,
    ) -> None:
        """Block until the Python driver connects, or raise with the log's tail."""
        deadline = time.monotonic() + timeout
        auth = ("neo4j", self.password) if self.password else None
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if spawned is not None and not _alive(spawned):
                if any(self._logged(log_offset or 0, marker) for marker in PORT_IN_USE_MARKERS):
                    raise BundledNeo4jError(self.port_taken)
                raise BundledNeo4jError(f"Neo4j exited while starting.\n{self.log_tail()}")
            if log_offset is not None and not self._logged(log_offset, READY_MARKER):
                time.sleep(0.2)
                continue
            try:
                with GraphDatabase.driver(self.uri, auth=auth) as driver:
                    driver.verify_connectivity()
                return
            except (ServiceUnavailable, AuthError, OSError) as error:
                last_error = error
                time.sleep(0.5)
        raise BundledNeo4jError(
            f"Neo4j did not answer on {self.uri} within {timeout:.0f}s ({last_error}).\n"
            f"{self.log_tail()}"
        )

    @property
    def port_taken(self) -> str:
        """The one sentence that says the port is taken and which setting changes it."""
        return PORT_TAKEN.format(port=self.port, setting=self.port_setting)

    def _logged(self, offset: int, marker: bytes) -> bool:
        try:
            with self.log_file.open("rb") as log:
                log.seek(offset)
                return marker in log.read()
        except FileNotFoundError:
            return False

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server with SIGTERM and wait for it to exit. True if it was running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log, for error messages."""
        try:
            text = self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log written)"
        return "--- neo4j log tail ---\n" + "\n".join(text.splitlines()[-lines:])


def _port_taken(port: int) -> bool:
    """Whether another program holds the loopback port Bolt would listen on."""
    with socket.socket() as probe:
        # As a server binds: a port whose old connections linger in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


def _alive(pid: int) -> bool:
    # A child we spawned lingers as a zombie until reaped; reap it so liveness is honest.
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
