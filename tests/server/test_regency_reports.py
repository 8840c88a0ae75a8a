"""The regency's reports made by the server (issue 22): each PDF read back as text (pdftotext) and its figures
checked against the server's database, on SQLite and PostgreSQL; every page rendered (pdftoppm) into
build/screenshots/; a month of 29 kecamatan and a day without activity; a past day the same bytes each
time, today's SEMENTARA; the report settings at the server; `ktp-mandiri-server report` writing 0600 and
the admin endpoint, both audited."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.blanko_request import BlankoRequest, request_period, working_days
from desktop.domain.leases import regency_serial
from desktop.domain.regions import default_regions
from server import leases, registry, reports
from server.db import connection, write_transaction
from server.models import (
    AuditEntry,
    BlankoRange,
    BlankoSpoil,
    IssuedCard,
    Station,
    StationEvent,
    utcnow,
)
from tests.helpers.regency import BOTH
from tests.server.test_protocol import PAMULANG, SETU, admin_token, call
from tests.server.test_regency_panel import session
from tests.unit.test_reports import figure, pdf_text, screenshots

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="needs poppler-utils (pdftotext, pdftoppm)")

_numbers = iter(range(1, 10_000_000))


def add_station(name: str, served: list[str]) -> Station:
    view, _ = registry.add_station("test", name, served)
    return Station.get_by_id(view["id"])


def utc_of(day: date, hour: int) -> datetime:
    """The naive UTC instant of a local (Jakarta) hour on `day`."""
    return datetime(day.year, day.month, day.day, hour) - timedelta(hours=7)


def add_cards(station: Station, kecamatan: str, day: date, count: int, *, reason: str = "baru", reprints: int = 0,
              received: datetime | None = None) -> None:
    rows = []
    for n in range(count):
        number = next(_numbers)
        rows.append({"id": str(uuid.uuid4()), "station": station.id, "nik": f"{3674060000000000 + number}",
                     "kecamatan_code": kecamatan, "day": day, "blanko_serial": regency_serial(number),
                     "reason": reason, "issued_at": utc_of(day, 10).isoformat(),
                     "received_at": received or utc_of(day, 10) + timedelta(minutes=n),
                     "reprint_approval": str(uuid.uuid4()) if n < reprints else None})
    with write_transaction():
        for start in range(0, len(rows), 500):
            IssuedCard.insert_many(rows[start:start + 500]).execute()


def add_spoil(station: Station, day: date, reason: str = "print_failed:jam") -> str:
    serial = regency_serial(next(_numbers))
    BlankoSpoil.create(station=station.id, serial=serial, reason=reason, at=f"{utc_of(day, 11)}")
    return serial


def add_destroy(station: Station, serial: str, day: date, witnesses: list[dict]) -> None:
    data = {"kind": "destroy", "quantity": 1, "blanko": serial, "at": str(utc_of(day, 15)), "witnesses": witnesses}
    StationEvent.create(station=station.id, event_id=str(uuid.uuid4()), entity="blanko_movement",
                        entity_id=str(uuid.uuid4()), op="insert", data=json.dumps(data, separators=(",", ":")),
                        received_at=utc_of(day, 16))


def add_range(station: Station, first: int, last: int, arrived: datetime) -> None:
    BlankoRange.create(station=station.id, first_number=first, last_number=last, granted_at=arrived,
                       confirmed_at=arrived)


def made(kind: str, day: date, **kwargs) -> reports.MadeReport:
    return reports.make(reports.ReportAsk(kind, day, **kwargs))


@pytest.fixture
def two_stations(regency_db):
    """Pamulang's own station and a hub serving Pamulang and Setu."""
    with connection():
        own = add_station("Loket Pamulang", [PAMULANG])
        hub = add_station("Hub Pamulang-Setu", [SETU, PAMULANG])
        yield own, hub


