"""The functional core's layering, read from the source with `ast`: no core package imports
Django or click, and no two core packages import each other (directly or round a longer
cycle). Imports inside functions count too."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "teichaku"
CORE = (
    "instrument",
    "responses",
    "tabulate",
    "coding",
    "report",
    "retention",
    "practice",
    "library",
)
SHELL_ONLY = ("django", "click")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def core_imports() -> dict[str, dict[str, set[str]]]:
    """package → imported top-level name or core package → the files that import it."""
    graph: dict[str, dict[str, set[str]]] = {}
    for package in CORE:
        found: dict[str, set[str]] = {}
        for path in sorted((SRC / package).rglob("*.py")):
            for name in imported_modules(path):
                parts = name.split(".")
                if parts[0] == "teichaku" and len(parts) > 1 and parts[1] in CORE:
                    target = parts[1]
                else:
                    target = parts[0]
                if target != package:
                    found.setdefault(target, set()).add(str(path.relative_to(SRC)))
        graph[package] = found
    return graph


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle's nodes, found by a depth-first search from each node."""
    found: list[list[str]] = []

    def visit(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                found.append([*path, start])
            elif nxt not in path and nxt > start:  # each cycle once, from its least node
                visit(start, nxt, [*path, nxt])

    for node in sorted(edges):
        visit(node, node, [node])
    return found


def test_the_walk_sees_the_packages_and_their_imports() -> None:
    graph = core_imports()
    assert set(graph) == set(CORE)
    assert "coding" in graph["tabulate"]  # tabulate uses coding's types
    assert "numpy" in graph["tabulate"]


def test_no_core_module_imports_django_or_click() -> None:
    graph = core_imports()
    bad = {
        f"{package} → {name}: {', '.join(sorted(files))}"
        for package, targets in graph.items()
        for name, files in targets.items()
        if name in SHELL_ONLY
    }
    assert not bad


def test_no_cycle_between_core_packages() -> None:
    graph = core_imports()
    edges = {p: {t for t in targets if t in CORE} for p, targets in graph.items()}
    found = cycles(edges)
    described = [
        " → ".join(cycle)
        + " ("
        + "; ".join(
            f"{a}→{b}: {', '.join(sorted(graph[a][b]))}" for a, b in itertools.pairwise(cycle)
        )
        + ")"
        for cycle in found
    ]
    assert not described


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
