"""What each report says, as one plain document (title, number, tables with totals, signatures) that the PDF
renderer (desktop/documents/pdf.py) draws and the CSV writer lists: the two always show the same figures.
Bahasa Indonesia, dates from desktop/domain/dates_id.py."""

from __future__ import annotations

from datetime import date

from desktop.documents.document import (
    BLANKO_REQUEST,
    DAILY,
    DESTRUCTION,
    KIND_CODES,
    MONTHLY,
    STOCK_NOTICE,
    Document,
    Table,
    request_letter,
    spoil_table,
)
from desktop.documents.document import as_of as _as_of
from desktop.documents.letterhead import ReportSettings, Signer
from desktop.documents.queue_tables import queue_tables
from desktop.domain.blanko import SPOIL_REASONS
from desktop.domain.dates_id import long_date, long_date_time, month_year, weekday_date
from desktop.domain.reasons import REASONS
from desktop.services.reports.figures import (
    DailyFigures,
    DestructionFigures,
    MonthFigures,
    RequestFigures,
    StockNotice,
)

__all__ = ["BLANKO_REQUEST", "DAILY", "DESTRUCTION", "MONTHLY", "STOCK_NOTICE", "Document", "Table"]
JOB_STATES = {"queued": "antre", "sending": "dikirim", "printing": "dicetak"}


def _place(settings: ReportSettings, station_place: str, day: date) -> str:
    return f"{station_place}, {long_date(day)}"


def _signers(settings: ReportSettings) -> tuple[Signer, ...]:
    return settings.signers or (Signer("Supervisor Stasiun", ""),)


def daily(f: DailyFigures, settings: ReportSettings, place: str) -> Document:
    printed_rows = tuple((REASONS[k].label if k in REASONS else k, n) for k, n in sorted(
        f.printed_by_reason.items(), key=lambda kv: list(REASONS).index(kv[0]) if kv[0] in REASONS else 99))
    quota = Table("1. Kuota dan pencetakan", ("Uraian", "Jumlah"), (
        ("Kuota hari ini", f.quota),
        ("KTP-el dicetak", f.printed),
        ("  di antaranya cetak ulang (pengganti kartu yang dikembalikan)", f.reprints),
        ("Kartu dikembalikan untuk cetak ulang (tempat kuota kembali)", f.returned),
        ("Kuota terpakai", f.used),
        ("Sisa kuota", f.remaining),
    ), widths=(0.8, 0.2))
    by_reason = Table("2. KTP-el dicetak menurut alasan", ("Alasan", "Jumlah"), printed_rows,
                      total=("Jumlah", f.printed), widths=(0.8, 0.2), empty="Tidak ada KTP-el dicetak.")
    spoiled = spoil_table("3. Blanko rusak menurut penyebab", f.spoiled_by_reason)
    blocks: list[Table | str] = [quota, by_reason, spoiled]
    if f.station_spoiled_by_reason:
        blocks.append(spoil_table("   Blanko rusak stasiun di luar pekerjaan cetak (kalibrasi, penghapusan)",
                                   f.station_spoiled_by_reason))
    s = f.stock
    blocks.append(Table("4. Blanko stasiun (semua kecamatan yang dilayani)", ("Uraian", "Jumlah"), (
        ("Stok awal hari", s.opening), ("Diterima", s.received), ("Dipakai untuk KTP-el", s.issued),
        ("Rusak", s.spoiled), ("Dipindahkan ke stasiun lain", s.transferred_out), ("Stok akhir hari", s.closing),
        ("Dimusnahkan hari ini", s.destroyed), ("Rusak menunggu pemusnahan", s.awaiting_destruction),
        ("Dialokasikan kabupaten, belum diterima", s.incoming)), widths=(0.8, 0.2)))
    blocks.append(Table("5. Pekerjaan cetak menunggu keputusan supervisor", ("Mulai", "Nomor seri blanko", "Keadaan"),
                        tuple((t, serial, JOB_STATES.get(state, state)) for t, serial, state in f.jobs_waiting),
                        widths=(0.2, 0.5, 0.3), empty="Tidak ada pekerjaan yang menunggu keputusan."))
    blocks.append(Table("6. Kejadian yang perlu diperhatikan", ("Waktu", "Kejadian", "Keterangan"),
                        tuple((a.at.strftime("%H.%M"), a.label, a.detail) for a in f.anomalies),
                        widths=(0.12, 0.44, 0.44), empty="Tidak ada kejadian."))
    o = f.others
    if o.heard_at is None:
        blocks.append("7. Stasiun lain di kecamatan ini: stasiun ini belum pernah menerima hitungan kecamatan dari "
                      "server kabupaten; angka di atas hanya dari stasiun ini. Laporan kecamatan yang lengkap dibuat "
                      "oleh server kabupaten.")
    else:
        blocks.append(Table(f"7. Seluruh kecamatan menurut server kabupaten (terakhir diterima "
                            f"{long_date_time(o.heard_at)})", ("Uraian", "Jumlah"), (
                                ("KTP-el kecamatan ini yang tercatat di server", o.kecamatan_cards),
                                ("  di antaranya dari stasiun lain", o.others)), widths=(0.8, 0.2)))
    if f.queue is not None:
        blocks += queue_tables("8. Antrean stasiun (semua kecamatan yang dilayani)", f.queue)
    station = f.station
    return Document(
        DAILY, "LAPORAN HARIAN PENCETAKAN KTP-el", settings.number(KIND_CODES[DAILY], f.kecamatan_code, f.period.first),
        (f"Kecamatan {f.kecamatan_name} ({f.kecamatan_code})", f"Stasiun cetak: {station.name}",
         f"Hari/tanggal: {weekday_date(f.period.first)}", _as_of(f.period)),
        tuple(blocks), _place(settings, place, f.period.first), _signers(settings), f.period.provisional,
        audit_head=f.audit_head)


