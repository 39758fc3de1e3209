"""Every import arrow between Fazhi's apps points down: core imports no other app, indicators imports only
core, the areas import those two, and an area builds on another only where the table below says why.
Core reaches the areas through registration alone (`area_modules`, registries filled in `ready()`).
Read from the source with `ast`, so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import fazhi

ROOT = Path(fazhi.__file__).parent
APPS = sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and (p / "apps.py").exists())
BASE = {"core", "indicators"}

# The sideways arrows allowed, each with why the area stands on the other.
ALLOWED = {
    ("activities", "plans"): "a ledger entry is linked to the work plan's task it fulfils",
    ("activities", "reports"): "the ledgers' report paragraphs register with the composer (@contribution)",
    ("cases", "enforcement"): "a case is opened against enforcement's entities, by its officers, from an inspection",
    ("cases", "reports"): "the cases' report paragraphs register with the composer (@contribution)",
    ("draws", "enforcement"): "a random inspection draws enforcement's entities and officers and becomes inspections",
    ("draws", "reports"): "the draws' report paragraphs register with the composer (@contribution)",
    ("enforcement", "reports"): "enforcement's report paragraphs register with the composer (@contribution)",
    ("reports", "plans"): "the annual report sets the year's figures against the work plan's targets",
    ("portal", "cases"): "the portal publishes the redacted penalty decisions the law requires",
    ("portal", "draws"): "the portal publishes the random inspections and their verifiable draw records",
    ("portal", "enforcement"): "published decisions and draws name enforcement's entities and results",
    ("portal", "reports"): "the portal publishes the annual reports once they are published",
    ("dashboard", "cases"): "the home page lists the cases' legal deadlines at risk",
    ("dashboard", "enforcement"): "the home page lists what the enforcement area needs doing soon",
}


def _imported_apps(tree: ast.AST):
    for node in ast.walk(tree):  # every node, so imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "fazhi":  # `from fazhi import cases`
                names += [f"fazhi.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "fazhi" and len(parts) > 1 and parts[1] in APPS:
                yield parts[1], node.lineno


def edges() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, for every import from one app into another."""
    found = defaultdict(list)
    for path in sorted(ROOT.rglob("*.py")):
        app = path.relative_to(ROOT).parts[0]
        if app not in APPS:
            continue
        for target, line in _imported_apps(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if target != app:
                found[(app, target)].append(f"{path.relative_to(ROOT)}:{line}")
    return dict(found)


def test_the_apps_are_found():
    assert {"core", "indicators", "plans", "enforcement", "cases", "reports", "portal"} <= set(APPS)
    assert ("cases", "enforcement") in edges()  # the walk sees the imports at all


def test_core_imports_no_other_app():
    assert {edge: where for edge, where in edges().items() if edge[0] == "core"} == {}


def test_indicators_imports_only_core():
    assert {edge: where for edge, where in edges().items() if edge[0] == "indicators" and edge[1] != "core"} == {}


def test_no_app_imports_another_in_a_circle():
    graph = defaultdict(set)
    for source, target in edges():
        graph[source].add(target)
    state: dict[str, str] = {}
    cycles = []

    def visit(app, trail):
        state[app] = "open"
        for target in sorted(graph[app]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[app] = "done"

    for app in APPS:
        if app not in state:
            visit(app, [app])
    assert cycles == []


def test_every_sideways_arrow_is_one_the_table_allows():
    sideways = {edge: where for edge, where in edges().items() if edge[1] not in BASE}
    assert {edge: where for edge, where in sideways.items() if edge not in ALLOWED} == {}
    # An allowed arrow the code no longer has is taken off the table, so the table stays the truth.
    assert sorted(set(ALLOWED) - set(sideways)) == []
