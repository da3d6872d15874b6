"""Logs: filters that keep residents' data out of other libraries' lines, and JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from uvicorn.config import LOGGING_CONFIG

from schema.errors import current_request_id
from settings import Settings

# uvicorn's access line: client, method, path with its query string, HTTP version, status.
_ACCESS_PATH = 2
# The driver's Bolt trace: a statement's parameters (names, phone numbers) and a server
# failure's message (a constraint names the clashing value) are the lines that carry data.
_BOLT_LINES_WITH_DATA = (" C: RUN ", " S: FAILURE ")
# A resident's status secret rides in the path of its page and of its API: whoever reads the
# log must not be able to open it.
_STATUS_SECRET = re.compile(r"^(/s/|/api/status/)[^/?]+")


class QueryStringDropped(logging.Filter):
    """uvicorn's access line without the query string (a GET's GraphQL document rides in it)
    and without a status secret in the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) > _ACCESS_PATH:
            path = str(args[_ACCESS_PATH])
            shown = urlsplit(path).path + "?…" if "?" in path else path
            shown = _STATUS_SECRET.sub(r"\1…", shown)
            if shown != path:
                kept = list(args)
                kept[_ACCESS_PATH] = shown
                record.args = tuple(kept)
        return True


class BoltDataDropped(logging.Filter):
    """The driver's debug trace without statement parameters or server failure messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        for marker in _BOLT_LINES_WITH_DATA:
            if marker in message:
                port = record.args[0] if isinstance(record.args, tuple) and record.args else 0
                kept = message.split(marker)[0] + marker
                record.msg = kept + "(not logged: may hold personal data)"
                record.args = (port,) if "%" in record.msg else ()
        return True


_FILTERS: dict[str, type[logging.Filter]] = {
    "uvicorn.access": QueryStringDropped,
    "neo4j.io": BoltDataDropped,
}


def keep_personal_data_out_of_logs() -> None:
    """Install the filters on the loggers that need them, once per process."""
    for name, kind in _FILTERS.items():
        logger = logging.getLogger(name)
        if not any(isinstance(existing, kind) for existing in logger.filters):
            logger.addFilter(kind())


# What the request being served adds to every line it logs: operation, kind, role.
request_fields: ContextVar[dict[str, Any] | None] = ContextVar("lianxin_log_fields", default=None)
# The fields a JSON line may carry besides time, level, logger and message: none of them a
# document, variables, a name or a phone number.
FIELDS = ("requestId", "operation", "kind", "code", "durationMs", "roundTrips", "role")
requests_log = logging.getLogger("lianxin.requests")


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the request's fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        at = dt.datetime.fromtimestamp(record.created, dt.UTC)
        entry: dict[str, Any] = {
            "time": at.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id.get()
        if request_id is not None:
            entry["requestId"] = request_id
        entry.update(request_fields.get() or {})
        entry.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(settings: Settings) -> dict[str, Any] | None:
    """Set up the root logger as the settings ask; uvicorn's log_config to go with it."""
    level = settings.log_level.upper()
    if settings.log_format == "json":
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLines())
        logging.basicConfig(level=level, handlers=[handler], force=True)
        # uvicorn's own loggers hand their lines to the root's JSON handler.
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.propagate = True
            logger.setLevel(level)
        return None
    logging.basicConfig(level=level, format="%(levelname)s:     %(name)s: %(message)s")
    return LOGGING_CONFIG


def log_request(code: str, seconds: float, round_trips: int) -> None:
    """The one line a GraphQL request leaves: its id, operation, code, time and role."""
    fields = request_fields.get() or {}
    duration = round(seconds * 1000, 1)
    requests_log.info(
        "request %s %s %s: %s in %.1f ms, %d round trips, as %s",
        current_request_id.get(),
        fields.get("kind"),
        fields.get("operation"),
        code,
        duration,
        round_trips,
        fields.get("role"),
        extra={"code": code, "durationMs": duration, "roundTrips": round_trips},
    )
