"""No two modules of the station or the server import each other (issue 16, item 6): a pair that does
is one concept split in two or two concepts tangled. Imports at module level and inside functions
count; `if TYPE_CHECKING:` imports do not. Walks the syntax tree of desktop/ and server/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Pairs still to untangle; the list may only shrink.
KNOWN: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for inner in ast.walk(node))
    return hidden


def imported(tree: ast.AST, modules: set[str], package: str) -> set[str]:
    hidden = type_checking_nodes(tree)
    found = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for folder in ("desktop", "server") for p in (ROOT / folder).rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = imported(ast.parse(path.read_text(encoding="utf-8")), modules, package) - {name}
    return graph


def mutual_pairs(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())}


def test_no_two_modules_import_each_other():
    pairs = mutual_pairs(import_graph())
    assert pairs - KNOWN == set(), "modules that import each other:\n" + "\n".join(" <-> ".join(p) for p in
                                                                               sorted(pairs - KNOWN))
    assert pairs >= KNOWN, f"untangled, take it off KNOWN: {sorted(KNOWN - pairs)}"


def test_the_check_sees_a_pair_inside_functions_and_not_under_type_checking():
    inside = ast.parse("def f():\n    from desktop.b import x\n")
    hidden = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desktop.b import x\n")
    modules = {"desktop.a", "desktop.b"}
    assert imported(inside, modules, "desktop") == {"desktop.b"}
    assert imported(hidden, modules, "desktop") == set()
    assert mutual_pairs({"desktop.a": {"desktop.b"}, "desktop.b": {"desktop.a"}}) == {("desktop.a", "desktop.b")}


def test_the_server_uses_only_the_stations_domain_rules():
    """server/ shares rules with the station (password length, place of issue, stored values) and the
    reports' papers (desktop/documents/, issue 22), never its services, store or Qt code: the server
    package stays free of the station's models."""
    graph = import_graph()
    reached = {target for name, targets in graph.items() if name.startswith("server")
               for target in targets if target.startswith("desktop")}
    assert reached, "the server should share at least the domain rules"
    assert {t for t in reached if not t.startswith(("desktop.domain", "desktop.documents", "desktop.errors"))} == set()
