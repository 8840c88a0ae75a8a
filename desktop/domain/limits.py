"""How long a typed text may be, checked by the services so that the GUI and the command line refuse alike.

Without limits a 100,000-character user name was stored twice (the log-in lock and the audit entry)
and a police letter number of 50,000 characters went into a print job. The limits are generous for
what people type: a user name or a document number is short, a reason or a note a few sentences.
"""

from __future__ import annotations

from desktop.domain.text import QT_TRANSLATE_NOOP, msg
from desktop.errors import UserFacingError

_C = "TextLimits"

USERNAME_MAX = 64
NUMBER_MAX = 64  # a document's number: police letter, delivery report (berita acara) of a blanko batch
FREE_TEXT_MAX = 500  # a reason, a note, a person's or a printer's name

USERNAME = QT_TRANSLATE_NOOP(_C, "Nama pengguna")
FULL_NAME = QT_TRANSLATE_NOOP(_C, "Nama lengkap")
LETTER_NUMBER = QT_TRANSLATE_NOOP(_C, "Nomor surat")
BATCH = QT_TRANSLATE_NOOP(_C, "Nomor batch / berita acara")
REASON = QT_TRANSLATE_NOOP(_C, "Alasan")
NOTE = QT_TRANSLATE_NOOP(_C, "Catatan")
PRINTER_NAME = QT_TRANSLATE_NOOP(_C, "Nama printer")
STATION_NAME = QT_TRANSLATE_NOOP(_C, "Nama stasiun")


def too_long(value: str | None, limit: int, label: str) -> str | None:
    """The one sentence refusing `value` when it is longer than `limit` characters, else None."""
    if value is not None and len(value) > limit:
        return msg("{label} paling panjang {limit} karakter; yang diisi {length} karakter.",
                   label=label, limit=limit, length=len(value))
    return None


def check_length(value: str | None, limit: int, label: str) -> None:
    """Raise the one sentence (code `too_long`) when `value` is longer than `limit` characters."""
    if (problem := too_long(value, limit, label)) is not None:
        raise UserFacingError(problem, code="too_long")
