"""Coordination analytics: shortest coordination paths and key coordinators."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.analytics import Coordinator, Evidence, Link, LinkKind, Party, Snapshot
from graph.model import Label, OrgKind
from resolvers import analytics
from resolvers.access.principal import Role, mask_name
from schema.context import Context
from schema.node import key_of, node_from_row
from schema.organization import Organization, Person

strawberry.enum(
    LinkKind,
    name="CoordinationKind",
    description="Why two parties are linked: MEETING both attended it; ISSUE one led, the other "
    "assisted; WHISTLE summoned to the lead's issue; REPORTED a person reported an issue the "
    "organization handled; VISIT a visit group's leader visited it; MEMBERSHIP; STATION a "
    "person staffs one of its health stations; PART_OF the organization tree.",
)

CoordinationParty = Annotated[
    Organization | Person,
    strawberry.union("CoordinationParty", description="An organization or a person."),
]


async def _party(info: Info[Context, None], party: Party) -> Organization | Person:
    row = await info.context.loaders.nodes(party.label).load(party.key)
    # A party the reader's graph holds but the store no longer gives (deleted since the graph
    # was read) still shows, under the name it had then, masked unless the reader is an admin.
    public = party.label is Label.ORGANIZATION or info.context.principal.role is Role.ADMIN
    name = party.name if public else mask_name(party.name)
    found = row if row is not None else {"key": party.key, "name": name, "kind": party.kind}
    if party.label is Label.ORGANIZATION:
        return Organization.from_row(found)
    return Person.from_row(found)


def _party_ref(global_id: relay.GlobalID, field: str) -> analytics.PartyRef:
    key = key_of(global_id, "Organization", "Person", field=field) or ""
    return analytics.PartyRef(Label(global_id.type_name), key)


@strawberry.type(description="The coordination graph an answer was computed on.")
class CoordinationGraphInfo:
    snapshot: strawberry.Private[Snapshot]

    @strawberry.field(description="Changes whenever the database changes; equal means same graph.")
    def version(self) -> str:
        return self.snapshot.version

    @strawberry.field(description="Organizations and people in the graph.")
    def nodes(self) -> int:
        return self.snapshot.node_count

    @strawberry.field(description="Linked pairs in the graph.")
    def edges(self) -> int:
        return self.snapshot.edge_count

    @strawberry.field(description="When the graph was read from the database.")
    def built_at(self) -> dt.datetime:
        return self.snapshot.built_at


@strawberry.type(description="A node showing why two parties are linked: a meeting, issue, ...")
class CoordinationEvidence:
    evidence: strawberry.Private[Evidence]

    @strawberry.field
    def kind(self) -> LinkKind:
        return self.evidence.kind

    @strawberry.field(description="The evidence node's key.")
    def key(self) -> str:
        return self.evidence.key

    @strawberry.field(description="The meeting's or issue's title, the visit's group and date, ...")
    def title(self) -> str:
        return self.evidence.title

    @strawberry.field(description="The evidence node itself; null if it is gone.")
    async def node(self, info: Info[Context, None]) -> relay.Node | None:
        row = await info.context.loaders.nodes(self.evidence.label).load(self.evidence.key)
        return node_from_row(row) if row else None


@strawberry.type(description="One hop of a coordination path and the evidence for it.")
class CoordinationLink:
    link: strawberry.Private[Link]

    @strawberry.field(description="The party the hop starts from.")
    async def source(self, info: Info[Context, None]) -> CoordinationParty:
        return await _party(info, self.link.source)

    @strawberry.field(description="The party the hop leads to.")
    async def target(self, info: Info[Context, None]) -> CoordinationParty:
        return await _party(info, self.link.target)

    @strawberry.field(description="Every kind of evidence the two parties share.")
    def kinds(self) -> list[LinkKind]:
        return list(self.link.kinds)

    @strawberry.field(description="How many meetings, issues, visits, ... link them.")
    def evidence_count(self) -> int:
        return self.link.evidence_count

    @strawberry.field(description="The first pieces of evidence, by kind and key.")
    def evidence(self) -> list[CoordinationEvidence]:
        return [CoordinationEvidence(evidence=e) for e in self.link.evidence]

    @strawberry.field(description="1 / (1 + evidenceCount): the lower, the stronger the tie.")
    def weight(self) -> float:
        return self.link.weight


@strawberry.type(description="The shortest chain of parties linking two parties, or why none.")
class CoordinationPath:
    answer: strawberry.Private[analytics.PathAnswer]

    @strawberry.field(description="False when no chain within maxHops links them; see reason.")
    def found(self) -> bool:
        return self.answer.path.found

    @strawberry.field(description="Why no chain was found; null when one was.")
    async def reason(self, info: Info[Context, None]) -> str | None:
        path = self.answer.path
        if path.found:
            return None
        # Named as the reader sees the two parties: a resident masked unless shown whole.
        source, target = await asyncio.gather(_party(info, path.source), _party(info, path.target))
        return path.reason(source.name, target.name)

    @strawberry.field(description="How many links the chain has; null when none was found.")
    def hops(self) -> int | None:
        return self.answer.path.hops

    @strawberry.field
    async def source(self, info: Info[Context, None]) -> CoordinationParty:
        return await _party(info, self.answer.path.source)

    @strawberry.field
    async def target(self, info: Info[Context, None]) -> CoordinationParty:
        return await _party(info, self.answer.path.target)

    @strawberry.field(description="The parties along the chain, source first, target last.")
    async def parties(self, info: Info[Context, None]) -> list[CoordinationParty]:
        return list(await asyncio.gather(*(_party(info, p) for p in self.answer.path.parties)))

    @strawberry.field(description="The links of the chain, in order, with their evidence.")
    def links(self) -> list[CoordinationLink]:
        return [CoordinationLink(link=link) for link in self.answer.path.links]

    @strawberry.field
    def graph(self) -> CoordinationGraphInfo:
        return CoordinationGraphInfo(snapshot=self.answer.snapshot)


@strawberry.type(description="A party many shortest coordination chains pass through.")
class KeyCoordinator:
    coordinator: strawberry.Private[Coordinator]

    @strawberry.field
    async def party(self, info: Info[Context, None]) -> CoordinationParty:
        return await _party(info, self.coordinator.party)

    @strawberry.field(description="Normalized betweenness centrality, 0 to 1, unweighted.")
    def betweenness(self) -> float:
        return self.coordinator.betweenness

    @strawberry.field(description="How many parties it is directly linked to.")
    def degree(self) -> int:
        return self.coordinator.degree


@strawberry.type(description="Key coordinators, ranked by betweenness.")
class KeyCoordinators:
    ranking: strawberry.Private[analytics.Ranking]

    @strawberry.field(description="Highest betweenness first; ties by degree.")
    def coordinators(self) -> list[KeyCoordinator]:
        return [KeyCoordinator(coordinator=c) for c in self.ranking.coordinators]

    @strawberry.field(description="True when the graph was too large and scores are sampled.")
    def approximate(self) -> bool:
        return self.ranking.centrality.approximate

    @strawberry.field
    def graph(self) -> CoordinationGraphInfo:
        return CoordinationGraphInfo(snapshot=self.ranking.snapshot)


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="The shortest chain of organizations and people linking two parties: "
        "fewest hops, then the strongest ties (most shared evidence)."
    )
    async def coordination_path(
        self,
        info: Info[Context, None],
        from_: Annotated[relay.GlobalID, strawberry.argument(name="from")],
        to: relay.GlobalID,
        max_hops: int = 6,
    ) -> CoordinationPath:
        source, target = _party_ref(from_, "from"), _party_ref(to, "to")
        context = info.context
        answer = await analytics.coordination_path(
            context.store, context.analytics, context.principal, source, target, max_hops
        )
        return CoordinationPath(answer=answer)

    @strawberry.field(description="Who most coordination chains pass through (betweenness).")
    async def key_coordinators(
        self, info: Info[Context, None], limit: int = 10, kind: OrgKind | None = None
    ) -> KeyCoordinators:
        context = info.context
        ranking = await analytics.key_coordinators(
            context.store, context.analytics, context.principal, limit, kind
        )
        return KeyCoordinators(ranking=ranking)
