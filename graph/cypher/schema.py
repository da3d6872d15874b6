"""Key constraints and indexes: what Neo4j enforces and plans with."""

from __future__ import annotations

from graph.model import KEYED_LABELS

_KEY_CONSTRAINT = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"

KEY_CONSTRAINTS: tuple[str, ...] = tuple(
    _KEY_CONSTRAINT.format(name=f"{label.lower()}_key", label=label) for label in KEYED_LABELS
)

INDEXES: tuple[str, ...] = (
    "CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind)",
    "CREATE INDEX area_level IF NOT EXISTS FOR (n:Area) ON (n.level)",
    "CREATE INDEX issue_state IF NOT EXISTS FOR (n:Issue) ON (n.state)",
    "CREATE INDEX issue_reported_at IF NOT EXISTS FOR (n:Issue) ON (n.reportedAt)",
    "CREATE INDEX issue_channel IF NOT EXISTS FOR (n:Issue) ON (n.channel)",
    # Each state's issues in report order: a page of a few states merges their runs
    # (graph/cypher/paging.py SPLITS), reading about a page per state, not every issue.
    "CREATE INDEX issue_state_reported_at IF NOT EXISTS FOR (n:Issue) ON (n.state, n.reportedAt)",
    "CREATE INDEX person_phone IF NOT EXISTS FOR (n:Person) ON (n.phone)",
    "CREATE INDEX issue_event_seq IF NOT EXISTS FOR (n:IssueEvent) ON (n.seq)",
    "CREATE INDEX project_kind IF NOT EXISTS FOR (n:Project) ON (n.kind)",
    "CREATE INDEX change_target IF NOT EXISTS FOR (n:Change) ON (n.target)",
    "CREATE INDEX observation_indicator IF NOT EXISTS FOR (n:Observation) ON (n.indicator)",
    # The common sorts: a range index hands rows over in order once a cursor bounds them.
    "CREATE INDEX issue_resolved_at IF NOT EXISTS FOR (n:Issue) ON (n.resolvedAt)",
    "CREATE INDEX project_start_date IF NOT EXISTS FOR (n:Project) ON (n.startDate)",
    "CREATE INDEX meeting_held_on IF NOT EXISTS FOR (n:Meeting) ON (n.heldOn)",
    "CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)",
    "CREATE INDEX area_name IF NOT EXISTS FOR (n:Area) ON (n.name)",
    # Bigrams for Chinese text: the default analyzer would index a whole title as one token.
    "CREATE FULLTEXT INDEX search IF NOT EXISTS "
    "FOR (n:Issue|Organization|Person|Project|Area) ON EACH [n.title, n.description, n.name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    # A resident's status link finds its issue by the digest of its secret.
    "CREATE CONSTRAINT issue_status_digest IF NOT EXISTS "
    "FOR (n:Issue) REQUIRE n.statusDigest IS UNIQUE",
    "CREATE CONSTRAINT issue_client_request IF NOT EXISTS "
    "FOR (n:Issue) REQUIRE n.clientRequestId IS UNIQUE",
)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# Each key constraint is backed by an index of the same name, so indexes list both.
SHOW_SCHEMA = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
