"""Which operation a document runs, read before Strawberry runs it."""

from __future__ import annotations

from functools import lru_cache

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

NAME_ONE = (
    "The document holds several operations: name the one to run in `operationName` "
    "(operations named here: {names})."
)


def unnamed_choice(query: str, operation_name: str | None, max_tokens: int) -> str | None:
    """Why the document cannot run without `operationName`, or None when it can."""
    operations = _operations(query, max_tokens)
    if operation_name is not None or len(operations) < 2:
        return None
    return NAME_ONE.format(names=", ".join(name or "(anonymous)" for name, _ in operations))


def runs(query: str, operation_name: str | None, max_tokens: int) -> OperationType | None:
    """The type of the operation the document runs under this name, if it parses."""
    operations = _operations(query, max_tokens)
    if operation_name is None:
        return operations[0][1] if operations else None
    return next((kind for given, kind in operations if given == operation_name), None)


def named(query: str, operation_name: str | None, max_tokens: int) -> str | None:
    """The name of the operation the document runs: the one asked for, or its only one's."""
    if operation_name is not None:
        return operation_name
    operations = _operations(query, max_tokens)
    return operations[0][0] if len(operations) == 1 else None


@lru_cache(maxsize=256)
def _operations(query: str, max_tokens: int) -> tuple[tuple[str | None, OperationType], ...]:
    """The document's operations, by name; none when it does not parse (Strawberry says why)."""
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return ()
    return tuple(
        (node.name.value if node.name else None, node.operation)
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    )
