"""The archive of the reports made at this station (issue 22 item 4): every report saved or printed, from the GUI or
the command line, is an audit entry (`report.made` with the file it was written to, `report.printed` with the
office printer) and its bytes are kept in the data folder's `reports/` (0600, named by their SHA-256). The archive
lists those entries, newest first, and gives a report's copy back (checked against its entry's hash) to preview,
print or save again.

A copy is kept because today's report is SEMENTARA: made again later it would not be the paper that was signed.
The entries are the list (no table of its own): they already carry kind, period, kecamatan, nomor surat, who,
when and the hash, and the chain keeps them from being rewritten.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.documents.output import write_private
from desktop.domain.audit_chain import ORIGIN_STATION
from desktop.domain.text import msg
from desktop.errors import UserFacingError
from desktop.store.models import AuditLog

MADE, PRINTED = "report.made", "report.printed"
FOLDER = "reports"  # in the data folder (desktop/paths.PRIVATE_FOLDERS)


@dataclass(frozen=True)
class ReportCopy:
    """One report's identity and bytes: what is kept, printed and recorded."""

    kind: str
    day: date
    kecamatan: str | None
    format: str  # "pdf" or "csv"
    number: str
    provisional: bool
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def details(self) -> dict[str, object]:
        """The audit entry's fields that name the report."""
        return {"kind": self.kind, "day": self.day, "kecamatan": self.kecamatan, "format": self.format,
                "number": self.number, "provisional": self.provisional, "sha256": self.sha256}


@dataclass(frozen=True)
class ArchivedReport:
    """One archive row: a report saved (`file`) or printed (`printer`)."""

    seq: int
    at: datetime  # naive UTC, as the chain keeps it
    username: str | None
    action: str
    kind: str
    day: date
    kecamatan: str | None
    format: str
    number: str
    provisional: bool
    sha256: str
    file: str | None  # where it was saved (entries from before the archive did not say)
    printer: str | None

    @property
    def period(self) -> str:
        """2026-12-07, or 2026-11 for the monthly recap."""
        return self.day.strftime("%Y-%m") if self.kind == "monthly" else self.day.isoformat()


class ReportArchive:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, report: ReportCopy) -> None:
        """The report's bytes in the archive folder (once: the same bytes have the same name)."""
        path = self._path(report.sha256, report.format)
        if path.exists():
            return
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(path, report.data)

    def entries(self, limit: int = 1000) -> list[ArchivedReport]:
        """The station's own report entries, newest first."""
        query = (AuditLog.select().where(AuditLog.action.in_((MADE, PRINTED)), AuditLog.origin == ORIGIN_STATION)
                 .order_by(AuditLog.seq.desc()).limit(limit))
        return [row for row in map(_archived, query) if row is not None]

    def copy(self, entry: ArchivedReport) -> ReportCopy:
        """The kept bytes of an archived report, as they were made."""
        path = self._path(entry.sha256, entry.format)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UserFacingError(msg("Salinan laporan {number} tidak ada di arsip stasiun ini (laporan yang dibuat "
                                      "sebelum arsip ada); buat lagi dari jendela Laporan.", number=entry.number),
                                  code="report_copy_missing") from None
        except OSError as exc:
            raise UserFacingError(msg("Salinan laporan {number} tidak dapat dibaca: {why}.", number=entry.number,
                                      why=exc.strerror or str(exc)), code="report_copy_missing") from exc
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise UserFacingError(msg("Salinan laporan {number} di arsip sudah berubah sejak dibuat (hash tidak cocok "
                                      "dengan catatan audit); salinan itu tidak dipakai.", number=entry.number),
                                  code="report_copy_changed")
        return ReportCopy(entry.kind, entry.day, entry.kecamatan, entry.format, entry.number, entry.provisional, data)

    def _path(self, sha256: str, fmt: str) -> Path:
        return self.folder / f"{sha256}.{'csv' if fmt == 'csv' else 'pdf'}"


def _archived(row: AuditLog) -> ArchivedReport | None:
    try:
        details = json.loads(row.details)
        if not re.fullmatch(r"[0-9a-f]{64}", str(details["sha256"])):
            return None  # names the copy's file: nothing else is looked for
        return ArchivedReport(
            row.seq, row.at, row.username, row.action, str(details["kind"]), date.fromisoformat(details["day"]),
            details.get("kecamatan"), str(details.get("format", "pdf")), str(details.get("number", "")),
            bool(details.get("provisional")), str(details["sha256"]), details.get("file"), details.get("printer"))
    except (KeyError, TypeError, ValueError):
        return None  # an entry of another shape (never written by this station): not a report to list
