"""The `lianxin` command: serve, seed, export-schema, and the bundled Neo4j's life cycle."""

from __future__ import annotations

import argparse
import asyncio
import errno
import signal
import socket
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from demo.seed import seed
from graph.backup import commands as backups
from graph.backup.format import BackupRefused
from graph.backup.writer import BackupFailed
from graph.bundled import BundledNeo4j, BundledNeo4jError, build
from graph.driver import open_driver
from graph.errors import StoreError
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.access.tokens import mint_token
from resolvers.errors import BadUserInput
from resolvers.ledgers.columns import LEDGERS, ORDER
from resolvers.ledgers.reader import LedgerRefused
from settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from resolvers.ledgers.importer import Plan, Summary

# What stops the service: Ctrl-C, and what `systemctl stop` and `docker stop` send.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StartupError(RuntimeError):
    """The service cannot start; the message says which setting to change."""


class Stop(BaseException):
    """A stop signal, raised wherever the program is so that every `finally` runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signum)


def bundled_server(settings: Settings) -> BundledNeo4j:
    """The bundled Neo4j described by `settings`."""
    return BundledNeo4j(
        data_dir=settings.neo4j_data,
        port=settings.neo4j_port,
        password=settings.neo4j_password.get_secret_value(),
        heap_mb=settings.neo4j_heap_mb,
        pagecache_mb=settings.neo4j_pagecache_mb,
    )


async def _seed(settings: Settings, reset: bool, only_if_empty: bool) -> None:
    async with open_driver(settings) as driver:
        store = Neo4jStore(driver, settings.neo4j_database)
        await store.ensure_schema()
        if reset:
            await store.clear()
        elif only_if_empty and sum((await store.count_by_label()).values()) > 0:
            print("lianxin: the database holds data already; not seeding.")
            return
        started = time.monotonic()

        def progress(step: str, done: int, total: int) -> None:
            print(f"\rlianxin: seeding [{done}/{total}] {step:<40}", end="", flush=True)

        report = await seed(store, progress=progress)
        print(f"\nlianxin: demo graph seeded in {time.monotonic() - started:.1f}s: {report}")


def cmd_seed(args: argparse.Namespace, settings: Settings) -> None:
    """Load the demo graph (idempotent)."""
    asyncio.run(_seed(settings, reset=args.reset, only_if_empty=False))


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    """Start the bundled Neo4j unless a URI is set, seed it if empty, and serve."""
    # Bound before anything starts or prints: a taken port is the first and only thing said.
    listener = listen(settings.host, settings.port)
    # uvicorn handles these signals while it serves and raises them again once it has shut
    # down; raised here, they unwind through the `finally` that stops the bundled Neo4j.
    previous = {signum: signal.signal(signum, _raise_stop) for signum in STOP_SIGNALS}
    stopped_by: int | None = None
    try:
        _serve(args, settings, listener)
    except Stop as stop:
        stopped_by = stop.signum
    finally:
        listener.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if stopped_by is not None:
        # End as the signal asks, so a service manager reads the exit status it expects.
        signal.signal(stopped_by, signal.SIG_DFL)
        signal.raise_signal(stopped_by)


def listen(host: str, port: int) -> socket.socket:
    """The service's socket, bound but not yet listening; StartupError if it cannot be."""
    # As uvicorn binds one socket: IPv6 for an address with colons, else IPv4 (so `localhost`
    # answers on 127.0.0.1 whatever order the resolver gives).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, family=family, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror:
        raise StartupError(
            f"LIANXIN_HOST {host} is not a name or address of this machine: set it to one."
        ) from None
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as error:
        listener.close()
        raise StartupError(_bind_failure(host, port, error)) from None
    return listener


def _bind_failure(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is taken by another program: stop it or set LIANXIN_PORT "
            "to a free port."
        )
    if error.errno == errno.EACCES:
        return f"this user may not listen on port {port}: set LIANXIN_PORT to a port above 1023."
    return (
        f"cannot listen on {host} port {port} ({error.strerror}): check LIANXIN_HOST and "
        "LIANXIN_PORT."
    )