def destruction(f: DestructionFigures, settings: ReportSettings, place: str) -> Document:
    station = f.station
    day = f.period.first
    opening = (f"Pada hari ini, {weekday_date(day)}, di {station.name}, telah dilakukan pemusnahan blanko KTP-el "
               f"yang rusak sebanyak {len(f.items)} keping, sesuai Surat Edaran Direktur Jenderal Kependudukan dan "
               f"Pencatatan Sipil Nomor 400.8.1.2/202241, dengan cara dipotong/dihancurkan sehingga tidak dapat "
               f"dipergunakan lagi, disaksikan oleh para saksi di bawah ini.")
    items = Table("Daftar blanko yang dimusnahkan", ("No.", "Nomor seri blanko", "Penyebab rusak", "Tanggal rusak",
                                                     "Pukul"),
                  tuple((i + 1, d.serial, str(SPOIL_REASONS.get(d.cause, d.cause)), long_date(d.spoiled_on),
                         d.at.strftime("%H.%M")) for i, d in enumerate(f.items)),
                  total=("", "Jumlah", len(f.items), "", ""), widths=(0.07, 0.28, 0.33, 0.2, 0.12),
                  empty="Tidak ada blanko yang dimusnahkan pada hari ini.")
    witnesses = Table("Saksi", ("No.", "Nama", "NIP"), tuple((i + 1, n, nip) for i, (n, nip) in enumerate(f.witnesses)),
                      widths=(0.07, 0.53, 0.4), empty="Tidak ada saksi tercatat.")
    closing = "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
    signers = tuple(Signer("Saksi", n, nip) for n, nip in f.witnesses) + _signers(settings)
    notes = (f"Dicatat dan disetujui (empat mata): {', '.join(f.approvers)}.",) if f.approvers else ()
    return Document(DESTRUCTION, "BERITA ACARA PEMUSNAHAN BLANKO KTP-el RUSAK",
                    settings.number(KIND_CODES[DESTRUCTION], station.kecamatan_code, day),
                    (f"Stasiun cetak: {station.name}", _as_of(f.period)), (opening, items, witnesses, closing),
                    _place(settings, place, day), signers, f.period.provisional, audit_head=f.audit_head,
                    footnotes=notes)


