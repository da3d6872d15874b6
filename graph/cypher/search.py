"""Full-text search over issues, organizations, people, projects and areas."""

from __future__ import annotations

from functools import cache

from graph.cypher.access import matchable, projection, visible

# Ranked by text relevance times a connectedness prior, so the one issue the center worked on
# (events, whistles, meetings) is not buried under hundreds of one-line hotline calls.
_SEARCH = """
CALL db.index.fulltext.queryNodes('search', $query) YIELD node AS n, score
WHERE ($labels IS NULL OR any(label IN labels(n) WHERE label IN $labels)) AND {visible}
WITH n, score * (1 + log10(1 + COUNT {{ (n)--() }})) AS rank
ORDER BY rank DESC, n.key
WITH collect({{node: n, rank: rank}}) AS hits
WITH size(hits) AS total,
     [hit IN hits WHERE $cursorKey IS NULL OR hit.rank < $cursorScore
        OR (hit.rank = $cursorScore AND hit.node.key > $cursorKey)][..$limit] AS page
CALL (page) {{
  UNWIND page AS hit
  WITH hit.node AS n, hit.rank AS rank
  RETURN collect({{score: rank, node: {projection}}}) AS hits
}}
RETURN total, hits
"""


@cache
def search(role: str) -> str:
    """Full-text hits the role may see, best first, one page and the total."""
    # A hit on a resident's name counts only where the role is shown that name whole.
    rule = f"{visible(None, role)} AND {matchable(None, role)}"
    return _SEARCH.format(visible=rule, projection=projection(None, role))
