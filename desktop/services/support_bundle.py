"""The support bundle (`ktp-mandiri support-bundle`, and the Supervisor menu's "Buat paket dukungan…"): what a
remote helper needs (version, logs without NIK or names, printer set-up, probe results, the audit chain's
check, each CUPS queue's PPD, `lpoptions -l` and the station's last job's attributes, the last failed card's
command framing with its panel data zeroed) in one zip, mode 0600. Nothing personal goes in: no NIK, no
names, no password hashes; the failed card's real panels (the citizen's photo, name and NIK as pixels)
only when asked for and confirmed (`include_card_stream`)."""

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


def write_bundle(data_dir: Path, out: Path, printers: dict, audit_check: dict, *,
                 include_card_stream: bool = False) -> int:
    """The zip at `out` (replaced when it exists); returns its size. OSError propagates (the caller words it).
    `include_card_stream` adds the last failed card's real stream: only after the person confirmed it."""
    from desktop.devices.registry import PROFILES_DIRNAME
    from desktop.services import failed_card

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
        for name, data in {**queue_members(printers.get("printers", [])),
                           **failed_card.bundle_members(data_dir, include_card_stream)}.items():
            bundle.writestr(name, data)
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


KTP_JOB_TITLE = "KTP-el "  # the station's CUPS jobs (desktop/devices/cups_spooler.py): other programs' are left out


def queue_members(uris: list[str]) -> dict[str, bytes]:
    """For each CUPS queue among the station's printers (`spooler://NAME`): its PPD, the options the server
    holds for it (options.json, read over IPP), `lpoptions -l` and the attributes of the station's last job
    on it. What cannot be read is said in the member instead."""
    from urllib.parse import unquote, urlsplit

    from desktop import platform as system
    from desktop.devices import cups

    members: dict[str, bytes] = {}
    names = [unquote(parts.netloc + parts.path) for parts in map(urlsplit, uris) if parts.scheme == "spooler"]
    if not names or system.WINDOWS or not cups.available():
        return members
    for name in names:
        folder = f"cups/{name.replace('/', '_')}"
        try:
            ppd = cups.ppd(name)
            members[f"{folder}/queue.ppd"] = ppd if ppd is not None else b"(the queue has no PPD)\n"
            job = cups.last_job(name, KTP_JOB_TITLE)
            attributes = cups.job_attributes(name, job) if job is not None else {}
            options = cups.queue_options(name)
        except cups.CupsError as exc:
            members[f"{folder}/error.txt"] = f"CUPS: {exc}\n".encode()
            continue
        members[f"{folder}/options.json"] = json.dumps(options, indent=2, ensure_ascii=False).encode("utf-8")
        members[f"{folder}/lpoptions.txt"] = _lpoptions(name).encode("utf-8")
        members[f"{folder}/last-job.json"] = NIK_LIKE.sub("[NIK]", json.dumps(
            {"job-id": job, "attributes": attributes}, indent=2, ensure_ascii=False)).encode("utf-8")
    return members


def _lpoptions(name: str) -> str:
    """`lpoptions -p NAME -l`: the queue's options with their choices and defaults."""
    import subprocess

    try:
        done = subprocess.run(["lpoptions", "-p", name, "-l"], capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"lpoptions could not be run: {exc}\n"
    said = done.stderr.strip()  # lpoptions says "Unable to get PPD file ..." there and still exits 0
    return done.stdout + (f"\n(lpoptions, exit {done.returncode}: {said})\n" if said or done.returncode else "")
