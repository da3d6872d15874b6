"""The Query root and the schema object."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from resolvers.context import Context
from resolvers.stats import graph_stats
from schema.stats import Stats


@strawberry.type
class Query:
    @strawberry.field(description="Counts of the graph: labels, relationships, headline facts.")
    async def stats(self, info: Info[Context, None]) -> Stats:
        return Stats.from_stats(await graph_stats(info.context.store))


schema = strawberry.Schema(query=Query)
