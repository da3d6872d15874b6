"""Bulk write statements are templates filled only from known temporal kinds."""

from __future__ import annotations

import pytest

from graph.cypher.writes import write_nodes
from graph.model import Label


def test_bulk_statements_accept_only_known_temporal_kinds() -> None:
    with pytest.raises(ValueError, match="not a temporal kind"):
        write_nodes(Label.ISSUE, frozenset({"props} SET n.x = 1 //"}))
