"""Ledgers (台账) over HTTP for admins: upload one, or download a kind's template or export."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory
from typing import IO, Any
from urllib.parse import quote

from anyio import to_thread
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.errors import StoreError
from resolvers.access.principal import Action
from resolvers.errors import (
    ApiError,
    BadUserInput,
    LimitExceeded,
    NotFound,
    Unauthenticated,
    from_store,
)
from resolvers.ledgers.columns import LEDGERS, ORDER
from resolvers.ledgers.exporter import export_ledgers
from resolvers.ledgers.importer import Summary, import_ledger, read_ledger
from resolvers.ledgers.reader import LedgerRefused
from resolvers.ledgers.reasons import Lang, lang_of
from resolvers.ledgers.template import write_template
from settings import Settings
from web.auth import principal_of
from web.errors import error_response
from web.limits import MB, counted, declared_over

log = logging.getLogger("lianxin.ledgers")

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What each download writes, and the Chinese file name it is saved under.
DOWNLOADS = {"template": "台账模板", "export": "台账"}
# A part without a usable file name is taken for what its media type says it is.
MEDIA_SUFFIXES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/csv": ".csv",
    "text/plain": ".csv",
}
FLAGS = {
    **dict.fromkeys(("true", "1", "yes", "on"), True),
    **dict.fromkeys(("false", "0", "no", "off", ""), False),
}
MAX_NAME_BYTES = 200
RESUMABLE = (
    "The import stopped: earlier batches may be written, and uploading the same file again is "
    "safe, as rows are merged by key."
)


@dataclass(frozen=True)
class Upload:
    """A received upload: the ledger spooled to disk, its mapping, kind and dry-run flag."""

    file: Path
    mapping: Path | None
    kind: str | None
    dry_run: bool


def ledger_routes(settings: Settings) -> list[Route]:
    """The ledger import endpoint."""
    limit = int(settings.max_upload_mb * MB)

    async def upload(request: Request) -> Response:
        try:
            principal = principal_of(request)
        except Unauthenticated as error:
            return error_response(error)
        try:
            principal.require(Action.IMPORT)
            summary = await _run(request, limit)
        except ApiError as error:
            log.info("ledger import by %s refused: %s", principal.sub, error.code)
            return error_response(error)
        except LedgerRefused as error:
            # The reason names the file, sheets and headers, never a row's cells.
            log.info("ledger import by %s refused: %s", principal.sub, error.reason_en)
            reason = error.explained(_lang(request))
            return error_response(BadUserInput(f"{error.path.name}: {reason}"))
        mode = " (dry run)" if summary.dry_run else ""
        for kind, tally in summary.ledgers.items():
            request.app.state.metrics.ledger_rows.labels(kind).inc(tally.written)
        log.info("ledger import by %s: %s%s", principal.sub, summary, mode)
        return JSONResponse(_answer(summary, _lang(request)))

    async def download(request: Request) -> Response:
        try:
            principal = principal_of(request)
        except Unauthenticated as error:
            return error_response(error)
        what = request.url.path.rsplit("/", 1)[-1]
        try:
            principal.require(Action.IMPORT)
            kind = _kind_of_path(request.path_params["kind"])
            content = await _workbook(request, what, kind)
        except ApiError as error:
            return error_response(error)
        log.info("ledger %s of %s downloaded by %s", what, kind, principal.sub)
        name = f"{LEDGERS[kind].sheet}{DOWNLOADS[what]}.xlsx"
        disposition = f"attachment; filename=\"{kind}-{what}.xlsx\"; filename*=UTF-8''{quote(name)}"
        # An export holds the graph's rows: no cache keeps a copy.
        headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
        return Response(content, media_type=XLSX, headers=headers)

    return [
        Route("/ledgers/import", upload, methods=["POST"]),
        Route("/ledgers/{kind}/template", download, methods=["GET"]),
        Route("/ledgers/{kind}/export", download, methods=["GET"]),
    ]


async def _workbook(request: Request, what: str, kind: str) -> bytes:
    """The template or export of one kind, written to a private folder and read back."""
    store = request.app.state.store
    with TemporaryDirectory(prefix="lianxin-ledger-") as folder:
        path = Path(folder) / f"{kind}.xlsx"
        try:
            if what == "template":
                await write_template(store, kind, path)
            else:
                await export_ledgers(store, path, [kind])
        except StoreError as error:
            raise from_store(error) from None
        return await to_thread.run_sync(path.read_bytes)


def _kind_of_path(value: str) -> str:
    for kind, ledger in LEDGERS.items():
        if value == kind or value in (ledger.sheet, *ledger.sheet_names):
            return kind
    raise NotFound(f"no ledger kind {value!r}; the kinds are {', '.join(ORDER)}", field="kind")


async def _run(request: Request, limit: int) -> Summary:
    """Spool the upload to a private folder and import it as `lianxin import` would."""
    if declared_over(request.scope, limit):
        raise _too_large(limit)
    receive = counted(request.receive, limit, lambda: _too_large(limit))
    with TemporaryDirectory(prefix="lianxin-ledger-") as folder:
        upload = await _received(Request(request.scope, receive), Path(folder))
        # Reading a workbook is long synchronous work: keep it off the event loop.
        ledger = await to_thread.run_sync(read_ledger, upload.file, upload.kind, upload.mapping)
        try:
            return await import_ledger(request.app.state.store, ledger, dry_run=upload.dry_run)
        except StoreError as error:
            stopped = from_store(error)
            # Whatever stopped it, the client may simply send the file again.
            message = f"{stopped.message.rstrip('.')}. {RESUMABLE}"
            raise type(stopped)(message, **stopped.details) from None


async def _received(request: Request, folder: Path) -> Upload:
    """The form's parts, with the files copied into `folder` for the path-reading importer."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise BadUserInput("send the ledger as multipart/form-data with a `file` part")
    try:
        async with request.form(max_files=2, max_fields=8) as form:
            return await _parts(form, folder)
    except HTTPException as error:
        # Starlette turns the parser's MultiPartException into a 400 HTTPException in an app.
        raise BadUserInput(f"malformed multipart body: {error.detail}") from None
    except MultiPartException as error:
        raise BadUserInput(f"malformed multipart body: {error.message}") from None