def _serve(args: argparse.Namespace, settings: Settings, listener: socket.socket) -> None:
    import uvicorn

    from web.app import create_app
    from web.logs import configure_logging

    server = bundled_server(settings) if settings.uses_bundled_neo4j else None
    # Started here means stopped here, whatever ends the service: a signal even mid-start.
    owned = server is not None and server.pid() is None
    try:
        if server is not None:
            print(f"lianxin: starting the bundled Neo4j on {server.uri} (log: {server.log_file})")
            server.start(timeout=settings.neo4j_start_timeout)
            settings = settings.model_copy(update={"neo4j_uri": server.uri})
        if not args.no_seed:
            asyncio.run(_seed(settings, reset=False, only_if_empty=True))
        base = f"http://{settings.host}:{settings.port}"
        if not (settings.console_dir / "index.html").is_file():
            print("lianxin: the console is not built; run `make console` to build it")
        if settings.auth_jwks_file is None:
            token = mint_token(settings, sub="demo-admin", role=Role.ADMIN)
            # In the fragment, the token never reaches a server log; the console keeps it.
            print(f"lianxin: the console, signed in as ADMIN ({settings.token_hours:g} h):")
            print(f"  {base}/#token={token}")
            print(f"lianxin: GraphiQL at {base}/graphql (it uses the console's sign-in)")
            print(f"lianxin: for other clients, the header  Authorization: Bearer {token}")
        else:
            print(f"lianxin: the console at {base}/ and GraphiQL at {base}/graphql")
        # The service's own loggers (lianxin.*) report at the configured level beside uvicorn's.
        log_config = configure_logging(settings)
        config = uvicorn.Config(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level.lower(),
            log_config=log_config,
        )
        sockets = [listener]
        if settings.metrics_port is not None:
            # The same app on a second port, which answers /metrics alone, to no one else.
            sockets.append(listen(settings.metrics_host, settings.metrics_port))
            print(
                f"lianxin: metrics at http://{settings.metrics_host}:{settings.metrics_port}/metrics"
            )
        uvicorn.Server(config).run(sockets=sockets)
    finally:
        if server is not None and owned:
            _stop_bundled(server)


def _stop_bundled(server: BundledNeo4j) -> None:
    # Deaf to further stop signals meanwhile: a second Ctrl-C must not leave it half stopped.
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    if server.pid() is not None:
        print("lianxin: stopping the bundled Neo4j", flush=True)
        server.stop()


def cmd_token(args: argparse.Namespace, settings: Settings) -> None:
    """Print a bearer token for local use, signed with this service's secret."""
    role = Role(args.role)
    sub = args.sub or (f"local-{role.value.lower()}" if role is not Role.OBSERVER else None)
    if sub is None:
        raise BadUserInput("an OBSERVER token needs --sub: the observer's person key")
    print(mint_token(settings, sub=sub, role=role, org=args.org, hours=args.hours))


def cmd_neo4j(args: argparse.Namespace, settings: Settings) -> None:
    """Build, start, stop or report the bundled Neo4j."""
    server = bundled_server(settings)
    if args.action == "build":
        build(quiet=False)
    elif args.action == "start":
        started_at = time.monotonic()
        started = server.start(timeout=settings.neo4j_start_timeout)
        state = "started" if started else "already running"
        print(f"lianxin: Neo4j {state} on {server.uri} in {time.monotonic() - started_at:.1f}s")
    elif args.action == "stop":
        print("lianxin: Neo4j stopped" if server.stop() else "lianxin: Neo4j was not running")
    else:
        pid = server.pid()
        print(f"lianxin: Neo4j running, pid {pid}" if pid else "lianxin: Neo4j not running")


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> None:
    """Write the GraphQL SDL."""
    from schema import schema

    text = schema.as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")


async def _import(args: argparse.Namespace, settings: Settings, ledger: Plan) -> int:
    from resolvers.ledgers.importer import import_ledger

    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        print(
            f"\rlianxin: imported {done}/{total} rows ({rate:,.0f} rows/s)", end="", file=sys.stderr
        )

    async with open_driver(settings) as driver:
        summary = await import_ledger(
            Neo4jStore(driver, settings.neo4j_database),
            ledger,
            dry_run=args.dry_run,
            batch_size=args.batch_size,
            progress=progress if ledger.rows > args.batch_size else None,
            lang=args.lang,
        )
    if ledger.rows > args.batch_size and not args.dry_run:
        print(file=sys.stderr)
    return print_summary(summary, args.lang)


