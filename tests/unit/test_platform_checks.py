"""What differs by operating system is asked in one place (desktop/platform.py), so that a test can run
the Windows branch here; the calls that break on Windows stay where they are safe. Walks the syntax
tree of every module under desktop/ (and, for the calls that break on Windows and text files without
an encoding, devtools/ and installer/, which run on Windows too)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"
ON_WINDOWS_TOO = ("desktop", "devtools", "installer")
FLAGS = {"WINDOWS", "LINUX", "MACOS"}

# POSIX-only: missing from Windows' os and signal modules, so a call outside a branch of the flag is an
# AttributeError there (the regency demo's os.killpg was one).
POSIX_ONLY = {("os", "killpg"), ("os", "geteuid"), ("os", "getuid"), ("os", "fork"), ("os", "setsid"),
              ("os", "getpgid"), ("signal", "SIGKILL"), ("signal", "SIGHUP"), ("signal", "SIGQUIT"),
              ("signal", "SIGXFSZ"), ("signal", "SIGALRM")}

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


def python_files(folders=ON_WINDOWS_TOO):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _asks_the_flag(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in FLAGS and isinstance(n.value, ast.Name)
               and n.value.id == "system" for n in ast.walk(node))


def _leaves(statement: ast.stmt) -> bool:
    return bool(statement.body) and isinstance(statement.body[-1], ast.Return | ast.Raise)


def behind_the_flag(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside a branch of an `if` on desktop.platform's flags, or after a function's early
    `if system.WINDOWS: return`."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If | ast.IfExp) and child is not parent.test and _asks_the_flag(parent.test):
            return True
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
            for statement in parent.body:
                if statement is child:
                    break
                if isinstance(statement, ast.If) and _asks_the_flag(statement.test) and _leaves(statement):
                    return True
        child, parent = parent, parents.get(parent)
    return False


def test_posix_only_calls_are_made_only_behind_the_platform_flag():
    found = []
    for name, tree in python_files(("desktop", "devtools")):
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and (node.value.id, node.attr) in POSIX_ONLY and not behind_the_flag(node, parents)):
                found.append(f"{name}:{node.lineno} {node.value.id}.{node.attr}")
    assert not found, "missing on Windows: put it in a branch of desktop.platform's flags\n" + "\n".join(found)


def test_the_flag_check_sees_branches_and_early_returns():
    tree = ast.parse("""
def guarded(p):
    if system.WINDOWS:
        return
    os.geteuid()
def branch(server):
    if system.WINDOWS:
        server.terminate()
    else:
        os.killpg(server.pid, signal.SIGKILL)
def bare():
    os.killpg(1, signal.SIGKILL)
""")
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    calls = [(node.attr, node.lineno, behind_the_flag(node, parents)) for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr in ("geteuid", "killpg", "SIGKILL")]
    assert sorted(calls) == [("SIGKILL", 10, True), ("SIGKILL", 12, False), ("geteuid", 5, True),
                             ("killpg", 10, True), ("killpg", 12, False)]


def _text_mode(call: ast.Call, position: int) -> bool:
    mode = call.args[position] if len(call.args) > position else None
    mode = next((k.value for k in call.keywords if k.arg == "mode"), mode)
    if mode is None:
        return True
    return not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" in mode.value)


def _says_encoding(call: ast.Call, position: int) -> bool:
    return len(call.args) > position or any(k.arg == "encoding" for k in call.keywords)


def without_encoding(call: ast.Call) -> bool:
    """open() in text mode, Path.open("w"/"a"/"r"), read_text() or write_text() with no encoding: the
    locale's code page on Windows (cp1252), UTF-8 here."""
    function = call.func
    if isinstance(function, ast.Name) and function.id == "open":
        return _text_mode(call, 1) and not _says_encoding(call, 3)
    if not isinstance(function, ast.Attribute):
        return False
    if function.attr == "open" and call.args and isinstance(call.args[0], ast.Constant) \
            and isinstance(call.args[0].value, str):  # Path.open(mode): a dialog's or a printer's open() takes none
        return _text_mode(call, 0) and not _says_encoding(call, 2)
    if function.attr == "read_text":
        return not _says_encoding(call, 0)
    if function.attr == "write_text":
        return not _says_encoding(call, 1)
    return False


def test_text_files_are_opened_with_an_encoding():
    found = [f"{name}:{node.lineno} {ast.unparse(node)[:70]}" for name, tree in python_files()
             for node in ast.walk(tree) if isinstance(node, ast.Call) and without_encoding(node)]
    assert not found, "say encoding=\"utf-8\" (Windows' default is the ANSI code page)\n" + "\n".join(found)


def test_the_encoding_check_knows_binary_modes_and_positional_encodings():
    calls = {source: without_encoding(ast.parse(source).body[0].value) for source in (
        "open(p)", "open(p, 'w')", "open(p, 'rb')", "open(p, 'w', -1, 'utf-8')", "open(p, 'a', encoding='utf-8')",
        "path.open('a')", "path.open('ab')", "path.open('r', -1, 'utf-8')", "dialog.open()", "path.read_text()",
        "path.read_text('utf-8')", "path.write_text(t)", "path.write_text(t, encoding='utf-8')", "path.read_bytes()")}
    assert [source for source, bad in calls.items() if bad] == [
        "open(p)", "open(p, 'w')", "path.open('a')", "path.read_text()", "path.write_text(t)"]


def test_a_descriptor_synced_on_windows_is_never_opened_read_only():
    """In a function that calls os.fsync, O_RDONLY only where Windows does not go (FlushFileBuffers
    needs a handle opened for writing: EBADF otherwise, and the backup before a migration fails)."""
    found = []
    for name, tree in modules():
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or not attribute_uses(function, "os", "fsync"):
                continue
            found += [f"desktop/{name}:{node.lineno}" for node in ast.walk(function)
                      if isinstance(node, ast.Attribute) and node.attr == "O_RDONLY" and not behind_the_flag(node, parents)]
    assert not found, "open for writing (os.O_RDWR | os.O_BINARY) what Windows syncs:\n" + "\n".join(found)
