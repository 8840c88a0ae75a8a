"""No two modules of the station or the server import each other (issue 16, item 6): a pair that does
is one concept split in two or two concepts tangled. Imports at module level and inside functions
count; `if TYPE_CHECKING:` imports do not. Walks the syntax tree of desktop/ and server/.

Nor do modules go round in a longer circle (a -> b -> c -> a), counting the `if TYPE_CHECKING:`
imports too: a module that names another's type only for its hints still leans on that module, and a
circle of them is one knot to read (the sync steps and their round, the shell's state and its sync link
were such circles)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Pairs still to untangle; the list may only shrink.
KNOWN: set[tuple[str, str]] = set()
# Circles still to untangle (TYPE_CHECKING imports counted); the list may only shrink.
KNOWN_CIRCLES: set[frozenset[str]] = {
    # The keyboard helper names its page's type; it should take the page's few parts instead (the
    # counter belongs to issue 23's work this round).
    frozenset({"desktop.ui.pages.counter.keyboard", "desktop.ui.pages.counter.page"}),
    # The regency's day (leases.today), its stations (registry.find_station), claims and anomalies
    # call each other at run time.
    frozenset({"server.anomalies", "server.claims", "server.leases", "server.registry"}),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for inner in ast.walk(node))
    return hidden


def imported(tree: ast.AST, modules: set[str], package: str, hints: bool = False) -> set[str]:
    """The modules `tree` imports; with `hints`, those under `if TYPE_CHECKING:` too."""
    hidden = set() if hints else type_checking_nodes(tree)
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


def import_graph(hints: bool = False) -> dict[str, set[str]]:
    paths = {module_name(p): p for folder in ("desktop", "server") for p in (ROOT / folder).rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = imported(ast.parse(path.read_text(encoding="utf-8")), modules, package, hints) - {name}
    return graph


def mutual_pairs(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())}


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))
    return found


def test_no_two_modules_import_each_other():
    pairs = mutual_pairs(import_graph())
    assert pairs - KNOWN == set(), "modules that import each other:\n" + "\n".join(" <-> ".join(p) for p in
                                                                               sorted(pairs - KNOWN))
    assert pairs >= KNOWN, f"untangled, take it off KNOWN: {sorted(KNOWN - pairs)}"


def test_no_modules_go_round_in_a_circle_hints_included():
    found = circles(import_graph(hints=True))
    named = "\n".join(" -> ".join(sorted(c)) for c in found - KNOWN_CIRCLES)
    assert found - KNOWN_CIRCLES == set(), "modules that import each other round a circle:\n" + named
    assert found >= KNOWN_CIRCLES, f"untangled, take it off KNOWN_CIRCLES: {[sorted(c) for c in KNOWN_CIRCLES - found]}"


def test_the_circle_check_finds_a_long_circle_and_leaves_a_chain():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": set(), "f": {"f", "a"}}
    assert circles(graph) == {frozenset({"a", "b", "c"})}
    assert circles({"a": {"b"}, "b": set()}) == set()
    hinted = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desktop.b import x\n")
    assert imported(hinted, {"desktop.a", "desktop.b"}, "desktop", hints=True) == {"desktop.b"}


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