def print_summary(summary: Summary, lang: str = "zh") -> int:
    """Print an import's summary: counts per ledger, skipped rows, columns left out; exit code."""
    if lang == "en":
        mode = " (dry run: nothing written)" if summary.dry_run else ""
        print(f"lianxin: {summary}{mode}")
    else:
        mode = "（试导入：未写入任何数据）" if summary.dry_run else ""
        print(
            f"lianxin: 读取 {summary.read} 行，有效 {summary.valid} 行，写入 {summary.written} 行，"
            f"拒绝 {summary.rejected} 行，跳过 {summary.skipped} 行（合计、备注、签名等），"
            f"用时 {summary.seconds:.1f} 秒{mode}"
        )
    for kind, tally in summary.ledgers.items():
        if lang == "en":
            skipped = f", {tally.skipped} skipped" if tally.skipped else ""
            counts = f"{tally.read} read, {tally.valid} valid, {tally.written} written"
            print(f"  {kind}: {counts}{skipped}")
            if tally.skipped_rows:
                rows = ", ".join(f"{row} ({word})" for _, row, word in tally.skipped_rows)
                print(f"  {kind}: rows skipped: {rows}")
            if tally.unknown:
                print(f"  {kind}: columns not imported: {'、'.join(tally.unknown)}")
            continue
        sheet = LEDGERS[kind].sheet if kind in LEDGERS else kind
        skipped = f"，跳过 {tally.skipped} 行" if tally.skipped else ""
        counts = f"读取 {tally.read} 行，有效 {tally.valid} 行，写入 {tally.written} 行"
        print(f"  {sheet}：{counts}{skipped}")
        if tally.skipped_rows:
            rows = "、".join(f"第 {row} 行（{word}）" for _, row, word in tally.skipped_rows)
            print(f"  {sheet}：未导入的合计、备注、签名行：{rows}")
        if tally.unknown:
            print(f"  {sheet}：以下列未导入（连心不认识这些列名）：{'、'.join(tally.unknown)}")
    if summary.errors_file is not None:
        if lang == "en":
            print(f"lianxin: {summary.rejected} rows rejected; see {summary.errors_file}")
        else:
            print(f"lianxin: 拒绝 {summary.rejected} 行，逐行原因见 {summary.errors_file}")
        return 1
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> None:
    """Import a ledger (台账) from .xlsx or .csv; rows are merged by stable key."""
    from resolvers.ledgers.importer import read_ledger

    if args.batch_size < 1:
        sys.exit("lianxin: --batch-size must be at least 1")
    # The file is read and checked before connecting: a refused file touches nothing.
    ledger = read_ledger(Path(args.file), args.kind, Path(args.mapping) if args.mapping else None)
    status = asyncio.run(_import(args, settings, ledger))
    if status:
        sys.exit(status)


async def _export(args: argparse.Namespace, settings: Settings) -> dict[str, int]:
    from resolvers.ledgers.exporter import export_ledgers

    kinds = [args.kind] if args.kind else list(ORDER)
    async with open_driver(settings) as driver:
        store = Neo4jStore(driver, settings.neo4j_database)
        return await export_ledgers(store, Path(args.output), kinds)


def cmd_export(args: argparse.Namespace, settings: Settings) -> None:
    """Export ledgers (台账) to an .xlsx workbook, one sheet per kind."""
    counts = asyncio.run(_export(args, settings))
    rows = ", ".join(f"{kind} {count}" for kind, count in counts.items())
    print(f"lianxin: wrote {args.output}: {rows}")


async def _template(args: argparse.Namespace, settings: Settings, out: Path) -> Path:
    from resolvers.ledgers.template import write_template

    async with open_driver(settings) as driver:
        store = Neo4jStore(driver, settings.neo4j_database)
        return await write_template(store, args.kind, out)


def cmd_ledger_template(args: argparse.Namespace, settings: Settings) -> None:
    """Write a ledger template: headers, an example row, dropdowns drawn from the graph."""
    out = Path(args.out or f"{LEDGERS[args.kind].sheet}台账模板.xlsx")
    asyncio.run(_template(args, settings, out))
    print(f"lianxin: 已写入{LEDGERS[args.kind].sheet}台账模板 {out}")


