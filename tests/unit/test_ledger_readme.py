"""The README lists every header each ledger kind accepts, so the two cannot drift apart."""

from __future__ import annotations

import re

from resolvers.ledgers.columns import LEDGERS, ORDER
from settings import PROJECT_ROOT


def _tables() -> dict[str, dict[str, list[str]]]:
    """Per kind in the README's ledger section: canonical header → the synonyms listed."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Ledgers (台账)") :]
    section = section[: section.index("\n## ", 1)]
    tables: dict[str, dict[str, list[str]]] = {}
    for block in re.split(r"^\*\*", section, flags=re.M)[1:]:
        kind = block.split("**", 1)[0]
        rows = [line.split("|")[1:-1] for line in block.splitlines() if line.startswith("| ")]
        tables[kind] = {
            cells[0].strip(): [s for s in cells[1].strip().split("、") if s not in ("", "—")]
            for cells in rows[1:]
        }
    return tables


def test_the_readme_lists_every_accepted_header_of_every_kind() -> None:
    tables = _tables()
    assert list(tables) == list(ORDER)
    for kind, ledger in LEDGERS.items():
        expected = {column.headers[0]: list(column.headers[1:]) for column in ledger.columns}
        assert tables[kind] == expected, kind
