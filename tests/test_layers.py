"""The architecture is in the tree: layers import downwards only, nothing imports itself through
other modules, and the core (everything but the adapters) never imports MkDocs, so that another
front end can drive it."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import mkdocs.plugins
import pytest

import peerlog

PACKAGE = Path(peerlog.__file__).parent
#: The layers in import order: a module may import its own layer and the ones before it.
LAYERS = ("base", "read", "history", "knowledge", "render", "adapters")
ADAPTERS = {"peerlog", "peerlog.plugin", "peerlog.structure", "peerlog.config", "peerlog.cli",
            "peerlog.__main__"}
#: Modules that need an optional extra, and a package of that extra: without it they are not
#: importable by design (grouping falls back to words alone), so they are checked only with it.
OPTIONAL = {"peerlog.knowledge.embeddings": "numpy"}


def all_modules() -> dict[str, Path]:
    """Every module of the package by dotted name, read from the files (nothing is imported)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> str:
    if module in ADAPTERS or module.startswith("peerlog.commands"):
        return "adapters"
    return module.split(".")[1]


def imported(module: str, source: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The peerlog modules ``source`` imports anywhere (inside functions and ``TYPE_CHECKING``
    too: an import hidden in a function is still a dependency)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "peerlog")
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            if target.split(".")[0] != "peerlog":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in known else target


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {
        name: set(imported(name, path.read_text(encoding="utf-8"), path.name == "__init__.py",
                           known))
        for name, path in modules.items()
    }


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        f"{source} ({layer_of(source)}) imports {target} ({layer_of(target)})"
        for source, targets in graph.items() for target in targets
        if LAYERS.index(layer_of(target)) > LAYERS.index(layer_of(source))
    )


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1 or node in graph.get(node, ()):
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def core_modules() -> list[str]:
    return sorted(
        n for n in all_modules()
        if layer_of(n) != "adapters" and (n not in OPTIONAL or importlib.util.find_spec(OPTIONAL[n]))
    )


def test_every_module_is_in_a_layer_and_each_layer_says_what_it_holds() -> None:
    modules = all_modules()
    assert {layer_of(m) for m in modules} == set(LAYERS)
    for layer in LAYERS[:-1]:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
        assert doc and "import" in doc.lower(), f"{layer}/__init__.py must say what it may import"
    # Nothing but the package marker and the adapters is left at the top of the package.
    assert {m for m in modules if m.count(".") == 1} == ADAPTERS - {"peerlog"} | {
        f"peerlog.{layer}" for layer in (*LAYERS[:-1], "commands")}


def test_layers_import_downwards_only() -> None:
    assert upward_imports(import_graph()) == []


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


def test_the_layer_checks_find_what_they_look_for() -> None:
    known = {"peerlog.read.entries", "peerlog.render.pages", "peerlog.base.text"}
    source = ("from ..render.pages import X\n"
              "def f():\n    from peerlog.base import text\n")
    found = set(imported("peerlog.read.entries", source, False, known))
    assert found == {"peerlog.render.pages", "peerlog.base.text"}
    graph = {"peerlog.read.entries": found, "peerlog.render.pages": {"peerlog.read.entries"},
             "peerlog.base.text": set()}
    assert upward_imports(graph) == [
        "peerlog.read.entries (read) imports peerlog.render.pages (render)"]
    assert cycles(graph) == [["peerlog.read.entries", "peerlog.render.pages"]]


def test_core_does_not_import_mkdocs() -> None:
    assert {"peerlog.read.entries", "peerlog.knowledge.model", "peerlog.render.pages"} <= set(
        core_modules())
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


MKDOCS_ADAPTERS = ("peerlog.plugin", "peerlog.structure", "peerlog.config")


@pytest.mark.parametrize("module", MKDOCS_ADAPTERS)
def test_only_the_mkdocs_adapters_name_mkdocs(module: str) -> None:
    others = [m for m, path in all_modules().items() if m not in MKDOCS_ADAPTERS
              and "mkdocs" in {n.split(".")[0] for n in _absolute_imports(path)}]
    assert others == []
    assert "mkdocs" in {n.split(".")[0] for n in _absolute_imports(all_modules()[module])}


def test_plugin_only_wires_events() -> None:
    """The plugin class has MkDocs events and nothing public besides; what the events need
    comes from the layers, so the module stays small."""
    from peerlog.plugin import PeerlogPlugin

    public = {name for name, value in vars(PeerlogPlugin).items()
              if callable(value) and not name.startswith("_")}
    assert public and all(name.removeprefix("on_") in mkdocs.plugins.EVENTS for name in public)
    assert len((PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()) < 200


def _absolute_imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module
