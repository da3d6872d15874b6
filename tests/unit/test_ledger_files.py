"""Ledger files refused before anything connects: the reader and the CLI agree."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli
from resolvers.ledgers.importer import plan
from resolvers.ledgers.reader import LedgerRefused
from tests.support.ledgers import ISSUES, csv_file


def test_a_file_in_another_encoding_is_refused_with_exit_code_2(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "issues.csv", ISSUES, "utf-16")
    with pytest.raises(LedgerRefused, match="既不是 UTF-8 也不是 GB18030"):
        plan(path)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", str(path)])
    assert exit_.value.code == 2
