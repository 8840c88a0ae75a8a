"""Keeping the English translation in step with the Indonesian source strings.

    python -m desktop.i18n update   # collect strings from desktop/**/*.py into ktp_en.ts
    python -m desktop.i18n build    # compile ktp_en.ts and qt_id.ts into .qm files (committed, loaded at run time)
    python -m desktop.i18n check    # list messages still waiting for an English translation

The work is done by Qt's lupdate and lrelease from the PySide6 wheel. lupdate's Python tokenizer
misses two kinds of call: `QT_TRANSLATE_NOOP(_C, "...")` whose context is a module constant (the domain
modules name their context once), and `self.tr("...")` written inside an f-string. `update` finds those
with `ast`, hands them to lupdate in a generated file with literal contexts, then points their
locations back at the real source lines. The .ts keeps only messages still in the sources.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from desktop import platform as system
from desktop.domain.text import MESSAGES_CONTEXT

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop"
TS_FILE = ROOT / "resources" / "translations" / "ktp_en.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
# Qt's own strings (standard buttons, context menus) in Bahasa Indonesia: Qt ships no qtbase_id.
QT_ID_TS_FILE = ROOT / "resources" / "translations" / "qt_id.ts"
QT_ID_QM_FILE = QT_ID_TS_FILE.with_suffix(".qm")

_NOOP = "QT_TRANSLATE_NOOP"
_STUB_NAME = "ktp_i18n_resolved_contexts.py"


class ToolMissing(RuntimeError):
    pass


def find_tool(name: str) -> Path:
    """lupdate or lrelease: the pyside6-* launcher beside this Python, else the binary in the PySide6 package."""
    exe = ".exe" if system.WINDOWS else ""
    here = Path(sys.executable).parent
    candidates = [here / f"pyside6-{name}{exe}", here / "Scripts" / f"pyside6-{name}{exe}"]
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / f"{name}{exe}")
    on_path = shutil.which(f"pyside6-{name}")
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ToolMissing(f"{name} not found; looked at: " + ", ".join(str(c) for c in candidates))


def _run(tool: str, args: list[str]) -> str:
    result = subprocess.run([str(find_tool(tool)), *args], cwd=ROOT, capture_output=True, text=True,
                            errors="replace")
    if result.returncode != 0:
        raise RuntimeError(f"{tool} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def source_files(source_dir: Path = SOURCE_DIR) -> list[Path]:
    return sorted(p for p in source_dir.rglob("*.py") if "__pycache__" not in p.parts)


@dataclass(frozen=True)
class HiddenMessage:
    path: Path
    line: int
    context: str
    text: str
    reason: str


def hidden_messages(path: Path) -> list[HiddenMessage]:
    """Translatable literals that lupdate's Python tokenizer cannot see.

    - `QT_TRANSLATE_NOOP(_C, "...")` whose context is a module-level string constant;
    - `self.tr("...")` written inside an f-string (lupdate does not look into f-strings); its context
      is the enclosing class, as for any other `self.tr`.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
    found: list[HiddenMessage] = []

    def visit(node: ast.AST, cls: str | None, in_fstring: bool) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        in_fstring = in_fstring or isinstance(node, ast.JoinedStr)
        if isinstance(node, ast.Call):
            name = _called_name(node.func)
            literal_args = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
            if name == _NOOP and len(node.args) == 2:
                context, text = node.args
                if not literal_args[1]:
                    raise ValueError(f"{path}:{node.lineno}: {_NOOP} needs a string literal as its text")
                if isinstance(context, ast.Name) and context.id in constants:
                    found.append(HiddenMessage(path, text.lineno, constants[context.id], text.value,
                                               "context is a module constant"))
                elif not literal_args[0]:
                    raise ValueError(f"{path}:{node.lineno}: {_NOOP} context must be a literal or a module constant")
            elif name == "msg" and node.args and literal_args[0]:
                found.append(HiddenMessage(path, node.lineno, MESSAGES_CONTEXT, node.args[0].value,
                                           "a service message (desktop.domain.text.msg)"))
            elif name == "tr" and in_fstring and cls and node.args and literal_args[0]:
                found.append(HiddenMessage(path, node.lineno, cls, node.args[0].value, "tr() inside an f-string"))
        for child in ast.iter_child_nodes(node):
            visit(child, cls, in_fstring)

    visit(tree, None, False)
    return found


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _py_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def update(ts_file: Path = TS_FILE, source_dir: Path = SOURCE_DIR) -> str:
    """Run lupdate over the sources into `ts_file`, keeping the translations it already holds."""
    sources = source_files(source_dir)
    calls = [call for path in sources for call in hidden_messages(path)]
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / _STUB_NAME
        stub.write_text(
            "".join(f"{_NOOP}({_py_literal(c.context)}, {_py_literal(c.text)})\n" for c in calls), encoding="utf-8"
        )
        output = _run("lupdate", [
            *(str(p) for p in sources), str(stub), "-ts", str(ts_file),
            "-no-obsolete", "-locations", "absolute", "-source-language", "id_ID", "-target-language", "en",
        ])
    _relocate_stub_lines(ts_file, calls)
    return output


def _relocate_stub_lines(ts_file: Path, calls: list[HiddenMessage]) -> None:
    """Point locations in the generated file at the line of the real call."""

    def real_location(match: re.Match[str]) -> str:
        call = calls[int(match.group(1)) - 1]
        filename = Path(os.path.relpath(call.path, ts_file.parent)).as_posix()
        return f'<location filename="{filename}" line="{call.line}"/>'

    text = ts_file.read_text(encoding="utf-8")
    pattern = r'<location filename="[^"]*' + re.escape(_STUB_NAME) + r'" line="(\d+)"/>'
    ts_file.write_text(re.sub(pattern, real_location, text), encoding="utf-8", newline="\n")


def build(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> str:
    """Compile the translation for the app to load."""
    return _run("lrelease", [str(ts_file), "-qm", str(qm_file)])


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    state: str  # "" when finished, else lupdate's type: unfinished, vanished, obsolete


def read_messages(ts_file: Path = TS_FILE) -> list[Message]:
    messages = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            messages.append(Message(
                name, message.findtext("source", ""),
                (translation.text or "") if translation is not None else "",
                translation.get("type", "") if translation is not None else "unfinished",
            ))
    return messages


def unfinished(ts_file: Path = TS_FILE) -> list[Message]:
    return [m for m in read_messages(ts_file) if m.state or not m.translation.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "build", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        print(update().strip())
        for hidden in (h for path in source_files() for h in hidden_messages(path)):
            if hidden.reason != "context is a module constant":
                print(f"note: {hidden.path.relative_to(ROOT)}:{hidden.line}: {hidden.reason}; lupdate alone "
                      f"would miss {hidden.text!r}")
    elif args.command == "build":
        print(build().strip())
        print(build(QT_ID_TS_FILE, QT_ID_QM_FILE).strip())
    todo = unfinished()
    for message in todo:
        print(f"untranslated [{message.context}] {message.source}")
    if args.command == "check":
        print(f"{len(todo)} message(s) without an English translation")
        return 1 if todo else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
