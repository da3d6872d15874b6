"""Which of the keys a write names are missing: one statement per label, so each uses its index."""

from __future__ import annotations

from graph.model import Label

_MISSING = (
    "UNWIND $keys AS k OPTIONAL MATCH (n:{label} {{key: k}}) WITH k, n WHERE n IS NULL RETURN k"
)

MISSING_KEYS: dict[Label, str] = {
    label: _MISSING.format(label=label.value)
    for label in (
        Label.ORGANIZATION,
        Label.PERSON,
        Label.PROJECT,
        Label.ISSUE,
        Label.CATEGORY,
        Label.AREA,
        Label.VISIT,
        Label.MEETING,
        Label.DECISION,
        Label.SUGGESTION,
    )
}
