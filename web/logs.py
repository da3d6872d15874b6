"""Log filters that keep residents' data out of the log lines other libraries write."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

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
