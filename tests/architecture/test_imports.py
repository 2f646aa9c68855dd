"""The import graph: no module of the project imports itself back, not even from a function.

import-linter's contracts (`lint-imports` in `make lint`) keep the layers; this test keeps the
graph free of cycles at module level, function-local imports included (grimp reads every import
statement, wherever it stands).
"""

from __future__ import annotations

import grimp
import pytest

PACKAGES = (
    "config",
    "core",
    "people",
    "events",
    "issues",
    "sync",
    "public",
    "devdata",
    "partners",
    "accounts",
    "ops",
)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            groups.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_back(graph):
    cycles = [sorted(group) for group in strongly_connected(graph) if len(group) > 1]

    assert cycles == []


def test_the_old_router_cycle_is_gone(graph):
    # config.api -> core.sync_api -> core.export -> config.api lived on a function-local import.
    assert graph.find_downstream_modules("config", as_package=True) == set()
