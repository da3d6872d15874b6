"""Statements only the bench runs: picking its targets and naming the server."""

from __future__ import annotations

# The organization with the most open issues: the one whose overdue list a bench asks for.
BUSIEST_ORGANIZATION = """
MATCH (i:Issue)-[:ASSIGNED_TO]->(o:Organization) WHERE i.state IN $open
RETURN o.key AS key, count(*) AS n ORDER BY n DESC, key LIMIT 1
"""

# A unit with the fewest assigned issues that still fill a page: a typical coordinator's view.
QUIET_ORGANIZATION = """
MATCH (o:Organization) WHERE o.kind <> 'CENTER'
WITH o, COUNT { (o)<-[:ASSIGNED_TO]-(:Issue) } AS n WHERE n > $page
RETURN o.key AS key, n ORDER BY n, key LIMIT 1
"""

SERVER_VERSION = "CALL dbms.components() YIELD versions RETURN versions[0] AS v"

# The least a read transaction costs: what any statement's time starts from.
TRIVIAL = "RETURN 1 AS one"
