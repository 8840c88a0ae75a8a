"""Resident exports as regency offices produce them (Excel's `;`, a BOM, dd/mm/yyyy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.nik import build_nik

HEADER = ("NIK", "NAMA_LGKP", "TMPT_LHR", "TGL_LHR", "JENIS_KLMIN", "GOL_DARAH", "ALAMAT", "NO_RT", "NO_RW",
          "KODE_DESA", "AGAMA", "STATUS_KAWIN", "PEKERJAAN", "KEWARGANEGARAAN", "STATUS_REKAM")
# Villages of Pamulang and Setu in the region data.
VILLAGES = {"36.74.06": "36.74.06.1001", "36.74.07": "36.74.07.1001", "36.74.04": "36.74.04.1001"}


def resident_row(kecamatan: str = "36.74.06", serial: int = 1, *, name: str = "SITI RAHMAWATI",
                 born: date = date(1990, 8, 5), sex: str = "P", status: str = "PRINT_READY_RECORD",
                 village: str | None = None) -> list[str]:
    nik = build_nik(kecamatan, born, sex, serial)
    return [nik, name, "TANGERANG", born.strftime("%d/%m/%Y"), sex, "O", "JL. RAYA PAMULANG NO. 1", "001", "002",
            (village or VILLAGES[kecamatan]).replace(".", ""), "ISLAM", "KAWIN", "KARYAWAN SWASTA", "WNI", status]


def write_export(path: Path, rows: list[list[str]], *, delimiter: str = ";", bom: bool = True,
                 header: tuple[str, ...] = HEADER) -> Path:
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    path.write_bytes(("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode())
    return path


def jpeg(colour: str = "#c0a080") -> bytes:
    """A small real JPEG (a photo stand-in the card renderer can load)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(120, 160, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG")
    return bytes(data)