@pytest.mark.parametrize("regency_db", BOTH, indirect=True)
def test_the_kecamatan_daily_report_counts_every_station_and_a_past_day_stays_as_it_ended(two_stations, tmp_path):
    own, hub = two_stations
    yesterday = leases.today() - timedelta(days=1)
    with connection():
        add_range(own, 1_000_001, 1_000_100, utc_of(yesterday, 8))
        add_cards(own, PAMULANG, yesterday, 12, reprints=2)
        add_cards(own, PAMULANG, yesterday, 3, reason="hilang")
        add_cards(hub, PAMULANG, yesterday, 5)
        add_cards(hub, SETU, yesterday, 7)  # another kecamatan's: not Pamulang's report
        add_spoil(own, yesterday)
        add_spoil(own, yesterday, "chip_failed")
        first = made("daily", yesterday, kecamatan=PAMULANG)
        # A card of that day the server receives today changes nothing of the day as it ended.
        add_cards(hub, PAMULANG, yesterday, 4, received=utcnow())
        again = made("daily", yesterday, kecamatan=PAMULANG)
        today = made("daily", yesterday + timedelta(days=1), kecamatan=PAMULANG)
    assert again.data == first.data and not first.document.provisional
    text = pdf_text(first.data, tmp_path)
    assert "SEMENTARA" not in text and f"Keadaan pada akhir hari {yesterday.day}" in text
    assert figure(text, "KTP-el dicetak (semua stasiun)") == 20
    assert figure(text, "di antaranya cetak ulang (pengganti kartu yang dikembalikan)") == 2
    assert figure(text, "Sisa kuota") == 100 - 20
    assert figure(text, "Hilang") == 3
    assert re.search(rf"{own.code}\s+Loket Pamulang\s+15\s+2\s+2", text)
    assert re.search(rf"{hub.code}\s+Hub Pamulang-Setu\s+5\s+0\s+0", text)
    assert figure(text, "cetak gagal") == 1 and figure(text, "chip atau encoding gagal") == 1
    # The stock: the box arrived that morning; 15 cards and 2 spoiled left it.
    assert figure(text, "Stok awal hari") == 0 and figure(text, "Diterima (kotak sampai di stasiun)") == 100
    assert figure(text, "Stok akhir hari") == 100 - 15 - 2
    assert "Halaman 1 dari" in text and "NIP." in text
    screenshots(first.data, "regency-report-daily", tmp_path)
    assert "SEMENTARA" in pdf_text(today.data, tmp_path)


