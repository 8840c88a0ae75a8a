"""Why a card is printed, and the documents each reason needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.domain.text import QT_TRANSLATE_NOOP, Message, msg

_C = "PrintReason"


@dataclass(frozen=True)
class Document:
    key: str
    label: str
    needs_number: bool = False  # the operator must type the document's number


KK = Document("kk", QT_TRANSLATE_NOOP(_C, "Kartu Keluarga (KK)"))
OLD_CARD = Document("old_card", QT_TRANSLATE_NOOP(_C, "KTP-el lama diserahkan dan sudah dipotong sudutnya"))
POLICE_LETTER = Document(
    "police_letter", QT_TRANSLATE_NOOP(_C, "Surat keterangan kehilangan dari kepolisian"), needs_number=True
)
CHANGE_PROOF = Document("change_proof", QT_TRANSLATE_NOOP(_C, "Bukti perubahan data (akta nikah/cerai, SKPWNI, dll.)"))
SUKET = Document("suket", QT_TRANSLATE_NOOP(_C, "Surat keterangan (suket) pengganti KTP-el"))


@dataclass(frozen=True)
class Reason:
    key: str
    label: str
    documents: tuple[Document, ...]
    priority: int  # lower is served first when blanko are short


REASONS: dict[str, Reason] = {
    r.key: r
    for r in (
        Reason("baru", QT_TRANSLATE_NOOP(_C, "Baru (usia 17+ atau sudah menikah)"), (KK,), 1),
        Reason("suket", QT_TRANSLATE_NOOP(_C, "Penggantian suket"), (KK, SUKET), 2),
        Reason("hilang", QT_TRANSLATE_NOOP(_C, "Hilang"), (KK, POLICE_LETTER), 3),
        Reason("rusak", QT_TRANSLATE_NOOP(_C, "Rusak"), (KK, OLD_CARD), 3),
        Reason("perubahan_data", QT_TRANSLATE_NOOP(_C, "Perubahan data"), (KK, CHANGE_PROOF), 4),
    )
}


def missing_documents(reason_key: str, confirmed: set[str], numbers: dict[str, str]) -> list[Document]:
    """The documents a reason needs that are not confirmed (or lack their number)."""
    reason = REASONS[reason_key]
    missing = []
    for doc in reason.documents:
        if doc.key not in confirmed or (doc.needs_number and not numbers.get(doc.key, "").strip()):
            missing.append(doc)
    return missing


def unknown_documents(reason_key: str, keys: set[str] | frozenset[str]) -> list[str]:
    """Document keys a reason does not know (a typo at the command line must not count as confirmed)."""
    known = {doc.key for doc in REASONS[reason_key].documents}
    return sorted(set(keys) - known)


def number_problems(numbers: Mapping[str, str]) -> list[Message]:
    """Letter numbers that are a valid NIK: a scan of the next citizen that went into the letter's field."""
    from desktop.domain.nik import parse_nik

    return [msg("Nomor surat berisi NIK, bukan nomor surat: ketik nomor yang tertulis pada surat.")
            for number in numbers.values() if parse_nik(number).valid]
