"""Planning: a relocation project on the map, and a project by ID with its planner figures."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from graph.model import Label
from resolvers import planning
from schema.context import Context
from schema.node import key_of
from schema.project import Project


@strawberry.type
class PlanningQuery:
    @strawberry.field(
        description="A relocation project as a GeoJSON FeatureCollection (RFC 7946, [lon, lat]): "
        "compound and new-site points, one line per move, and the bbox."
    )
    async def relocation_map(self, info: Info[Context, None], project: relay.GlobalID) -> JSON:
        key = key_of(project, "Project", field="project") or ""
        return JSON(await planning.relocation_map(info.context.store, key))

    @strawberry.field(description="One project by global ID; null if there is none.")
    async def project(self, info: Info[Context, None], id: relay.GlobalID) -> Project | None:
        key = key_of(id, "Project") or ""
        row = await info.context.loaders.nodes(Label.PROJECT).load(key)
        return Project.from_row(row) if row is not None else None
