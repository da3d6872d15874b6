"""Which node type stands for which label."""

from __future__ import annotations

import asyncio
from typing import Any

from strawberry import relay
from strawberry.types import Info

from resolvers.errors import BadUserInput, LimitExceeded
from schema.area import Area, Category
from schema.context import Context
from schema.intake import IntakeLink
from schema.issue import Issue, IssueEvent, RoutingRule, Whistle
from schema.meeting import Decision, Meeting
from schema.move import Milestone, Move
from schema.organization import Organization, Person, Station
from schema.project import Observation, Project, Site
from schema.suggestion import Suggestion
from schema.visit import Visit, VisitGroup

NODE_TYPES: tuple[Any, ...] = (
    Organization,
    Person,
    Station,
    Area,
    Category,
    Issue,
    IssueEvent,
    RoutingRule,
    Whistle,
    Project,
    Move,
    Milestone,
    Site,
    Meeting,
    Decision,
    Suggestion,
    Visit,
    VisitGroup,
    Observation,
    IntakeLink,
)

BY_NAME: dict[str, Any] = {cls.__name__: cls for cls in NODE_TYPES}


async def resolve_node(info: Info[Context, None], global_id: relay.GlobalID) -> relay.Node | None:
    """The node a global ID names, through the request's loaders."""
    cls = BY_NAME.get(global_id.type_name)
    if cls is None:
        raise BadUserInput(f"no node type named {global_id.type_name!r}", field="id")
    # Load through the label's loader rather than cls.resolve_nodes: the node types list
    # relay.Node before Keyed, so that name is relay.Node's stub, which raises.
    row = await info.context.loaders.nodes(cls.LABEL).load(global_id.node_id)
    result: relay.Node | None = cls.from_row(row) if row is not None else None
    return result


async def resolve_nodes(
    info: Info[Context, None], global_ids: list[relay.GlobalID]
) -> list[relay.Node | None]:
    """Many nodes by global ID, in order; loaders batch them per type, at most a page's worth."""
    maximum = info.context.settings.max_page_size
    if len(global_ids) > maximum:
        # As a connection's page: one request may not make the service read without bound.
        raise LimitExceeded(
            f"`ids` names {len(global_ids)} nodes, more than the maximum page size {maximum} "
            "(LIANXIN_MAX_PAGE_SIZE); ask in several requests",
            field="ids",
            maximum=maximum,
        )
    return list(await asyncio.gather(*(resolve_node(info, gid) for gid in global_ids)))
