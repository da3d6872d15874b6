"""The benchmark questions: GraphQL documents, their variables, and the Cypher they run."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bench.timing import headers_for
from graph.store import Neo4jStore
from loaders import Loaders
from resolvers.access.principal import SYSTEM, Principal, Role
from schema import build_schema
from schema.context import Context
from settings import Settings

WHO_HANDLES = """
query ($id: ID!) { whoHandles(issue: $id) {
  viaRule { id name } lead { id name } assists { id name } community { id name }
  observers { id name } responseHours resolveDays respondBy resolveBy fallback explanation
  escalations { level afterHours dueAt organization { id name } }
  similarIssues { sameCommunity hoursTaken issue { id title } solvedBy { id name } }
} }"""

OVERDUE = """
query ($org: ID!) { overdueIssues(organization: $org, first: 20) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { node { id title state overdueSince lateByHours } }
} }"""

IMPACT = """
query ($from: DateTime!, $to: DateTime!) {
  impact(scope: COMMUNITY, from: $from, to: $to) {
    key name received valid
    responseRate { value numerator denominator }
    resolutionRate { value numerator denominator }
    satisfactionRate { value numerator denominator }
  }
}"""

RELOCATION = "query ($p: ID!) { relocationMap(project: $p) }"

NESTED = """
{ communities(first: 50) { edges { node { id name
  issues(first: 10) { edges { node { id title state
    assignments { role organization { id name } } } } }
} } } }"""

ISSUES_PAGE = """
query ($after: String) { issues(first: 20, after: $after) {
  pageInfo { endCursor hasNextPage }
  edges { node { id title state reportedAt } }
} }"""

SEARCH = """
query ($text: String!) { search(text: $text, first: 20) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { score node { id ... on Issue { title state } ... on Organization { name } } }
} }"""

# The 东辛 relocation project with its moves, each with its unit and both sites: nested reads.
RELOCATION_PROJECT = """
query ($p: ID!) { project(id: $p) { id name status
  moves { id status plannedOn movedOn unit { id name } from { id name } to { id name } }
} }"""

# Open issues located within one community (a relationship filter), newest first.
OPEN_IN_COMMUNITY = """
query ($states: [IssueState!]!, $community: String!) {
  issues(first: 20, where: {
    state: {in: $states}, areaWithin: {some: {key: {eq: $community}}}
  }) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { node { id title state reportedAt } }
  }
}"""

# For every community, how many of its issues are open: a filtered nested connection's total.
COMMUNITY_OPEN_COUNTS = """
query ($states: [IssueState!]!) { communities(first: 50) { nodes { id name
  issues(where: {state: {in: $states}}) { totalCount }
} } }"""

# Issues per category with their satisfaction figures, computed in Neo4j.
ISSUES_BY_CATEGORY = """
{ issuesGroupBy(by: CATEGORY, first: 20) {
  value count node { id ... on Category { name } }
  aggregate { satisfaction { avg min max } reportedAt { min max } }
} }"""

REPORT_ISSUE = """
mutation ($input: ReportIssueInput!) { reportIssue(input: $input) {
  created issue { id state } userErrors { message }
} }"""

VERIFY_ISSUE = """
mutation ($id: ID!) { verifyIssue(id: $id, note: "bench") {
  issue { id state } userErrors { message }
} }"""


def gid(type_name: str, key: str) -> str:
    """The global ID clients use for a node."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@dataclass(frozen=True)
class Question:
    """One benchmark question: a GraphQL document and its variables."""

    name: str
    query: str
    variables: Mapping[str, Any] = field(default_factory=dict)
    # Who asks: the service applies this principal's access rules, the replay its statements.
    principal: Principal = SYSTEM

    def headers(self) -> dict[str, str] | None:
        """The token header for a question not asked as the client's default admin."""
        return None if self.principal is SYSTEM else headers_for(self.principal)


@dataclass(frozen=True)
class Targets:
    """Keys the questions ask about, chosen from the loaded graph."""

    issue: str
    organization: str
    project: str
    search_text: str
    year: int
    category: str
    community: str
    quiet_organization: str
    health_search_text: str = "医保"
    open_states: tuple[str, ...] = ()


def questions(t: Targets) -> list[Question]:
    """The timed read questions the concurrency workloads cycle through."""
    return [
        Question("whoHandles", WHO_HANDLES, {"id": gid("Issue", t.issue)}),
        Question("overdueIssues", OVERDUE, {"org": gid("Organization", t.organization)}),
        Question(
            "impact",
            IMPACT,
            {"from": f"{t.year}-01-01T00:00:00+08:00", "to": f"{t.year + 1}-01-01T00:00:00+08:00"},
        ),
        Question("relocationMap", RELOCATION, {"p": gid("Project", t.project)}),
        Question("nested", NESTED),
        Question("issuesPage1", ISSUES_PAGE, {"after": None}),
        Question("search", SEARCH, {"text": t.search_text}),
        Question(
            "coordinatorPage1",
            ISSUES_PAGE,
            {"after": None},
            Principal("bench-coordinator", Role.COORDINATOR, t.quiet_organization),
        ),
    ]


def more_questions(t: Targets) -> list[Question]:
    """Timed read questions for the filters and aggregates, outside the concurrency mix."""
    # Kept out of `questions`, so the workloads (and the memory they leave) stay comparable.
    return [
        Question("relocationProject", RELOCATION_PROJECT, {"p": gid("Project", t.project)}),
        Question("searchHealth", SEARCH, {"text": t.health_search_text}),
        Question(
            "openInCommunity",
            OPEN_IN_COMMUNITY,
            {"states": list(t.open_states), "community": t.community},
        ),
        Question("communityOpenCounts", COMMUNITY_OPEN_COUNTS, {"states": list(t.open_states)}),
        Question("issuesByCategory", ISSUES_BY_CATEGORY),
    ]


def report_variables(t: Targets, tag: str) -> dict[str, Any]:
    """A fresh report for `reportIssue`, its clientRequestId made unique by `tag`."""
    return {
        "input": {
            "title": f"压测上报 {tag}",
            "channel": "HOTLINE",
            "category": gid("Category", t.category),
            "area": gid("Area", t.community),
            "clientRequestId": f"bench-{tag}",
        }
    }


class RecordingStore(Neo4jStore):
    """A store that remembers every statement it runs, in order."""

    def __init__(self, store: Neo4jStore) -> None:
        super().__init__(store.driver, store.database)
        self.statements: list[tuple[str, dict[str, Any]]] = []

    async def query(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Record, then run as usual."""
        self.statements.append((statement, params))
        return await super().query(statement, **params)


async def capture(
    store: Neo4jStore, settings: Settings, question: Question
) -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """The Cypher statements one execution of `question` runs, and its round trips."""
    recording = RecordingStore(store)
    schema = build_schema(settings.max_query_depth, settings.max_aliases, settings.max_tokens)
    context = Context(
        request=None,
        settings=settings,
        store=recording,
        loaders=Loaders.for_store(recording, question.principal.viewer),
        principal=question.principal,
    )
    result = await schema.execute(
        question.query, variable_values=dict(question.variables), context_value=context
    )
    if result.errors:
        raise RuntimeError(f"{question.name} failed: {result.errors}")
    return recording.statements, recording.round_trips
