"""The support bundle (`ktp-mandiri support-bundle`, and the Supervisor menu's "Buat paket dukungan…"): what a
remote helper needs (version, logs without NIK or names, printer set-up, probe results, the audit chain's
check) in one zip, mode 0600. Nothing personal goes in: no NIK, no names, no password hashes."""

from __future__ import annotations

import json
import platform
import re
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.composition import Services

PROBES_DIR = "printer-probes"
NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")
LOG_LEVEL = re.compile(r"^\S+ \S+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


def write_bundle(data_dir: Path, out: Path, printers: dict, audit_check: dict) -> int:
    """The zip at `out` (replaced when it exists); returns its size. OSError propagates (the caller words it)."""
    from desktop.devices.registry import PROFILES_DIRNAME

    out = Path(out)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("version.json", json.dumps(about(), indent=2))
        for path in sorted((data_dir / "logs").glob("*.log*")):
            bundle.writestr(f"logs/{path.name}", scrub_log(path.read_text(encoding="utf-8", errors="replace")))
        for folder in (PROFILES_DIRNAME, PROBES_DIR):
            for path in sorted((data_dir / folder).glob("*.json")):
                bundle.writestr(f"{folder}/{path.name}", path.read_bytes())
        bundle.writestr("printers.json", json.dumps(printers, indent=2, ensure_ascii=False))
        bundle.writestr("audit-verify.json", json.dumps(audit_check, indent=2, ensure_ascii=False))
    out.chmod(0o600)  # on Windows: only "not read-only"; the user's profile folder keeps others out
    return out.stat().st_size


def scrub_log(text: str) -> str:
    """Log lines at INFO and above (the project logs no NIK or name there), NIK-shaped numbers masked.

    DEBUG lines are left out: they may carry a record's details. Continuation lines (tracebacks)
    follow the line they belong to.
    """
    kept, keep = [], True
    for line in text.splitlines():
        level = LOG_LEVEL.match(line)
        if level:
            keep = level.group(1) != "DEBUG"
        if keep:
            kept.append(NIK_LIKE.sub("[NIK]", line))
    return "\n".join(kept) + ("\n" if kept else "")


def about() -> dict:
    from importlib import metadata

    try:
        version = metadata.version("ktp-mandiri")
    except metadata.PackageNotFoundError:
        version = "unknown"
    facts = {"version": version, "python": sys.version.split()[0], "platform": platform.platform()}
    for package in ("pyusb", "libusb-package", "PySide6-Essentials", "peewee"):
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = None
    return facts


def printer_setup(services: Services) -> dict:
    """The station's printers (URIs) as stored; nothing personal is in them."""
    station = services.stations.current()
    return {"station": station.name if station else None, "printers": list(station.printers) if station else []}


def audit_check(services: Services) -> dict:
    """`audit verify`'s answer (desktop/services/audit_verify.py)."""
    try:
        from desktop.services.audit_verify import verify_chain
    except ImportError:
        return {"checked": False, "why": "this version has no audit verify"}
    try:
        result = verify_chain(services.db)
    except Exception as exc:  # the bundle is for finding out what is wrong: report, do not stop
        return {"checked": False, "why": f"{type(exc).__name__}: {exc}"}
    problem = result.problem
    return {
        "checked": True, "ok": result.ok, "entries": result.entries,
        "head": {"seq": result.head_seq, "hash": result.head_hash},
        "problem": None if problem is None else {"seq": problem.seq, "kind": problem.kind, "message": str(problem.message)},
    }
