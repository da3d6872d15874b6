"""Which rows below a ledger's data are totals, notes or signatures, and which are data."""

from __future__ import annotations

import pytest

from resolvers.ledgers.reader import is_footer


@pytest.mark.parametrize(
    "cells",
    [
        ["合计", "3人"],
        ["小计：3件"],
        ["总计:12"],
        ["备注：本表按月报送"],
        ["说明", "反映时间以受理为准"],
        [None, None, "制表人：张三", None, "审核人：李四"],
        ["  填表人 王五"],
    ],
)
def test_totals_notes_and_signatures_are_footer_rows(cells: list[object]) -> None:
    assert is_footer(cells)


@pytest.mark.parametrize(
    "cells",
    [
        ["说明会场地不足", "电话"],
        ["合计划生育服务", "走访"],
        [1, "合计", "3人"],
        ["备注栏破损", None],
        [None, None],
    ],
)
def test_data_rows_starting_with_the_same_characters_are_not(cells: list[object]) -> None:
    assert not is_footer(cells)
