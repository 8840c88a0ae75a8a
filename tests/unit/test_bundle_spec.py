"""installer/ktp-mandiri.spec run here with PyInstaller's builders recorded instead of run (PyInstaller
cannot cross-build, and is not in the test environment): what the Windows build and the Linux build
put in the bundle folder."""

from __future__ import annotations

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "ktp-mandiri.spec"


class Recorder:
    def __init__(self) -> None:
        self.exes: list[dict] = []
        self.collect: tuple | None = None
        self.analysis: dict = {}

    def globals(self, workpath: Path) -> dict:
        recorder = self

        def exe(*args, **kwargs):
            recorder.exes.append(kwargs)
            return ("EXE", kwargs["name"])

        def collect(*args, **kwargs):
            recorder.collect = (args, kwargs)

        analysis = types.SimpleNamespace(binaries=[], datas=[], pure=[], scripts=[])

        def analyse(*args, **kwargs):
            recorder.analysis = kwargs
            return analysis

        return {"__name__": "__main__", "__file__": str(SPEC), "SPECPATH": str(SPEC.parent),
                "workpath": str(workpath), "Analysis": analyse, "PYZ": lambda *a, **k: "PYZ",
                "EXE": exe, "COLLECT": collect}


def run_spec(monkeypatch, tmp_path, platform: str) -> Recorder:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [package]
    hooks.collect_dynamic_libs = lambda package: [(f"/site/{package}/lib", package)]
    hooks.collect_data_files = lambda package: [(f"/site/{package}/version.json", package)]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")), ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delitem(sys.modules, "bundle_rules", raising=False)
    recorder = Recorder()
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), recorder.globals(tmp_path))
    return recorder


def test_the_windows_bundle_holds_a_windowed_program_and_a_console_one(monkeypatch, tmp_path):
    built = run_spec(monkeypatch, tmp_path, "win32")
    assert {exe["name"]: exe["console"] for exe in built.exes} == {"ktp-mandiri": False, "ktp-mandiri-cli": True}
    args, kwargs = built.collect
    assert ("EXE", "ktp-mandiri") in args and ("EXE", "ktp-mandiri-cli") in args  # one folder, one _internal
    assert kwargs["name"] == "ktp-mandiri"
    assert all(exe["icon"].endswith("ktp-mandiri.ico") for exe in built.exes)


def test_the_linux_bundle_holds_one_console_program(monkeypatch, tmp_path):
    built = run_spec(monkeypatch, tmp_path, "linux")
    assert [(exe["name"], exe["console"]) for exe in built.exes] == [("ktp-mandiri", True)]
    # pdfium (the reports' preview and printing) with its version files: pypdfium2 reads them at import.
    assert ("/site/pypdfium2_raw/lib", "pypdfium2_raw") in built.analysis["binaries"]
    assert {dest for _source, dest in built.analysis["datas"]} >= {"pypdfium2_raw", "pypdfium2"}
