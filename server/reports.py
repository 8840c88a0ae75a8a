"""The regency's reports (issue 22), made by the server from every station's data: the complete daily report
of a kecamatan, the monthly recap (per day, per kecamatan, per hub), the berita acara of the day's
destruction, the blanko request to the Dirjen and the public stock notice, as PDF or CSV.

The documents are desktop/documents/ (the station's reports are made of the same); the figures come from
server/report_figures.py. The letterhead, logo, nomor surat and signatories are the regency's own, kept in
the server's database (`ktp-mandiri-server settings`). Each report made is an audit entry; a saved one is
written 0600. A past day is the state at its end and the same bytes each time; today's is SEMENTARA.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop.documents import letterhead
from desktop.documents.document import (
    BLANKO_REQUEST,
    DAILY,
    DESTRUCTION,
    KIND_CODES,
    KINDS,
    MONTHLY,
    STOCK_NOTICE,
    Document,
    Table,
    as_of,
    request_letter,
    spoil_table,
)
from desktop.documents.letterhead import ReportSettings, Signer
from desktop.documents.output import to_csv
from desktop.documents.queue_tables import queue_tables
from desktop.domain.blanko import SPOIL_REASONS
from desktop.domain.blanko_request import last_of_month
from desktop.domain.dates_id import long_date, month_year, weekday_date
from desktop.domain.reasons import REASONS
from desktop.domain.regions import default_regions
from desktop.errors import UserFacingError
from server import audit, leases, queue_events
from server import report_figures as fig
from server.db import write_transaction
from server.errors import invalid
from server.models import ReportSetting, Station, utcnow
from server.regency_panel import kecamatan_codes

DEFAULT_DINAS = "Dinas Kependudukan dan Pencatatan Sipil"
DEFAULT_SIGNER = Signer("Kepala Dinas Kependudukan dan Pencatatan Sipil", "")
PER_KECAMATAN = (DAILY, MONTHLY, STOCK_NOTICE)
REGENCY_CODE = "KAB"  # {kode} of a report for the whole regency
FIRST_DAY = date(2000, 1, 1)  # before any KTP-el (and far from the calendar's year 1, which the arithmetic leaves)


@dataclass(frozen=True)
class ReportAsk:
    kind: str
    day: date  # the day, or the first of the month for the recap
    kecamatan: str | None = None
    hub: str | None = None  # the monthly recap of one hub (its station code)
    as_csv: bool = False

    def file_name(self) -> str:
        """daily-36.74.06-2026-12-07.pdf, monthly-2026-11.csv."""
        scope = "".join(f"-{part}" for part in (self.kecamatan, self.hub) if part)
        when = self.day.strftime("%Y-%m") if self.kind == MONTHLY else self.day.isoformat()
        return f"{self.kind}{scope}-{when}{'.csv' if self.as_csv else '.pdf'}"


@dataclass(frozen=True)
class MadeReport:
    ask: ReportAsk
    document: Document
    data: bytes

    @property
    def media_type(self) -> str:
        return "text/csv; charset=utf-8" if self.ask.as_csv else "application/pdf"


# --- settings -----------------------------------------------------------------------------------------
def read_settings() -> ReportSettings:
    stored = {}
    for row in ReportSetting.select():
        try:
            stored[row.key] = json.loads(row.value)
        except ValueError:
            continue
    try:
        return letterhead.from_json(stored)
    except UserFacingError as exc:
        raise invalid(str(exc)) from None


def update_settings(actor: str, **changes: object) -> ReportSettings:
    """Change some of the settings (letterhead fields, `logo_png` (None removes it), `number_pattern`,
    `signers`): checked, stored and audited in one transaction."""
    with write_transaction():
        try:
            wanted = letterhead.checked(replace(read_settings(), **changes))
        except UserFacingError as exc:
            raise invalid(str(exc)) from None
        now = utcnow()
        for key, value in letterhead.as_json(wanted).items():
            ReportSetting.insert(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=now,
                                 actor=actor).on_conflict(
                conflict_target=[ReportSetting.key],
                preserve=[ReportSetting.value, ReportSetting.updated_at, ReportSetting.actor]).execute()
        audit.record(actor, "report.settings", changed=sorted(changes))
    return read_settings()


def _regency_header(codes: list[str]) -> str:
    for code in codes:
        try:
            return default_regions().regency_header(code).title()
        except KeyError:
            continue
    return ""


def settings_filled(codes: list[str]) -> tuple[ReportSettings, str]:
    """The admin's settings, the empty letterhead lines filled from the regency's name; and the place the
    papers are signed at (the regency's town)."""
    found = read_settings()
    header = _regency_header(codes)
    place = header.removeprefix("Kabupaten ").removeprefix("Kota ") or "-"
    return replace(found, regency=found.regency or (f"Pemerintah {header}" if header else ""),
                   dinas=found.dinas or DEFAULT_DINAS), place


# --- making one ---------------------------------------------------------------------------------------
def make(ask: ReportAsk) -> MadeReport:
    """The report's bytes (PDF, or CSV with `as_csv`); nothing is written or recorded."""
    ask = checked(ask)
    every = fig.stations()
    codes = kecamatan_codes(every)
    settings, place = settings_filled(codes)
    document = _document(ask, settings, place, every, codes)
    if ask.as_csv:
        data = to_csv(document)
    else:
        from desktop.documents.pdf import render

        data = render(document, settings)
    return MadeReport(ask, document, data)


def record(actor: str, made: MadeReport, **where: object) -> None:
    """The audit entry of a report made (its file's SHA-256 and where it went)."""
    ask = made.ask
    with write_transaction():
        audit.record(actor, "report.made", kind=ask.kind, day=ask.day.isoformat(), kecamatan=ask.kecamatan,
                     hub=ask.hub, format="csv" if ask.as_csv else "pdf", number=made.document.number,
                     provisional=made.document.provisional, sha256=hashlib.sha256(made.data).hexdigest(), **where)


def checked(ask: ReportAsk) -> ReportAsk:
    if ask.kind not in KINDS:
        raise invalid(f"Jenis laporan tidak dikenal: {ask.kind} (pilih {', '.join(KINDS)}).")
    day = ask.day.replace(day=1) if ask.kind == MONTHLY else ask.day
    if day < FIRST_DAY:
        raise invalid(f"Laporan dibuat untuk hari sejak {FIRST_DAY.year}, bukan {ask.day.isoformat()}.")
    if day > leases.today():
        raise invalid(f"Laporan untuk hari yang belum tiba tidak dapat dibuat ({ask.day.isoformat()}).")
    if ask.kecamatan and ask.kind not in PER_KECAMATAN:
        raise invalid("Kecamatan hanya dipilih untuk laporan harian, rekap bulanan dan pengumuman stok.")
    if ask.kind == DAILY and not ask.kecamatan:
        raise invalid("Laporan harian dibuat untuk satu kecamatan: sebutkan kecamatannya (mis. 36.74.06).")
    if ask.hub:
        if ask.kind != MONTHLY:
            raise invalid("Hub hanya dipilih untuk rekap bulanan.")
        if Station.get_or_none(Station.code == ask.hub) is None:
            raise invalid(f"Stasiun/hub {ask.hub} tidak terdaftar.")
    return replace(ask, day=day)


def _document(ask: ReportAsk, settings: ReportSettings, place: str, every: list[Station],
              codes: list[str]) -> Document:
    if ask.kind == DAILY:
        return daily(ask.kecamatan or "", ask.day, settings, place, every)
    if ask.kind == DESTRUCTION:
        return destruction(ask.day, settings, place)
    if ask.kind == STOCK_NOTICE:
        return stock_notice(ask.day, [ask.kecamatan] if ask.kecamatan else codes, settings, place, every)
    if ask.kind == BLANKO_REQUEST:
        return blanko_request(ask.day, settings, place)
    return monthly(ask.day, ask.kecamatan, ask.hub, settings, place, every, codes)


def _signers(settings: ReportSettings) -> tuple[Signer, ...]:
    return settings.signers or (DEFAULT_SIGNER,)


def _kecamatan_line(code: str) -> str:
    return f"Kecamatan {fig.region_name(code).title()} ({code})"


# --- the documents ------------------------------------------------------------------------------------
def daily(code: str, day: date, settings: ReportSettings, place: str, every: list[Station]) -> Document:
    p = fig.period(day)
    mine = fig.serving(code, every)
    home_ids = {s.id for s in every if s.kecamatan_code == code}
    quota = fig.quotas([code], day, day, p.end_utc)[(code, day)]
    cards = fig.cards(p, code)
    printed = sum(cards.printed.values())
    reprints = sum(cards.reprints.values())
    by_reason = tuple((REASONS[r].label if r in REASONS else r, n) for (_, r), n in sorted(
        cards.reasons.items(), key=lambda kv: list(REASONS).index(kv[0][1]) if kv[0][1] in REASONS else 99))
    spoiled = fig.spoils(p, home_ids)
    per_station: dict[str, list] = {s.id: [s.code, s.name, 0, 0, 0] for s in mine}
    for (_, _, station_id), n in cards.printed.items():
        per_station.setdefault(station_id, ["?", "?", 0, 0, 0])[2] += n
    for (_, _, station_id), n in cards.reprints.items():
        per_station[station_id][3] += n
    for station_id, *_ in spoiled:
        if station_id in per_station:
            per_station[station_id][4] += 1
    rows = tuple(tuple(r) for r in per_station.values())
    ids = sorted(home_ids)
    now_or_end = p.end_utc if not p.provisional else utcnow()
    destroyed = fig.destroyed(p, home_ids)
    issued_today = fig.received_cards(ids, p.start_utc, now_or_end)
    blocks: list[Table | str] = [
        Table("1. Kuota dan pencetakan", ("Uraian", "Jumlah"), (
            ("Kuota hari ini", quota), ("KTP-el dicetak (semua stasiun)", printed),
            ("  di antaranya cetak ulang (pengganti kartu yang dikembalikan)", reprints),
            ("Sisa kuota", max(0, quota - printed))), widths=(0.8, 0.2)),
        Table("2. KTP-el dicetak menurut alasan", ("Alasan", "Jumlah"), by_reason, total=("Jumlah", printed),
              widths=(0.8, 0.2), empty="Tidak ada KTP-el dicetak."),
        Table("3. Per stasiun yang melayani kecamatan ini", ("Kode", "Stasiun", "Dicetak", "Cetak ulang", "Rusak"),
              rows, total=("", "Jumlah", printed, reprints, sum(r[4] for r in rows)),
              widths=(0.14, 0.5, 0.12, 0.12, 0.12), empty="Tidak ada stasiun yang melayani kecamatan ini."),
        spoil_table("4. Blanko rusak menurut penyebab (stasiun kecamatan ini)", Counter(c for _, c, _, _ in spoiled)),
        Table("5. Blanko stasiun kecamatan ini", ("Uraian", "Jumlah"), (
            ("Stok awal hari", fig.stock_at(ids, p.start_utc)),
            ("Diterima (kotak sampai di stasiun)", sum(fig.arrived(ids, p).values())),
            ("Dipakai untuk KTP-el (kartu yang diterima server hari ini)", issued_today),
            ("Rusak", len(spoiled)), ("Stok akhir hari" if not p.provisional else "Stok saat ini",
                                      fig.stock_at(ids, now_or_end)),
            ("Dimusnahkan hari ini", len(destroyed))), widths=(0.8, 0.2)),
        Table("6. NIK yang diklaim tanpa kartu (menunggu keputusan stasiun)", ("Waktu klaim", "Stasiun"),
              tuple((at.strftime("%H.%M"), station) for at, station in fig.open_claims(code, day, p)),
              widths=(0.3, 0.7), empty="Tidak ada yang menunggu keputusan."),
        Table("7. Anomali yang dicatat server", ("Waktu", "Stasiun", "Kejadian"),
              tuple((at.strftime("%H.%M"), station, detail) for at, station, _rule, detail in
                    fig.anomalies(p, code, home_ids)), widths=(0.1, 0.15, 0.75), empty="Tidak ada anomali."),
    ]
    blocks += queue_tables("8. Antrean (semua stasiun yang melayani kecamatan ini)",
                           queue_events.figures(code, day, None if p.provisional else p.end_utc))
    return Document(DAILY, "LAPORAN HARIAN PENCETAKAN KTP-el KECAMATAN", settings.number(KIND_CODES[DAILY], code, day),
                    (_kecamatan_line(code), f"Hari/tanggal: {weekday_date(day)}", as_of(p),
                     "Dibuat oleh server kabupaten dari data semua stasiun yang melayani kecamatan ini."),
                    tuple(blocks), f"{place}, {long_date(day)}", _signers(settings), p.provisional)


def monthly(first: date, kecamatan: str | None, hub: str | None, settings: ReportSettings, place: str,
            every: list[Station], codes: list[str]) -> Document:
    last = min(last_of_month(first), leases.today())
    p = fig.period(first, last)
    hub_station = next((s for s in every if s.code == hub), None) if hub else None
    cards = fig.cards(p, kecamatan, hub_station.id if hub_station else None)
    if hub_station is not None:
        station_ids = {hub_station.id}
    elif kecamatan:
        station_ids = {s.id for s in every if s.kecamatan_code == kecamatan}
    else:
        station_ids = {s.id for s in every}
    spoiled = fig.spoils(p, station_ids)
    destroyed = fig.destroyed(p, station_ids)
    arrived = fig.arrived(sorted(station_ids), p)
    shown = [kecamatan] if kecamatan else (hub_station.served_codes if hub_station else codes)
    limits = fig.quotas(shown, first, last, p.end_utc)
    day_printed: Counter = Counter()
    day_reprints: Counter = Counter()
    kec_printed: Counter = Counter()
    kec_reprints: Counter = Counter()
    station_printed: Counter = Counter()
    for (code, day, station_id), n in cards.printed.items():
        day_printed[day] += n
        kec_printed[code] += n
        station_printed[station_id] += n
    for (code, day, _), n in cards.reprints.items():
        day_reprints[day] += n
        kec_reprints[code] += n
    day_spoiled = Counter(d for _, _, d, _ in spoiled)
    home = {s.id: s.kecamatan_code for s in every}
    kec_spoiled = Counter(home.get(station_id, "") for station_id, *_ in spoiled)
    station_spoiled = Counter(station_id for station_id, *_ in spoiled)
    day_destroyed = Counter(i.at.date() for i in destroyed)
    day_rows = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        values = (day_printed[day], day_reprints[day], day_spoiled[day], day_destroyed[day], arrived[day])
        day_rows.append((long_date(day) + ("" if any(values) else " (tidak ada kegiatan)"), *values))
    days = Table("Per hari", ("Tanggal", "Dicetak", "Cetak ulang", "Rusak", "Dimusnahkan", "Blanko diterima stasiun"),
                 tuple(day_rows), total=("Jumlah", sum(day_printed.values()), sum(day_reprints.values()),
                                         len(spoiled), len(destroyed), sum(arrived.values())),
                 widths=(0.3, 0.14, 0.14, 0.14, 0.14, 0.14))
    workdays = [first + timedelta(days=i) for i in range((last - first).days + 1)
                if (first + timedelta(days=i)).weekday() < 5]
    kec_rows = tuple((code, fig.region_name(code).title(), sum(limits[(code, d)] for d in workdays), kec_printed[code],
                      kec_reprints[code], kec_spoiled[code]) for code in shown)
    per_kec = Table("Per kecamatan", ("Kode", "Kecamatan", "Kuota (hari kerja)", "Dicetak", "Cetak ulang",
                                      "Rusak (stasiun kecamatan)"), kec_rows,
                    total=("", "Jumlah", *(sum(r[i] for r in kec_rows) for i in range(2, 6))),
                    widths=(0.12, 0.3, 0.16, 0.14, 0.14, 0.14))
    hubs = [s for s in every if len(s.served_codes) > 1 and (hub_station is None or s is hub_station)
            and (not kecamatan or kecamatan in s.served_codes)]
    hub_rows = tuple((s.code, s.name, ", ".join(s.served_codes), station_printed[s.id], station_spoiled[s.id])
                     for s in hubs)
    per_hub = Table("Per hub (stasiun yang melayani beberapa kecamatan)", ("Kode", "Stasiun", "Kecamatan dilayani",
                                                                          "Dicetak", "Rusak"), hub_rows,
                    total=("", "Jumlah", "", sum(r[3] for r in hub_rows), sum(r[4] for r in hub_rows)),
                    widths=(0.12, 0.28, 0.36, 0.12, 0.12), empty="Tidak ada hub.")
    scope = (_kecamatan_line(kecamatan) if kecamatan else
             f"Hub {hub_station.code} {hub_station.name}" if hub_station else f"Seluruh kabupaten ({len(codes)} kecamatan)")
    return Document(MONTHLY, "REKAPITULASI BULANAN PENCETAKAN KTP-el",
                    settings.number(KIND_CODES[MONTHLY], kecamatan or hub or REGENCY_CODE, first),
                    (scope, f"Bulan: {month_year(first.year, first.month)}", f"Hari kerja: {len(workdays)}", as_of(p)),
                    (days, per_kec, per_hub), f"{place}, {long_date(last)}", _signers(settings), p.provisional,
                    landscape=True)


def destruction(day: date, settings: ReportSettings, place: str) -> Document:
    p = fig.period(day)
    items = fig.destroyed(p)
    opening = (f"Pada hari ini, {weekday_date(day)}, stasiun cetak KTP-el di kabupaten ini telah memusnahkan blanko "
               f"KTP-el yang rusak sebanyak {len(items)} keping, sesuai Surat Edaran Direktur Jenderal Kependudukan "
               f"dan Pencatatan Sipil Nomor 400.8.1.2/202241, dengan cara dipotong/dihancurkan sehingga tidak dapat "
               f"dipergunakan lagi, disaksikan oleh para saksi yang dicatat tiap stasiun.")
    table = Table("Daftar blanko yang dimusnahkan", ("No.", "Stasiun", "Nomor seri blanko", "Penyebab rusak",
                                                     "Tanggal rusak", "Pukul"),
                  tuple((i + 1, d.station_code, d.serial, str(SPOIL_REASONS.get(d.cause, d.cause)),
                         long_date(d.spoiled_on) if d.spoiled_on else "-", d.at.strftime("%H.%M"))
                        for i, d in enumerate(items)),
                  total=("", "Jumlah", len(items), "", "", ""), widths=(0.06, 0.12, 0.24, 0.3, 0.18, 0.1),
                  empty="Tidak ada blanko yang dimusnahkan pada hari ini.")
    witnesses: dict[tuple[str, str, str], None] = {}
    for d in items:
        for name, nip in d.witnesses:
            witnesses[(d.station_code, name, nip)] = None
    people = Table("Saksi yang dicatat stasiun", ("No.", "Stasiun", "Nama", "NIP"),
                   tuple((i + 1, *w) for i, w in enumerate(witnesses)), widths=(0.06, 0.14, 0.45, 0.35),
                   empty="Tidak ada saksi tercatat.")
    closing = "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
    return Document(DESTRUCTION, "BERITA ACARA PEMUSNAHAN BLANKO KTP-el RUSAK",
                    settings.number(KIND_CODES[DESTRUCTION], REGENCY_CODE, day),
                    ("Seluruh stasiun cetak kabupaten", as_of(p)), (opening, table, people, closing),
                    f"{place}, {long_date(day)}", _signers(settings), p.provisional)


def blanko_request(day: date, settings: ReportSettings, place: str) -> Document:
    p = fig.period(day)
    r, (h_first, h_last), (n_first, _n_last) = fig.blanko_request(day, p)
    body, table, closing = request_letter(r, (h_first, h_last), n_first, " (seluruh kabupaten)",
                                          "Stok blanko kabupaten dan semua stasiun",
                                          "Dialokasikan Ditjen Dukcapil, belum diterima")
    return Document(BLANKO_REQUEST, "PERMOHONAN BLANKO KTP-el",
                    settings.number(KIND_CODES[BLANKO_REQUEST], REGENCY_CODE, day),
                    ("Kepada Yth. Direktur Jenderal Kependudukan dan Pencatatan Sipil", "Kementerian Dalam Negeri",
                     f"Dari: {settings.regency or 'Pemerintah Kabupaten'}", as_of(p)),
                    (body, table, closing), f"{place}, {long_date(day)}", _signers(settings), p.provisional)


def stock_notice(day: date, codes: list[str], settings: ReportSettings, place: str,
                 every: list[Station]) -> Document:
    p = fig.period(day)
    limits = fig.quotas(codes, day, day, p.end_utc)
    cards = fig.cards(p)
    printed = Counter()
    for (code, _, _), n in cards.printed.items():
        printed[code] += n
    at = p.end_utc if not p.provisional else utcnow()
    rows = []
    for code in codes:
        ids = [s.id for s in every if s.kecamatan_code == code and s.revoked_at is None]
        rows.append((fig.region_name(code).title(), fig.stock_at(ids, at), limits[(code, day)],
                     max(0, limits[(code, day)] - printed[code])))
    return Document(STOCK_NOTICE, "PENGUMUMAN STOK BLANKO KTP-el",
                    settings.number(KIND_CODES[STOCK_NOTICE], codes[0] if len(codes) == 1 else REGENCY_CODE, day),
                    (weekday_date(day), as_of(p)),
                    (Table("", ("Kecamatan", "Blanko tersedia", "Kuota hari ini", "Sisa kuota"), tuple(rows),
                           widths=(0.4, 0.2, 0.2, 0.2), empty="Belum ada kecamatan."),),
                    f"{place}, {long_date(day)}", (), p.provisional, large=True,
                    footnotes=("Pelayanan pencetakan KTP-el tidak dipungut biaya.",))


def parse_when(kind: str, day: str | None, month: str | None) -> date:
    """The date a report is asked for: --day YYYY-MM-DD, or --month YYYY-MM for the recap (default today)."""
    if month and kind != MONTHLY:
        raise invalid("Bulan hanya untuk rekap bulanan (monthly); laporan lain memakai tanggal (day).")
    try:
        if kind == MONTHLY and month:
            return date.fromisoformat(month + "-01")
        if day:
            return date.fromisoformat(day)
    except ValueError:
        raise invalid(f"Tanggal {month or day} tidak sah; tulis YYYY-MM-DD (bulan: YYYY-MM).") from None
    return leases.today()