async def _parts(form: FormData, folder: Path) -> Upload:
    part = form.get("file")
    if not isinstance(part, UploadFile):
        raise BadUserInput("the form has no `file` part holding the ledger (.xlsx or .csv)")
    file = await _spool(part, folder / _file_name(part))
    mapping: Path | None = None
    given = form.get("mapping")
    if isinstance(given, UploadFile):
        mapping = await _spool(given, folder / "mapping.json")
    elif given:
        mapping = folder / "mapping.json"
        mapping.write_text(given, encoding="utf-8")
    return Upload(file, mapping, _kind(form.get("ledger")), _flag(form.get("dryRun")))


async def _spool(part: UploadFile, target: Path) -> Path:
    await part.seek(0)
    await to_thread.run_sync(_copy, part.file, target)
    return target


def _copy(source: IO[bytes], target: Path) -> None:
    with target.open("wb") as out:
        shutil.copyfileobj(source, out)


def _file_name(part: UploadFile) -> str:
    """The client's file name without folders: CSV sheets are named after it, and kinds too."""
    name = PurePosixPath((part.filename or "").replace("\\", "/")).name.replace("\0", "").strip()
    stem, suffix = Path(name).stem or "ledger", Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        media = (part.content_type or "").split(";")[0].strip().lower()
        suffix = MEDIA_SUFFIXES.get(media, suffix)
    while len((stem + suffix).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + suffix


def _kind(value: UploadFile | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        wanted = value.strip()
        for kind, ledger in LEDGERS.items():
            if wanted.lower() == kind or wanted in (ledger.sheet, *ledger.sheet_names):
                return kind
    raise BadUserInput(f"`ledger` must be one of {', '.join(ORDER)}")


def _flag(value: UploadFile | str | None) -> bool:
    if value is None:
        return False
    if isinstance(value, str) and value.strip().lower() in FLAGS:
        return FLAGS[value.strip().lower()]
    raise BadUserInput("`dryRun` must be true or false")


def _too_large(limit: int) -> LimitExceeded:
    return LimitExceeded(
        f"the upload is larger than {limit / MB:g} MB (LIANXIN_MAX_UPLOAD_MB); split the ledger "
        "into several files",
        maxBytes=limit,
    )


def _lang(request: Request) -> Lang:
    """Chinese reasons unless `?lang=en` or an Accept-Language preferring English asks."""
    asked = request.query_params.get("lang") or request.headers.get("accept-language")
    return lang_of(asked)


def _answer(summary: Summary, lang: Lang) -> dict[str, Any]:
    """The response body: counts per ledger, then every rejected cell or row."""
    return {
        "summary": {
            "dryRun": summary.dry_run,
            "read": summary.read,
            "valid": summary.valid,
            "written": summary.written,
            "rejected": summary.rejected,
            "skipped": summary.skipped,
            "seconds": round(summary.seconds, 3),
            "ledgers": {
                kind: {
                    "read": tally.read,
                    "valid": tally.valid,
                    "written": tally.written,
                    "skipped": tally.skipped,
                    "skippedRows": [
                        {"sheet": sheet, "row": row, "startsWith": word}
                        for sheet, row, word in tally.skipped_rows
                    ],
                    "unknownColumns": tally.unknown,
                }
                for kind, tally in summary.ledgers.items()
            },
        },
        "errorReport": [
            {
                "sheet": problem.sheet,
                "row": problem.row,
                "column": problem.column,
                "value": problem.value,
                "code": problem.code,
                "reason": problem.explained(lang),
            }
            for problem in summary.problems
        ],
    }
