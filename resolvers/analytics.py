"""Coordination analytics for one request: the app's cached graph, read as the principal may."""

from __future__ import annotations

from dataclasses import dataclass

from graph.analytics import (
    Centrality,
    CoordinationGraph,
    CoordinationPath,
    Coordinator,
    Evidence,
    EvidenceFilter,
    IssueAccess,
    Snapshot,
    every_evidence,
    party_id,
)
from graph.model import Label, OrgKind
from graph.store import Neo4jStore
from resolvers.access.principal import IssueFacts, Principal, Role
from resolvers.errors import BadUserInput, NotFound

MAX_HOPS = 12
MAX_COORDINATORS = 100


@dataclass(frozen=True)
class PartyRef:
    """An organization or a person named by a request."""

    label: Label
    key: str


@dataclass(frozen=True)
class PathAnswer:
    """A coordination path and the graph it was found in."""

    snapshot: Snapshot
    path: CoordinationPath


@dataclass(frozen=True)
class Ranking:
    """Key coordinators and the graph they were ranked in."""

    snapshot: Snapshot
    centrality: Centrality
    coordinators: list[Coordinator]


def coordination_graph(cache: CoordinationGraph | None) -> CoordinationGraph:
    """The app's cached graph, or a fresh one when the app keeps none (scripts, tests)."""
    return cache or CoordinationGraph()


def public_only(principal: Principal) -> bool:
    """Whether the principal's graph leaves private residents out: the VIEWER person rule."""
    # Cut rather than hidden: a placeholder on a chain would still say that some resident
    # links two parties, and a VIEWER may not learn of residents at all.
    return principal.public_only


def evidence_filter(principal: Principal, snapshot: Snapshot) -> EvidenceFilter:
    """Which evidence the principal may see: public evidence, and that of issues it may read."""
    if principal.role is Role.ADMIN:
        return every_evidence
    seen: dict[str, bool] = {}

    def shows(evidence: Evidence) -> bool:
        issue = evidence.issue
        if issue is None:
            return True
        if issue not in seen:
            access = snapshot.issues.get(issue, IssueAccess())
            seen[issue] = principal.sees_issue(issue_facts(access, principal))
        return seen[issue]

    return shows


def issue_facts(access: IssueAccess, principal: Principal) -> IssueFacts:
    """The facts the Python row rule reads, for an issue of the cached graph."""
    # The Cypher rule lets any of an issue's reporters read it: name the principal if it is one.
    reporter = principal.sub if principal.sub in access.reporters else None
    return IssueFacts(access.organizations, access.summoned, access.observers, reporter)


async def coordination_path(
    store: Neo4jStore,
    cache: CoordinationGraph | None,
    principal: Principal,
    source: PartyRef,
    target: PartyRef,
    max_hops: int,
) -> PathAnswer:
    """The shortest chain of coordination links between two parties, within max_hops."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise BadUserInput(f"maxHops must be between 1 and {MAX_HOPS}", field="maxHops")
    snapshot = await coordination_graph(cache).get(store)
    if public_only(principal):
        snapshot = snapshot.public()
    ids = []
    for party in (source, target):
        node = party_id(party.label, party.key)
        # A resident hidden from the principal is not found, like a key that does not exist.
        if snapshot.party(node) is None:
            raise NotFound(f"no {party.label} with key {party.key!r}", key=party.key)
        ids.append(node)
    shows = evidence_filter(principal, snapshot)
    return PathAnswer(snapshot, snapshot.path(ids[0], ids[1], max_hops, shows))


async def key_coordinators(
    store: Neo4jStore,
    cache: CoordinationGraph | None,
    principal: Principal,
    limit: int,
    kind: OrgKind | None,
) -> Ranking:
    """The parties with the highest betweenness, optionally organizations of one kind."""
    if not 1 <= limit <= MAX_COORDINATORS:
        raise BadUserInput(f"limit must be between 1 and {MAX_COORDINATORS}", field="limit")
    graph = coordination_graph(cache)
    snapshot, centrality = await graph.centrality(store, public=public_only(principal))
    ranked = snapshot.rank(centrality, limit, kind.value if kind is not None else None)
    return Ranking(snapshot, centrality, ranked)
