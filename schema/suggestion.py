"""Suggestions (合理化建议): the type, the list and figures, and the mutations that record them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from graph.model import Label, Rel
from resolvers.browse import Order
from resolvers.errors import BadUserInput
from resolvers.paging import PageRequest
from resolvers.suggestions.figures import suggestion_figures
from resolvers.suggestions.records import Benefit, SuggestionDraft, Suggestions
from schema.connection import Connection
from schema.context import Context
from schema.enums import SuggestionStatus
from schema.meeting import ClientKey
from schema.node import Keyed, NodeType, key_of, node_from_row
from schema.paging import paged
from schema.payload import UserError
from schema.relations import related_one, root_connection
from schema.where import SuggestionWhere

if TYPE_CHECKING:
    from schema.issue import Issue
    from schema.organization import Organization

IssueRef = Annotated["Issue", strawberry.lazy("schema.issue")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organization")]

ISSUE: NodeType[Issue] = NodeType(Label.ISSUE)
ORGANIZATION: NodeType[Organization] = NodeType(Label.ORGANIZATION)

NEWEST_FIRST = Order("collectedOn", ascending=False)


@strawberry.type(
    description="A suggestion (合理化建议) from a member or a unit, and what became of it."
)
class Suggestion(relay.Node, Keyed):
    LABEL = Label.SUGGESTION

    key: relay.NodeID[str]
    title: str
    status: SuggestionStatus
    collected_on: dt.date | None = None
    adopted_on: dt.date | None = None
    implemented_on: dt.date | None = None
    declined_on: dt.date | None = None
    decline_reason: str | None = None
    benefit: str | None = strawberry.field(default=None, description="What implementing it did.")
    people_benefited: int | None = strawberry.field(
        default=None, description="How many people it benefited."
    )

    @strawberry.field(description="Who proposed it: a Person or an Organization.")
    async def proposed_by(self, info: Info[Context, None]) -> relay.Node | None:
        rows = await info.context.loaders.related(self.LABEL, Rel.PROPOSED_BY, "OUT").load(self.key)
        return node_from_row(rows[0]) if rows else None

    @strawberry.field(description="The organization it was submitted to.")
    async def submitted_to(self, info: Info[Context, None]) -> OrganizationRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.SUBMITTED_TO, "OUT", ORGANIZATION)

    @strawberry.field(description="The visit during which it was raised (a Visit), if any.")
    async def raised_during(self, info: Info[Context, None]) -> relay.Node | None:
        loader = info.context.loaders.related(self.LABEL, Rel.RAISED_DURING, "OUT", Label.VISIT)
        rows = await loader.load(self.key)
        return node_from_row(rows[0]) if rows else None

    @strawberry.field(description="The issue it is tracked as, if any.")
    async def tracked_as(self, info: Info[Context, None]) -> IssueRef | None:
        return await related_one(info, self.LABEL, self.key, Rel.TRACKED_AS, "OUT", ISSUE)

    @strawberry.field(description="Who benefits: Organizations and Areas.")
    async def beneficiaries(self, info: Info[Context, None]) -> list[relay.Node]:
        rows = await info.context.loaders.related(self.LABEL, Rel.BENEFITS, "OUT").load(self.key)
        return [node for node in map(node_from_row, rows) if node is not None]


@strawberry.type(description="Suggestion figures for an organization and those under it.")
class SuggestionFigures:
    organization: OrganizationRef
    collected: int = strawberry.field(description="Collected in the period.")
    adopted: int = strawberry.field(description="Adopted in the period.")
    implemented: int = strawberry.field(description="Implemented in the period.")
    declined: int = strawberry.field(description="Declined in the period.")
    people_benefited: int = strawberry.field(
        description="People benefited by those implemented in the period."
    )


@strawberry.input(description="Which suggestions to list.")
class SuggestionFilter:
    statuses: list[SuggestionStatus] | None = None
    submitted_to: relay.GlobalID | None = strawberry.field(
        default=None, description="Submitted to this organization or one under it."
    )
    proposer_organization: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Proposed by this organization (or one under it) or by one of its members.",
    )
    collected_from: dt.date | None = strawberry.field(default=None, description="Inclusive.")
    collected_to: dt.date | None = strawberry.field(default=None, description="Exclusive.")

    def params(self) -> dict[str, object]:
        """Cypher parameters for the filters given."""
        given = {
            "statuses": [s.value for s in self.statuses] if self.statuses else None,
            "submittedTo": key_of(self.submitted_to, "Organization", field="submittedTo"),
            "proposerOrganization": key_of(
                self.proposer_organization, "Organization", field="proposerOrganization"
            ),
            "from": self.collected_from,
            "to": self.collected_to,
        }
        return {name: value for name, value in given.items() if value is not None}


@strawberry.input(description="A collected suggestion.")
class RecordSuggestionInput:
    title: str
    submitted_to: relay.GlobalID = strawberry.field(description="The organization it went to.")
    collected_on: dt.date
    proposed_by: relay.GlobalID | None = strawberry.field(
        default=None, description="A Person or an Organization."
    )
    raised_during: relay.GlobalID | None = strawberry.field(
        default=None, description="The Visit during which it was raised."
    )
    tracked_as: relay.GlobalID | None = strawberry.field(
        default=None, description="The Issue it is tracked as."
    )


@strawberry.type(description="The suggestion after the change, or why nothing was written.")
class SuggestionPayload:
    suggestion: Suggestion | None
    user_errors: list[UserError]


@strawberry.type
class SuggestionQuery:
    @paged("Suggestions (合理化建议), newest first.")
    async def suggestions(
        self,
        info: Info[Context, None],
        page: PageRequest,
        filter: SuggestionFilter | None = None,
        where: SuggestionWhere | None = None,
    ) -> Connection[Suggestion]:
        filters = filter.params() if filter is not None else {}
        return await root_connection(info, Suggestion, page, NEWEST_FIRST, filters, where=where)

    @strawberry.field(
        description="Suggestions collected, adopted, implemented and declined for an "
        "organization and those under it, each counted by the date of its own step in "
        "[from, to); all time when no period is given."
    )
    async def suggestion_figures(
        self,
        info: Info[Context, None],
        organization: relay.GlobalID,
        since: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        until: Annotated[dt.date | None, strawberry.argument(name="to")] = None,
    ) -> SuggestionFigures:
        key = key_of(organization, "Organization", field="organization")
        assert key is not None
        figures = await suggestion_figures(info.context.store, key, since, until)
        row = await info.context.loaders.nodes(Label.ORGANIZATION).load(key)
        assert row is not None
        return SuggestionFigures(
            organization=ORGANIZATION.from_row(row),
            collected=figures.collected,
            adopted=figures.adopted,
            implemented=figures.implemented,
            declined=figures.declined,
            people_benefited=figures.people_benefited,
        )


@strawberry.type
class SuggestionMutation:
    @strawberry.mutation(
        description="Record a collected suggestion. Admins, and coordinators for their own "
        "organization or one under it."
    )
    async def record_suggestion(
        self, info: Info[Context, None], input: RecordSuggestionInput, client_key: ClientKey = None
    ) -> SuggestionPayload:
        try:
            proposer = input.proposed_by
            key_of(proposer, "Person", "Organization", field="proposedBy")
            draft = SuggestionDraft(
                title=input.title,
                submitted_to=_key(input.submitted_to, "Organization", "submittedTo"),
                collected_on=input.collected_on,
                proposed_by_person=_of(proposer, "Person"),
                proposed_by_organization=_of(proposer, "Organization"),
                raised_during=key_of(input.raised_during, "Visit", field="raisedDuring"),
                tracked_as=key_of(input.tracked_as, "Issue", field="trackedAs"),
            )
            key = await _service(info, client_key).record(draft)
        except BadUserInput as error:
            return SuggestionPayload(suggestion=None, user_errors=[UserError.of(error)])
        return await _answer(info, key)

    @strawberry.mutation(description="Adopt a collected suggestion (采纳).")
    async def adopt_suggestion(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        on: dt.date | None = None,
        client_key: ClientKey = None,
    ) -> SuggestionPayload:
        try:
            key = await _service(info, client_key).adopt(_key(id, "Suggestion", "id"), on)
        except BadUserInput as error:
            return SuggestionPayload(suggestion=None, user_errors=[UserError.of(error)])
        return await _answer(info, key)

    @strawberry.mutation(description="An adopted suggestion was implemented (实施): who benefits.")
    async def implement_suggestion(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        on: dt.date | None = None,
        benefit: str | None = None,
        people_benefited: int | None = None,
        beneficiaries: list[relay.GlobalID] | None = None,
        client_key: ClientKey = None,
    ) -> SuggestionPayload:
        try:
            named = beneficiaries or []
            for one in named:
                key_of(one, "Organization", "Area", field="beneficiaries")
            gain = Benefit(
                text=benefit,
                people=people_benefited,
                organizations=[b.node_id for b in named if b.type_name == "Organization"],
                areas=[b.node_id for b in named if b.type_name == "Area"],
            )
            service = _service(info, client_key)
            key = await service.implement(_key(id, "Suggestion", "id"), on, gain)
        except BadUserInput as error:
            return SuggestionPayload(suggestion=None, user_errors=[UserError.of(error)])
        return await _answer(info, key)

    @strawberry.mutation(description="Decline a suggestion, with the reason the proposer is told.")
    async def decline_suggestion(
        self,
        info: Info[Context, None],
        id: relay.GlobalID,
        reason: str,
        on: dt.date | None = None,
        client_key: ClientKey = None,
    ) -> SuggestionPayload:
        try:
            key = await _service(info, client_key).decline(_key(id, "Suggestion", "id"), on, reason)
        except BadUserInput as error:
            return SuggestionPayload(suggestion=None, user_errors=[UserError.of(error)])
        return await _answer(info, key)


def _service(info: Info[Context, None], client_key: str | None) -> Suggestions:
    context = info.context
    return Suggestions(context.store, context.principal, context.clock, client_key)


def _key(id: relay.GlobalID, type_name: str, field: str) -> str:
    key = key_of(id, type_name, field=field)
    assert key is not None
    return key


def _of(id: relay.GlobalID | None, type_name: str) -> str | None:
    return id.node_id if id is not None and id.type_name == type_name else None


async def _answer(info: Info[Context, None], key: str) -> SuggestionPayload:
    # The change committed: nothing this request cached may be served again.
    info.context.loaders.clear_all()
    row = await info.context.loaders.nodes(Label.SUGGESTION).load(key)
    suggestion = Suggestion.from_row(row) if row is not None else None
    return SuggestionPayload(suggestion=suggestion, user_errors=[])
