"""Search: the `search` query and its ranked, typed connection."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label
from resolvers import search
from resolvers.paging import Page, PageRequest
from schema.context import Context
from schema.node import node_from_row
from schema.paging import paged


@strawberry.enum(description="The kinds of node search can return.")
class SearchType(Enum):
    ISSUE = Label.ISSUE.value
    ORGANIZATION = Label.ORGANIZATION.value
    PERSON = Label.PERSON.value
    PROJECT = Label.PROJECT.value
    AREA = Label.AREA.value


@strawberry.type(description="A search result: the node, its rank and the cursor to page from it.")
class SearchEdge:
    cursor: str
    node: relay.Node
    score: float = strawberry.field(
        description="Text relevance weighted by how connected the node is; higher ranks first."
    )


@strawberry.type(description="Search results, best first, with the total across all pages.")
class SearchConnection:
    edges: list[SearchEdge]
    page_info: relay.PageInfo
    total_count: int = strawberry.field(description="How many nodes match, across all pages.")

    @classmethod
    def of(cls, page: Page[search.Hit]) -> SearchConnection:
        """Turn a page of hits into a connection of concrete node types."""
        edges = []
        for hit, cursor in zip(page.items, page.cursors, strict=True):
            node = node_from_row(hit.node)
            # Every searchable label has a node type; a row without one cannot be shown.
            if node is not None:
                edges.append(SearchEdge(cursor=cursor, node=node, score=hit.score))
        info = relay.PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )
        return cls(edges=edges, page_info=info, total_count=page.total or 0)


@strawberry.type
class SearchQuery:
    @paged(
        "Full-text search in Chinese over issues, organizations, people, projects "
        "and areas; words are plain text, not query syntax.",
        backward=False,
    )
    async def search(
        self,
        info: Info[Context, None],
        text: str,
        types: list[SearchType] | None = None,
        *,
        page: PageRequest,
    ) -> SearchConnection:
        labels = [Label(kind.value) for kind in types] if types else None
        viewer = info.context.principal.viewer
        hits = await search.search(info.context.store, text, labels, page, viewer)
        return SearchConnection.of(hits)
