"""The shell's rules, read from the source: background work starts only in the operations modules,
pages declare themselves import-light, the main window is a small shell without mixins."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"
ALLOWED = (DESKTOP / "ui" / "operations", DESKTOP / "ui" / "tasks.py")


def runner_calls(source: str) -> list[int]:
    """Lines calling `<...>runner.run(...)`: a TaskRunner started by hand."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
            if name.lower().endswith("runner"):
                lines.append(node.lineno)
    return lines


def test_the_check_finds_a_runner_call():
    assert runner_calls("self.runner.run('db', work, done, failed)\nrunner.run('x', f)\n") == [1, 2]
    assert runner_calls("subprocess.run(['ls'])\nop.run_in(ops)\n") == []


def test_only_the_operations_modules_start_background_work():
    found = []
    for path in sorted(DESKTOP.rglob("*.py")):
        if any(path == allowed or allowed in path.parents for allowed in ALLOWED):
            continue
        found += [f"{path.relative_to(ROOT)}:{line}" for line in runner_calls(path.read_text(encoding="utf-8"))]
    assert found == []


def test_pages_declare_themselves_without_importing_their_modules():
    code = (
        "import sys\n"
        "from desktop.ui import pages\n"
        "declared = pages.pages()\n"
        "assert len({p.name for p in declared}) == len(declared)\n"
        "menus = {key for key, _title in pages.MENUS}\n"
        "assert all(p.menu in menus or p.menu == pages.WORK_AREA for p in declared)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('desktop.ui.pages.') and m.count('.') > 3)\n"
        "widgets = 'PySide6.QtWidgets' in sys.modules\n"
        "print(len(declared), loaded, widgets)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    count, rest = out.split(" ", 1)
    assert int(count) >= 10  # counter, quota, blanko, clock, users, password, lock, sync, enrol, printers, about
    assert rest.strip() == "[] False"


def test_every_factory_names_a_function_that_exists():
    from importlib.util import find_spec

    from desktop.ui import pages

    for page in pages.pages():
        module, _, function = page.factory.partition(":")
        spec = find_spec(module)
        assert spec is not None and spec.origin, page.name
        assert f"def {function}(" in Path(spec.origin).read_text(encoding="utf-8"), page.name


def test_the_main_window_is_a_shell_without_mixins():
    path = DESKTOP / "ui" / "main_window.py"
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) < 250
    window = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "MainWindow")
    assert [ast.unparse(base) for base in window.bases] == ["QMainWindow"]
    assert not (DESKTOP / "ui" / "security_actions.py").exists()
