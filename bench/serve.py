"""The service under test, run in its own process: `python -m bench.serve PORT BOLT_URI`."""

from __future__ import annotations

import sys

import uvicorn

from settings import Settings
from web.app import create_app


def main(argv: list[str]) -> None:
    """Serve create_app on 127.0.0.1:PORT against the given Neo4j."""
    port, uri = int(argv[0]), argv[1]
    settings = Settings().model_copy(update={"neo4j_uri": uri, "log_level": "WARNING"})
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
