"""The shape ARCHITECTURE.md promises: no import cycles, modules of a readable size."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "owabilint"
MAX_LINES = 400
# A module may be longer when it says why at its top, in a line starting with this.
LONG_MODULE_REASON = "Why this module is long:"


def module_files() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _load_time_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is loaded (not those inside functions or under TYPE_CHECKING)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the owabilint modules loading it runs, parents' ``__init__`` included."""
    modules = module_files()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in _load_time_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _absolute(name, node, path.name == "__init__.py")
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                parts = target.split(".")
                for k in range(2, len(parts) + 1):  # importing a.b.c runs a.b's __init__ first
                    loaded = ".".join(parts[:k])
                    if loaded in modules and loaded != name and not name.startswith(loaded + "."):
                        graph[name].add(loaded)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_sees_a_cycle_through_a_package_init() -> None:
    graph = {"p": {"p.a"}, "p.a": {"q.b"}, "q": set(), "q.b": {"p"}, "r": set()}
    assert cycles(graph) == [["p", "p.a", "q.b"]]
    assert cycles({"p": {"p.a"}, "p.a": set()}) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_every_module_imports_on_its_own() -> None:
    """Whatever module a tool or a test imports first, it loads (a cycle would fail here)."""
    names = [n for n in module_files() if not n.endswith("__main__")]
    script = (
        "import importlib, subprocess, sys\n"
        "bad = []\n"
        "for name in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True, text=True)\n"
        "    if r.returncode: bad.append(name + ': ' + r.stderr.strip().splitlines()[-1])\n"
        "print('\\n'.join(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *names], capture_output=True, text=True, cwd=ROOT, check=False, timeout=600
    )
    assert proc.stdout.strip() == "", proc.stdout


@pytest.mark.parametrize("name", sorted(module_files()))
def test_modules_stay_readable_in_size(name: str) -> None:
    path = module_files()[name]
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) > MAX_LINES:
        head = "\n".join(lines[:30])
        assert LONG_MODULE_REASON in head, f"{path.relative_to(ROOT)} has {len(lines)} lines and no reason at its top"
