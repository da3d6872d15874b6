"""The full-text query: Lucene syntax escaped, boolean operators disarmed."""

from __future__ import annotations

from resolvers.search import lucene_query


def test_the_lucene_query_escapes_syntax_and_disarms_operators() -> None:
    assert lucene_query("医保 AND (") == "医保 and"
    assert lucene_query('a:b "c" \\ /d/') == 'a\\:b \\"c\\" \\/d\\/'
    assert lucene_query("c:\\x") == "c\\:\\\\x"
    assert lucene_query("x&&y NOT z") == "x\\&\\&y not z"
