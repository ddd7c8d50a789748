"""The package's modules import each other without cycles, and ``core`` knows no domain app.

An import cycle works or breaks depending on which module happens to be imported first; the
usual dodge, an import inside a function, hides it from readers as well. So: the graph of
module-level imports has no cycle (read from the source), and importing every module at top
level, after Django starts, works in several orders (each in a fresh interpreter).
"""

import ast
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]  # the ``maillage`` package
PACKAGE = ROOT.name
# Modules of core still allowed a domain import, each with the work that moves it out.
CORE_EXCEPTIONS: set[str] = set()
DOMAIN_APPS = {path.parent.name for path in ROOT.glob("*/apps.py")} - {"core"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def every_module() -> list[str]:
    return sorted(
        module_name(path)
        for path in ROOT.rglob("*.py")
        if path.name != "__main__.py" and "migrations" not in path.parts
    )


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported(path: Path, *, top_level_only: bool) -> Iterator[str]:
    """The ``maillage`` modules ``path`` imports when it runs (type-checking imports aside)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    todo: list[ast.AST] = list(ast.parse(path.read_text()).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif top_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        else:
            todo.extend(ast.iter_child_nodes(node))


def import_graph() -> dict[str, set[str]]:
    modules = set(every_module())
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found = set(imported(path, top_level_only=True)) & modules
        graph[module_name(path)] = found - {module_name(path)}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


IMPORT_ALL = """
import importlib, sys
import django
django.setup()
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


class ImportTests(SimpleTestCase):
    def test_the_module_level_imports_form_no_cycle(self):
        self.assertEqual(cycles(import_graph()), [])

    def test_the_cycle_finder_finds_a_cycle(self):
        graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        self.assertEqual(cycles(graph), [["a", "b", "c"]])

    def test_every_module_imports_at_top_level_in_several_orders(self):
        modules = [name for name in every_module() if ".tests" not in name]
        orders = {"sorted": modules, "reversed": modules[::-1]}
        for seed in (1, 2):
            shuffled = modules[:]
            random.Random(seed).shuffle(shuffled)
            orders[f"shuffled {seed}"] = shuffled
        for label, order in orders.items():
            with self.subTest(order=label):
                run = subprocess.run(  # noqa: S603 - our own interpreter and module names
                    [sys.executable, "-c", IMPORT_ALL, *order],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                self.assertEqual(run.returncode, 0, run.stderr[-2000:])

    def test_core_imports_no_domain_app(self):
        for path in sorted((ROOT / "core").rglob("*.py")):
            name = module_name(path)
            if "tests" in path.parts or "migrations" in path.parts or name in CORE_EXCEPTIONS:
                continue
            apps = {
                target.split(".")[1]
                for target in imported(path, top_level_only=False)
                if target.startswith(f"{PACKAGE}.")
            }
            with self.subTest(module=name):
                self.assertEqual(apps & DOMAIN_APPS, set())
