"""The audit of field-work changes: one Change node per change, keyed by the client's key."""

from __future__ import annotations

PRIOR_CHANGE = """
MATCH (c:Change {key: $key})
RETURN c.action AS action, c.label AS label, c.target AS target
"""

RECORD_CHANGE = """
CREATE (:Change {key: $key, at: datetime($at), actor: $actor, role: $role, action: $action,
  label: $label, target: $target, fields: $fields})
"""

CHANGES_OF = """
MATCH (c:Change {target: $target}) WHERE c.label = $label
RETURN c {.at, .actor, .role, .action, .fields} AS change
ORDER BY c.at, c.key
"""
