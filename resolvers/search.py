"""Search: Chinese full-text search over issues, organizations, people, projects and areas."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from graph.cypher import search as search_cypher
from graph.model import Label
from graph.records import Node, to_node
from graph.store import Neo4jStore, Viewer
from resolvers.errors import BadUserInput
from resolvers.paging import Cursor, Page, PageRequest, page_from_rows

# Labels the `search` full-text index covers; Community nodes are Areas and come with them.
SEARCHABLE: tuple[Label, ...] = (
    Label.ISSUE,
    Label.ORGANIZATION,
    Label.PERSON,
    Label.PROJECT,
    Label.AREA,
)

# Every character Lucene's classic query parser treats as syntax.
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
# Words the parser reads as operators when they stand alone; only upper case counts, and the
# analyzer lower-cases every term anyway, so lower-casing them makes them plain words.
_OPERATORS = frozenset({"AND", "OR", "NOT"})
# Each character becomes a clause in each of three fields; Lucene refuses more than 1024.
MAX_TEXT = 100

SORT = "score"


@dataclass(frozen=True)
class Hit:
    """One search result: the node's row and its rank score."""

    node: Node
    score: float


def lucene_query(text: str) -> str:
    """User text as a Lucene query that matches its words and never fails to parse."""
    if len(text) > MAX_TEXT:
        raise BadUserInput(
            f"search text is {len(text)} characters, more than {MAX_TEXT}", field="text"
        )
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        raise BadUserInput("search text has no letters or digits to search for", field="text")
    return " ".join(_term(word) for word in words)


async def search(
    store: Neo4jStore,
    text: str,
    labels: Collection[Label] | None,
    request: PageRequest,
    viewer: Viewer,
) -> Page[Hit]:
    """One page of nodes matching `text`, best first, with the total across pages."""
    if not request.forward:
        raise BadUserInput("search results page forwards only: use `first` and `after`")
    query = lucene_query(text)
    score, key = request.cursor.position(SORT) if request.cursor is not None else (None, None)
    if score is not None and not isinstance(score, float):
        raise BadUserInput("this cursor does not come from search results", field="cursor")
    [row] = await store.query(
        search_cypher.search(viewer["role"]),
        query=query,
        labels=[str(label) for label in labels] if labels else None,
        cursorScore=score,
        cursorKey=key,
        limit=request.size + 1,
        viewer=viewer,
    )
    hits = [Hit(node=to_node(hit["node"]), score=hit["score"]) for hit in row["hits"]]
    return page_from_rows(hits, request, _cursor, row["total"])


def _term(word: str) -> str:
    return word.lower() if word in _OPERATORS else _SPECIAL.sub(r"\\\1", word)


def _cursor(hit: Hit) -> Cursor:
    return Cursor.one(SORT, hit.score, hit.node["key"])