def cmd_backup(args: argparse.Namespace, settings: Settings) -> None:
    """Back up the whole graph, online, to one compressed file (JSON Lines and a manifest)."""
    out = Path(args.out) if args.out else backups.default_file(settings)
    print(backups.taken_line(asyncio.run(backups.backup_on_terminal(settings, out))))


def cmd_restore(args: argparse.Namespace, settings: Settings) -> None:
    """Restore a backup into an empty database, then compare it with the file's manifest."""
    restored = asyncio.run(backups.restore_on_terminal(settings, Path(args.file)))
    for line in backups.restored_lines(restored):
        print(line)
    if not restored.matches:
        sys.exit(1)


def parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    root = argparse.ArgumentParser(prog="lianxin", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help=cmd_serve.__doc__)
    serve.add_argument("--no-seed", action="store_true", help="do not seed an empty database")
    serve.set_defaults(run=cmd_serve)

    token = commands.add_parser("token", help=cmd_token.__doc__)
    token.add_argument("--role", required=True, choices=[role.value for role in Role])
    token.add_argument("--org", help="organization key (required for COORDINATOR)")
    token.add_argument("--sub", help="subject: a person key (required for OBSERVER)")
    token.add_argument("--hours", type=float, help="lifetime (default: LIANXIN_TOKEN_HOURS)")
    token.set_defaults(run=cmd_token)

    seed_cmd = commands.add_parser("seed", help=cmd_seed.__doc__)
    seed_cmd.add_argument("--reset", action="store_true", help="delete everything first")
    seed_cmd.set_defaults(run=cmd_seed)

    neo4j = commands.add_parser("neo4j", help=cmd_neo4j.__doc__)
    neo4j.add_argument("action", choices=["build", "start", "stop", "status"])
    neo4j.set_defaults(run=cmd_neo4j)

    export = commands.add_parser("export-schema", help=cmd_export_schema.__doc__)
    export.add_argument("--output", default=str(PROJECT_ROOT / "schema.graphql"))
    export.set_defaults(run=cmd_export_schema)

    ledger_import = commands.add_parser("import", help=cmd_import.__doc__)
    ledger_import.add_argument("file", help="an .xlsx workbook or a .csv file (UTF-8 or GB18030)")
    ledger_import.add_argument("--kind", choices=ORDER, help="the ledger kind (else inferred)")
    ledger_import.add_argument("--mapping", help="JSON file mapping column headers to fields")
    ledger_import.add_argument("--dry-run", action="store_true", help="validate, write nothing")
    ledger_import.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="the error report's language"
    )
    ledger_import.add_argument("--batch-size", type=int, default=2000, help="rows per transaction")
    ledger_import.set_defaults(run=cmd_import)

    ledger_export = commands.add_parser("export", help=cmd_export.__doc__)
    ledger_export.add_argument("--kind", choices=ORDER, help="one kind only (default: all)")
    ledger_export.add_argument("--output", required=True, help="the .xlsx file to write")
    ledger_export.set_defaults(run=cmd_export)

    ledger = commands.add_parser("ledger", help="ledger (台账) tools")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True)
    template = ledger_commands.add_parser("template", help=cmd_ledger_template.__doc__)
    template.add_argument("kind", choices=ORDER, help="the ledger kind")
    template.add_argument("--out", help="the .xlsx file to write (default: <台账>台账模板.xlsx)")
    template.set_defaults(run=cmd_ledger_template)
    backup = commands.add_parser("backup", help=cmd_backup.__doc__)
    backup.add_argument(
        "--out", help="the file to write (default: LIANXIN_BACKUP_DIR/lianxin-<time>.jsonl.gz)"
    )
    backup.set_defaults(run=cmd_backup)

    restore = commands.add_parser("restore", help=cmd_restore.__doc__)
    restore.add_argument("file", help="a backup file written by `lianxin backup`")
    restore.set_defaults(run=cmd_restore)
    return root


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        args.run(args, Settings())
    except LedgerRefused as error:
        print(
            f"lianxin: {error.path}: {error.explained(getattr(args, 'lang', 'zh'))}",
            file=sys.stderr,
        )
        sys.exit(2)
    except BadUserInput as error:
        print(f"lianxin: {error.message}", file=sys.stderr)
        sys.exit(2)
    except (BackupRefused, BackupFailed) as error:
        sys.exit(f"lianxin: {error}")
    except (BundledNeo4jError, StartupError, StoreError) as error:
        sys.exit(f"lianxin: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
