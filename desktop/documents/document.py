"""A report as one plain document: title, number, lines under the title, tables with totals, paragraphs,
signatures. The PDF renderer (pdf.py) draws it and the CSV writer (output.py) lists it, so the two always
show the same figures; the station's and the regency's reports are made of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.documents.letterhead import Signer
from desktop.domain.blanko import SPOIL_REASONS
from desktop.domain.blanko_request import BlankoRequest
from desktop.domain.dates_id import long_date, long_date_time, month_year
from desktop.domain.text import msg

DAILY, DESTRUCTION, STOCK_NOTICE, BLANKO_REQUEST, MONTHLY = (
    "daily", "destruction", "stock-notice", "blanko-request", "monthly")
KINDS = (DAILY, DESTRUCTION, STOCK_NOTICE, BLANKO_REQUEST, MONTHLY)
KIND_LABELS = {
    DAILY: msg("Laporan harian"),
    DESTRUCTION: msg("Berita acara pemusnahan"),
    STOCK_NOTICE: msg("Pengumuman stok blanko"),
    BLANKO_REQUEST: msg("Permohonan blanko"),
    MONTHLY: msg("Rekap bulanan"),
}
KIND_CODES = {DAILY: "LH", DESTRUCTION: "BA", STOCK_NOTICE: "PS", BLANKO_REQUEST: "PB", MONTHLY: "RB"}


@dataclass(frozen=True)
class Period:
    """The local day(s) a report covers and the UTC instants they end at."""

    first: date
    last: date
    start_utc: datetime  # naive UTC, inclusive
    end_utc: datetime  # naive UTC, exclusive: local midnight after `last`
    provisional: bool  # today: the figures can still change (stamped SEMENTARA)
    as_of: datetime  # local time the figures stand at


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...] | None = None
    widths: tuple[float, ...] | None = None  # fractions of the text width
    empty: str = "Tidak ada."  # said instead of an empty table


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    number: str
    subtitle: tuple[str, ...]
    blocks: tuple[Table | str, ...]
    place_date: str  # "Pamulang, 7 Desember 2026" above the signatures
    signers: tuple[Signer, ...]
    provisional: bool
    landscape: bool = False
    large: bool = False  # the public notice: big type, no letterhead table
    audit_head: tuple[int, str] | None = None
    footnotes: tuple[str, ...] = field(default_factory=tuple)


def as_of(period: Period) -> str:
    """The line saying when the figures stand: the end of a past day, or now (SEMENTARA)."""
    if period.provisional:
        return f"Keadaan per {long_date_time(period.as_of)} (SEMENTARA: angka masih dapat berubah)."
    return f"Keadaan pada akhir hari {long_date(period.last)}."


def spoil_table(title: str, counts: dict[str, int]) -> Table:
    """Spoiled blanko by cause (desktop/domain/blanko.py's order), with their total."""
    rows = tuple((str(SPOIL_REASONS.get(k, k)), n) for k, n in sorted(
        counts.items(), key=lambda kv: list(SPOIL_REASONS).index(kv[0]) if kv[0] in SPOIL_REASONS else 99))
    return Table(title, ("Penyebab", "Jumlah"), rows, total=("Jumlah", sum(counts.values())), widths=(0.8, 0.2),
                 empty="Tidak ada blanko rusak.")


REQUEST_CLOSING = "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja samanya kami ucapkan terima kasih."


def request_letter(r: BlankoRequest, history: tuple[date, date], next_first: date, printed: str, stock: str,
                   allocated: str) -> tuple[str, Table, str]:
    """The blanko request letter's body, its reckoning and closing, the same from a kecamatan to the regency
    and from the regency to the Dirjen; `printed`, `stock` and `allocated` name the rows for the sender."""
    month = month_year(next_first.year, next_first.month)
    body = (f"Dengan hormat, bersama ini kami mengajukan permintaan blanko KTP-el untuk {month} sebanyak "
            f"{r.requested} keping, dengan perhitungan sebagai berikut:")
    table = Table("Perhitungan kebutuhan blanko", ("Uraian", "Jumlah"), (
        (f"KTP-el dicetak {long_date(history[0])} s.d. {long_date(history[1])}{printed}", r.issued),
        ("Hari kerja pada periode tersebut", r.history_working_days),
        ("Rata-rata pencetakan per hari kerja", round(r.average_daily, 2)),
        (f"Hari kerja {month}", r.next_working_days),
        ("Kebutuhan (rata-rata x hari kerja, dibulatkan ke atas)", r.need),
        (stock, r.stock),
        (allocated, r.allocated),
        ("Jumlah yang diminta", r.requested),
    ), widths=(0.8, 0.2))
    return body, table, REQUEST_CLOSING
