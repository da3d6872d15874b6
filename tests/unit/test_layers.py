"""The layer rule, read from the code: imports flow web → schema → {resolvers, loaders} → graph."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from settings import PROJECT_ROOT

PACKAGES = ("web", "schema", "resolvers", "loaders", "graph", "demo")
# What each part may import besides itself; the settings are everybody's.
ALLOWED = {
    "cli": {"web", "schema", "resolvers", "loaders", "graph", "demo", "settings"},
    "web": {"schema", "resolvers", "loaders", "graph", "settings"},
    "schema": {"resolvers", "loaders", "graph", "settings"},
    "resolvers": {"loaders", "graph", "settings"},
    "loaders": {"graph", "settings"},
    "demo": {"graph", "settings"},
    "graph": {"settings"},
    "settings": set(),
}
LIMIT = 450


def sources() -> dict[str, Path]:
    """Every application module's file, by dotted name."""
    found = {name: PROJECT_ROOT / f"{name}.py" for name in ("cli", "settings")}
    for package in PACKAGES:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def dependencies() -> dict[str, set[str]]:
    """The import graph between application modules."""
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in sources().items()}
    return {
        name: {other for other in imported(name, tree) if other in trees and other != name}
        for name, tree in trees.items()
    }


def imported(name: str, tree: ast.AST) -> Iterator[str]:
    """Every module `tree` imports at run time: type-checking-only imports are left out."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom):
            base = name.split(".")[: -child.level] if child.level else []
            module = ".".join([*base, child.module] if child.module else base)
            yield module
            yield from (f"{module}.{alias.name}" for alias in child.names)
        yield from imported(name, child)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_flow_one_way() -> None:
    upward = [
        f"{name} imports {other}"
        for name, others in dependencies().items()
        for other in others
        if other.split(".")[0] != name.split(".")[0]
        and other.split(".")[0] not in ALLOWED[name.split(".")[0]]
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    assert cycles(dependencies()) == []


def test_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_modules_stay_readable() -> None:
    lines = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in sources().items()
        if not name.startswith("demo")
    }
    assert {name: count for name, count in lines.items() if count > LIMIT} == {}


def test_schema_tells_time_by_the_injected_clock() -> None:
    reads = [
        name
        for name, path in sources().items()
        if name.startswith("schema") and ".now(" in path.read_text(encoding="utf-8")
    ]
    assert reads == []
