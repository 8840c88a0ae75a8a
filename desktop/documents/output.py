"""A document's figures as CSV for the spreadsheet every office keeps, and a report file written privately."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from desktop.documents.document import Document, Table
from desktop.domain.spreadsheet import safe_cell
from desktop.domain.text import msg
from desktop.errors import UserFacingError


def to_csv(document: Document) -> bytes:
    """The document's tables for a spreadsheet: `;` separated with a BOM (Excel in Indonesia opens it as it is),
    every text cell escaped against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(document.title), safe_cell(document.number)])
    for line in document.subtitle:
        writer.writerow([safe_cell(line)])
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        writer.writerow([])
        if block.title:
            writer.writerow([safe_cell(block.title.strip())])
        writer.writerow([safe_cell(h) for h in block.header])
        for row in block.rows:
            writer.writerow([safe_cell(v.strip() if isinstance(v, str) else v) for v in row])
        if block.total is not None:
            writer.writerow([safe_cell(v) for v in block.total])
    if document.audit_head is not None:
        writer.writerow([])
        writer.writerow(["Kepala rantai audit", document.audit_head[0], document.audit_head[1]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_private(path: Path, data: bytes) -> None:
    """`data` in `path`, readable by its owner only, whole or not at all."""
    from desktop.store import durable

    part = path.with_name(path.name + ".part")
    try:
        durable.unlink(part)  # a part left by a crash keeps its mode: made anew, 0600 from the start
        with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600),
                       "wb") as out:
            out.write(data)
        durable.sync_file(part)
        durable.replace(part, path)
    except OSError as exc:
        durable.unlink(part)
        raise UserFacingError(msg("Laporan tidak dapat disimpan di {path}: {why}.", path=str(path),
                                  why=exc.strerror or str(exc)), code="report_write") from exc