def stock_notice(f: StockNotice, settings: ReportSettings, place: str) -> Document:
    rows = tuple((name, quota, remaining) for name, quota, remaining in f.quota)
    return Document(
        STOCK_NOTICE, "PENGUMUMAN STOK BLANKO KTP-el", settings.number(KIND_CODES[STOCK_NOTICE],
                                                                        f.station.kecamatan_code, f.period.first),
        (f.station.name, f"{weekday_date(f.period.first)}", _as_of(f.period)),
        (Table("", ("Uraian", "Jumlah"), (("Blanko KTP-el tersedia", f.in_stock),
                                          ("KTP-el dicetak hari ini", f.printed_today)), widths=(0.7, 0.3)),
         Table(f"Kuota pencetakan {long_date(f.period.first)}", ("Kecamatan", "Kuota", "Sisa"), rows,
               widths=(0.5, 0.25, 0.25))),
        _place(settings, place, f.period.first), (), f.period.provisional, large=True,
        footnotes=("Pelayanan pencetakan KTP-el tidak dipungut biaya.",))


def blanko_request(f: RequestFigures, settings: ReportSettings, place: str, kecamatan_name: str) -> Document:
    r = f.request
    h_first, h_last = f.history
    n_first, _n_last = f.next_month
    body, table, closing = request_letter(r, (h_first, h_last), n_first, "", "Stok blanko saat ini",
                                          "Dialokasikan kabupaten, belum diterima")
    return Document(BLANKO_REQUEST, "PERMOHONAN BLANKO KTP-el",
                    settings.number(KIND_CODES[BLANKO_REQUEST], f.station.kecamatan_code, f.period.first),
                    (f"Kepada Yth. Kepala {settings.dinas or 'Dinas Kependudukan dan Pencatatan Sipil'}",
                     f"{settings.regency}".strip() or "di tempat", f"Dari: Kecamatan {kecamatan_name}",
                     _as_of(f.period)),
                    (body, table, closing), _place(settings, place, f.period.first), _signers(settings),
                    f.period.provisional)


def monthly(f: MonthFigures, settings: ReportSettings, place: str) -> Document:
    first = f.period.first
    days = Table("Per hari", ("Tanggal", "Dicetak", "Cetak ulang", "Rusak", "Diterima", "Dimusnahkan", "Stok akhir"),
                 tuple((long_date(d.day) + ("" if d.printed or d.spoiled or d.received or d.destroyed
                                             else " (tidak ada kegiatan)"),
                        d.printed, d.reprints, d.spoiled, d.received, d.destroyed, d.closing) for d in f.days),
                 total=("Jumlah", f.totals["printed"], f.totals["reprints"], f.totals["spoiled"], f.totals["received"],
                        f.totals["destroyed"], f.totals["closing"]),
                 widths=(0.31, 0.115, 0.115, 0.115, 0.115, 0.115, 0.115))
    kec = Table("Per kecamatan", ("Kode", "Kecamatan", "Kuota (hari kerja)", "Dicetak", "Rusak"),
                tuple(f.per_kecamatan), total=("", "Jumlah", sum(r[2] for r in f.per_kecamatan),
                                               sum(r[3] for r in f.per_kecamatan), sum(r[4] for r in f.per_kecamatan)),
                widths=(0.15, 0.4, 0.15, 0.15, 0.15))
    return Document(MONTHLY, "REKAPITULASI BULANAN PENCETAKAN KTP-el",
                    settings.number(KIND_CODES[MONTHLY], f.station.kecamatan_code, first),
                    (f"Stasiun cetak: {f.station.name}", f"Bulan: {month_year(first.year, first.month)}",
                     f"Stok awal bulan: {f.totals['opening']}", _as_of(f.period)),
                    (days, kec), _place(settings, place, f.period.last), _signers(settings), f.period.provisional,
                    landscape=True)
