"""What differs by operating system is asked in one place (desktop/platform.py), so that a test can run
the Windows branch here; the calls that break on Windows stay where they are safe. Walks the syntax
tree of every module under desktop/."""

from __future__ import annotations

import ast
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"

# os.fsync on a descriptor opened read-only fails on Windows (FlushFileBuffers needs write access):
# only these modules call it, on descriptors they open for writing.
FSYNC_ALLOWED = {"store/durable.py", "store/journal.py"}


def attribute_uses(tree: ast.AST, owner: str, name: str) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == name
            and isinstance(node.value, ast.Name) and node.value.id == owner]


def modules():
    for path in sorted(DESKTOP.rglob("*.py")):
        yield path.relative_to(DESKTOP).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_no_module_but_desktop_platform_asks_os_name_or_sys_platform():
    found = []
    for name, tree in modules():
        if name == "platform.py":
            continue
        found += [f"{name}:{line} os.name" for line in attribute_uses(tree, "os", "name")]
        found += [f"{name}:{line} sys.platform" for line in attribute_uses(tree, "sys", "platform")]
    assert not found, "use desktop.platform's flags:\n" + "\n".join(found)


def test_fsync_only_where_the_descriptor_is_opened_for_writing():
    found = [f"{name}:{line}" for name, tree in modules() if name not in FSYNC_ALLOWED
             for line in attribute_uses(tree, "os", "fsync")]
    assert not found, "sync through desktop.store.durable:\n" + "\n".join(found)


def test_standard_input_is_read_only_after_asking_whether_there_is_one():
    found = []
    for name, tree in modules():
        if name == "cli/terminal.py":
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "stdin" and isinstance(node.value.value, ast.Name)
                    and node.value.value.id == "sys"):
                found.append(f"{name}:{node.lineno} sys.stdin.{node.attr}")
    assert not found, "a windowed program has no standard input: use desktop.cli.terminal.has_terminal\n" + \
        "\n".join(found)