@pytest.mark.parametrize("regency_db", BOTH, indirect=True)
def test_a_month_of_29_kecamatan_shows_each_day_each_kecamatan_and_the_hubs(regency_db, tmp_path):
    codes = [r.code for r in default_regions().kecamatan_in("36.03")]
    month = (leases.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    with connection():
        stations = [add_station(f"Loket {code}", [code]) for code in codes]
        hub = add_station("Hub Utara", [codes[0], codes[1]])
        expected: dict[str, int] = {}
        reprints = 0
        for i, (station, code) in enumerate(zip(stations, codes, strict=True)):
            for day in (month + timedelta(days=d) for d in range(0, 28, 3)):
                if day.weekday() < 5:
                    add_cards(station, code, day, 1 + i % 4, reprints=1 if i == 3 else 0)
                    expected[code] = expected.get(code, 0) + 1 + i % 4
                    reprints += i == 3
        add_cards(hub, codes[1], month + timedelta(days=1), 6)
        expected[codes[1]] += 6
        add_spoil(stations[0], month + timedelta(days=2))
        result = made("monthly", month)
        csv_made = made("monthly", month, as_csv=True)
        hub_only = made("monthly", month, hub=hub.code)
        total = IssuedCard.select().where(IssuedCard.day >= month).count()
    text = pdf_text(result.data, tmp_path)
    assert sum(expected.values()) == total
    assert result.document.landscape and "Seluruh kabupaten (29 kecamatan)" in text
    for code in codes:
        name = default_regions().name(code).title()
        assert re.search(rf"{re.escape(code)}\s+{re.escape(name)}\s+\d+\s+{expected.get(code, 0)}\s", text), code
    # Every day of the month is a row; a day without cards or spoilage says so.
    days = (month.replace(month=month.month % 12 + 1, year=month.year + month.month // 12) - month).days
    assert len(re.findall(r"^\s*\d{1,2} \w+ \d{4}", text, re.M)) >= days
    assert "(tidak ada kegiatan)" in text
    lines = csv_made.data.decode("utf-8-sig").splitlines()
    assert f"Jumlah;{total};{reprints};1;0;0" in lines  # printed, reprints, spoiled, destroyed, blanko arrived
    assert any(line.startswith(f"{hub.code};Hub Utara;") and line.endswith(";6;0") for line in lines)
    assert re.search(rf"{hub.code}\s+Hub Utara", pdf_text(hub_only.data, tmp_path))
    pages = screenshots(result.data, "regency-report-monthly-29", tmp_path)
    assert len(pages) >= 2


def test_a_day_without_activity_makes_sense(regency_db, tmp_path):
    quiet = leases.today() - timedelta(days=2)
    with connection():
        add_station("Loket Pamulang", [PAMULANG])
        daily = made("daily", quiet, kecamatan=PAMULANG)
        destruction = made("destruction", quiet)
    text = pdf_text(daily.data, tmp_path)
    assert "Tidak ada KTP-el dicetak." in text and "Tidak ada blanko rusak." in text
    assert "Tidak ada anomali." in text and figure(text, "Kuota hari ini") == 100
    assert "Tidak ada blanko yang dimusnahkan pada hari ini." in pdf_text(destruction.data, tmp_path)
    screenshots(daily.data, "regency-report-daily-empty", tmp_path)


def test_the_berita_acara_lists_every_stations_serials_causes_and_witnesses(two_stations, tmp_path):
    own, hub = two_stations
    yesterday = leases.today() - timedelta(days=1)
    people = [{"name": "Siti Aminah", "nip": "198001012005012001"}, {"name": "Budi Santoso", "nip": "197505052000031002"},
              {"name": "=HYPERLINK(1)", "nip": "123"}]  # not a NIP: left out
    with connection():
        serials = [add_spoil(own, yesterday - timedelta(days=1)), add_spoil(hub, yesterday, "damaged")]
        for station, serial in zip((own, hub), serials, strict=True):
            add_destroy(station, serial, yesterday, people)
        result = made("destruction", yesterday)
    text = pdf_text(result.data, tmp_path)
    for serial in serials:
        assert serial in text
    assert "cetak gagal" in text and "rusak fisik" in text
    assert "Siti Aminah" in text and "198001012005012001" in text and "HYPERLINK" not in text
    assert "sebanyak 2 keping" in text and "400.8.1.2/202241" in text
    screenshots(result.data, "regency-report-destruction", tmp_path)


def test_the_request_to_the_dirjen_is_the_average_times_next_months_working_days_less_what_is_held(
        regency_db, tmp_path):
    today = leases.today()
    months = request_period(today)
    with connection():
        station = add_station("Loket Pamulang", [PAMULANG])
        leases.receive_blanko("test", 2_000, "BOX-1", requested=3_000)  # 1,000 still to come
        add_cards(station, PAMULANG, months.history_first + timedelta(days=3), 300)
        add_cards(station, PAMULANG, months.history_last - timedelta(days=2), 600)
        add_spoil(station, months.history_last - timedelta(days=2))
        result = made("blanko-request", today)
    expected = BlankoRequest(900, working_days(months.history_first, months.history_last),
                             working_days(months.next_first, months.next_last), 2_000 - 900 - 1, 1_000)
    text = pdf_text(result.data, tmp_path)
    assert figure(text, "Stok blanko kabupaten dan semua stasiun") == expected.stock
    assert figure(text, "Dialokasikan Ditjen Dukcapil, belum diterima") == 1_000
    assert figure(text, "Jumlah yang diminta") == expected.requested
    assert "Direktur Jenderal Kependudukan dan Pencatatan Sipil" in text and result.document.provisional
    screenshots(result.data, "regency-report-blanko-request", tmp_path)


def test_the_stock_notice_has_each_kecamatans_figures_and_no_personal_data(two_stations, tmp_path):
    own, hub = two_stations
    today = leases.today()
    with connection():
        add_range(own, 1, 50, utcnow() - timedelta(minutes=5))
        add_cards(own, PAMULANG, today, 7, received=utcnow() - timedelta(minutes=1))
        result = made("stock-notice", today)
        niks = [c.nik for c in IssuedCard.select()]
    text = pdf_text(result.data, tmp_path)
    assert re.search(r"Pamulang\s+43\s+100\s+93", text)
    assert re.search(r"Setu\s+0\s+100\s+100", text)
    assert not any(nik in text for nik in niks) and "tidak dipungut biaya" in text
    screenshots(result.data, "regency-report-stock-notice", tmp_path)


def test_settings_at_the_server_are_checked_stored_and_on_every_paper(regency_db, tmp_path):
    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (120, 120), "navy").save(logo)
    done = regency_db.cli("settings", "--regency", "Pemerintah Kabupaten Tangerang", "--logo", str(logo),
                          "--number", "800/{jenis}/{tahun}", "--signer",
                          "Kepala Dinas|Dr. H. Ahmad Fauzi|197001011990031001")
    assert "Pengaturan laporan disimpan." in done.stdout
    refused = regency_db.cli("settings", "--signer", "Kepala|Budi|12345", check=False)
    assert refused.returncode == 1 and "NIP 12345 tidak sah" in refused.stderr
    with connection():
        add_station("Loket Pamulang", [PAMULANG])
        result = made("daily", leases.today() - timedelta(days=1), kecamatan=PAMULANG)
        changed = [json.loads(e.details) for e in AuditEntry.select().where(AuditEntry.action == "report.settings")]
    text = pdf_text(result.data, tmp_path)
    assert "PEMERINTAH KABUPATEN TANGERANG" in text and f"800/LH/{leases.today().year}" in text
    assert "Dr. H. Ahmad Fauzi" in text and "197001011990031001" in text
    assert changed == [{"changed": ["logo_png", "number_pattern", "regency", "signers"]}]
    screenshots(result.data, "regency-report-letterhead", tmp_path)


def test_the_command_line_writes_a_private_file_and_audits_it(regency_db, tmp_path):
    out = tmp_path / "rekap.csv"
    with connection():
        station = add_station("=Loket", [PAMULANG, SETU])  # a hub whose name a spreadsheet would run
        add_cards(station, PAMULANG, leases.today(), 2, received=utcnow())
    done = regency_db.cli("report", "monthly", "--csv", "--out", str(out))
    assert "SEMENTARA" in done.stdout and stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_bytes().decode("utf-8-sig")
    assert f"{station.code};'=Loket;36.74.06, 36.74.07;2;0" in text.splitlines()
    assert any(re.fullmatch(r"36\.74\.06;Pamulang;\d+;2;0;0", line) for line in text.splitlines())
    refused = regency_db.cli("report", "daily", "--out", str(tmp_path / "x.pdf"), check=False)
    assert refused.returncode == 1 and "satu kecamatan" in refused.stderr
    future = regency_db.cli("report", "destruction", "--day", (leases.today() + timedelta(days=1)).isoformat(),
                            "--out", str(tmp_path / "y.pdf"), check=False)
    assert future.returncode == 1 and "belum tiba" in future.stderr
    ancient = regency_db.cli("report", "blanko-request", "--day", "0001-01-01", "--out", str(tmp_path / "z.pdf"),
                             check=False)
    assert ancient.returncode == 1 and "sejak 2000" in ancient.stderr
    with connection():
        entries = [(e.actor, json.loads(e.details)) for e in AuditEntry.select().where(AuditEntry.action == "report.made")]
    assert [(actor, d["kind"], d["format"], d["file"]) for actor, d in entries] == [
        ("cli:petugas (sudo)", "monthly", "csv", str(out))]
    assert len(entries[0][1]["sha256"]) == 64


def test_the_admin_endpoint_returns_the_pdf_or_csv_to_regency_roles_and_audits_it(regency):
    regency.cli("admin", "create", "kepala")
    regency.cli("admin", "create", "pengawas", "--role", "regency_supervisor")
    supervisor = session(regency, "pengawas")
    day = leases.today() - timedelta(days=1)
    with connection():
        station = add_station("Loket Pamulang", [PAMULANG])
        add_cards(station, PAMULANG, day, 3)
    url = f"{regency.url}/v1/admin/reports/daily?day={day.isoformat()}&kecamatan={PAMULANG}"
    status, reply = call(url, headers=supervisor)
    assert status == 200 and reply["content"].startswith(b"%PDF")
    assert reply["headers"]["content-type"] == "application/pdf"
    assert f'daily-{PAMULANG}-{day.isoformat()}.pdf' in reply["headers"]["content-disposition"]
    status, reply = call(url + "&format=csv", headers=supervisor)
    assert status == 200 and "KTP-el dicetak (semua stasiun);3" in reply["content"].decode("utf-8-sig")
    status, reply = call(f"{regency.url}/v1/admin/reports/monthly?month={day:%Y-%m}",
                         headers={"Authorization": f"Bearer {admin_token(regency)}"})
    assert status == 200 and reply["headers"]["x-ktp-provisional"] in ("0", "1")
    status, reply = call(f"{regency.url}/v1/admin/reports/daily?day={day.isoformat()}", headers=supervisor)
    assert status == 422 and "satu kecamatan" in reply["detail"]["message"]
    status, reply = call(f"{regency.url}/v1/admin/reports/destruction?month=2026-11", headers=supervisor)
    assert status == 422 and "rekap bulanan" in reply["detail"]["message"]
    with connection():
        made_by = [e.actor for e in AuditEntry.select().where(AuditEntry.action == "report.made").order_by(AuditEntry.id)]
    assert made_by[:2] == ["admin:pengawas", "admin:pengawas"] and len(made_by) == 3


def test_the_server_reports_import_neither_qt_nor_the_station_database():
    code = ("import sys, server.reports, server.report_figures, desktop.documents.pdf; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'desktop.store.models', 'desktop.services'))]; "
            "print(bad)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]"
