"""Connection: Relay pages with a total count, for every list that can grow large."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry
from strawberry import relay

from graph.records import Node
from resolvers.paging import Page

T = TypeVar("T")


@strawberry.type(description="An item in a connection, with the cursor to page from it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of items, Relay style, with the total across all pages.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: relay.PageInfo
    total_count: int | None = strawberry.field(
        description="How many items pass the filter, across all pages."
    )

    @strawberry.field(description="The page's items, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, page: Page[Node], build: Callable[[Node], T]) -> Connection[T]:
        """Turn a page of store rows into a connection of node types."""
        edges = [
            Edge(cursor=cursor, node=build(row))
            for row, cursor in zip(page.items, page.cursors, strict=True)
        ]
        info = relay.PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )
        return cls(edges=edges, page_info=info, total_count=page.total)
