"""The station's reports (issue 22) read back from the PDF (pdftotext) and the CSV and checked against the
database; every page is rendered (pdftoppm) into build/screenshots/."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.services.reports import ReportRequest
from desktop.store.models import AuditLog, Blanko
from tests.helpers.command_line import run_main
from tests.helpers.fixtures import (
    OFFICE_MORNING,
    PAMULANG,
    SETU,
    add_resident,
    destroy_spoiled,
    make_station,
    write_off,
)
from tests.helpers.fixtures import (
    print_card as _print,
)
from tests.helpers.screenshots import SCREENSHOTS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="needs poppler-utils (pdftotext, pdftoppm)")

NEW = dict(reason="baru", documents=frozenset({"kk"}), numbers={})
WITNESSES = [("Ani Lestari", "198001012005012001"), ("Dedi Kurniawan", "197505052000031002")]


def _make(station, kind: str, day: date | None = None, **kwargs):
    services = station.services
    return services.reports.make(station.supervisor, services.stations.require(),
                                 ReportRequest(kind, day or services.clock.today(), **kwargs))


def pdf_text(data: bytes, tmp_path: Path, layout: bool = True) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def figure(text: str, label: str) -> int:
    """The number at the end of the line that starts with `label`."""
    match = re.search(rf"^\s*{re.escape(label)}\s+(\d+)\s*$", text, re.MULTILINE)
    assert match, f"no line {label!r} in:\n{text}"
    return int(match.group(1))


def screenshots(data: bytes, name: str, tmp_path: Path) -> list[Path]:
    """Each page of the PDF as build/screenshots/NAME-N.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(SCREENSHOTS / name)], check=True)
    pages = sorted(SCREENSHOTS.glob(f"{name}-*.png"))
    assert pages
    return pages


def _in_hand() -> int:
    return Blanko.select().where(Blanko.state.in_(["in_stock", "reserved"])).count()


def test_todays_daily_report_shows_the_days_figures_and_is_provisional(station, tmp_path):
    niks = [add_resident(serial=i) for i in range(1, 5)]
    for nik in niks[:2]:
        _print(station, nik)
    _print(station, niks[2], request=NEW)
    _print(station, niks[3], "spoiled")
    _print(station, add_resident(serial=9, kecamatan=SETU))  # another kecamatan: not on Pamulang's report
    left = _print(station, add_resident(serial=7), "left")
    station.services.approvals.approve_reprint(station.operator, niks[0], "damaged", "supervisor", "supervisor123")
    head = audit.head()

    made = _make(station, "daily", kecamatan=PAMULANG)
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-daily-today", tmp_path)

    assert "LAPORAN HARIAN PENCETAKAN KTP-el (SEMENTARA)" in text and made.provisional
    assert "Kecamatan Pamulang (36.74.06)" in text and "Hari/tanggal: " in text
    assert figure(text, "Kuota hari ini") == 100
    assert figure(text, "KTP-el dicetak") == 3  # the Setu card is Setu's
    assert figure(text, "Hilang") == 2 and figure(text, "Baru (usia 17+ atau sudah menikah)") == 1
    assert figure(text, "Kartu dikembalikan untuk cetak ulang (tempat kuota kembali)") == 1
    assert figure(text, "Kuota terpakai") == 2 and figure(text, "Sisa kuota") == 98
    assert figure(text, "cetak gagal") == 1 and figure(text, "rusak fisik") == 1  # the jam, the returned card
    assert figure(text, "Stok awal hari") == 0 and figure(text, "Diterima") == 10
    assert figure(text, "Stok akhir hari") == _in_hand() == 10 - 5  # 4 issued, 1 spoiled (the left job's blanko is still held)
    assert figure(text, "Rusak menunggu pemusnahan") == 2
    serial = station.services.jobs.unfinished()[0].blanko_serial
    assert [job.job_id for job in station.services.jobs.unfinished()] == [left] and serial in text
    assert re.search(r"Halaman 1 dari \d", text) and made.document.number in text
    # The audit head as it stood when the report was made, whole, with the command that checks it.
    plain = pdf_text(made.data, tmp_path, layout=False)
    assert f"entri #{head.seq}" in plain and f"audit verify --head {head.seq}:{head.hash}" in " ".join(plain.split())


def test_a_past_day_is_its_state_at_its_end_and_the_same_bytes_each_time(tmp_path):
    station = make_station(tmp_path, at=OFFICE_MORNING - timedelta(days=1))
    services = station.services
    yesterday = services.clock.today()
    _print(station, add_resident(serial=1))
    left = _print(station, add_resident(serial=2), "left")
    head = audit.head()
    services.clock.advance(days=1)
    left_serial = services.jobs.unfinished()[0].blanko_serial
    services.jobs.settle(station.supervisor, left, "good")  # settled the next morning: it waited that night
    _print(station, add_resident(serial=3))  # today's card: not on yesterday's report

    first = _make(station, "daily", yesterday)
    services.reports.save(station.supervisor, first, tmp_path / "a.pdf")
    _print(station, add_resident(serial=4))
    second = _make(station, "daily", yesterday)
    text = pdf_text(first.data, tmp_path)
    screenshots(first.data, "report-daily-past", tmp_path)

    assert first.data == second.data and not first.provisional
    assert "SEMENTARA" not in text and "Keadaan pada akhir hari" in text
    assert figure(text, "KTP-el dicetak") == 1 and figure(text, "Stok akhir hari") == 10 - 1  # one still in a printer
    assert left_serial in text
    assert f"entri #{head.seq}" in text  # the head at the end of that day, not today's
    assert AuditLog.select().where(AuditLog.seq > head.seq).count() > 0
    services.close()


def test_a_day_without_activity_says_so(tmp_path):
    station = make_station(tmp_path, at=OFFICE_MORNING - timedelta(days=2))
    station.services.clock.advance(days=2)
    quiet = station.services.clock.today() - timedelta(days=1)

    made = _make(station, "daily", quiet)
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-daily-empty", tmp_path)

    assert "Tidak ada KTP-el dicetak." in text and "Tidak ada blanko rusak." in text
    assert "Tidak ada pekerjaan yang menunggu keputusan." in text and "Tidak ada kejadian." in text
    assert figure(text, "KTP-el dicetak") == 0
    assert figure(text, "Stok awal hari") == figure(text, "Stok akhir hari") == 10
    assert "belum pernah menerima hitungan kecamatan" in text  # a station that is not enrolled says what it covers
    station.services.close()


def test_the_berita_acara_lists_each_serial_its_cause_and_the_witnesses(station, tmp_path):
    station_id = station.services.stations.require().id
    _print(station, add_resident(serial=1), "spoiled")
    calibration = write_off(station, station_id, "calibration")
    destroyed = destroy_spoiled(station, station_id, WITNESSES)

    made = _make(station, "destruction")
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-destruction", tmp_path)

    assert "BERITA ACARA PEMUSNAHAN BLANKO KTP-el RUSAK" in text and "400.8.1.2/202241" in text
    assert len(destroyed) == 2 and calibration in destroyed
    for serial in destroyed:
        assert serial in text
    jammed = next(s for s in destroyed if s != calibration)
    assert re.search(rf"{jammed}\s+cetak gagal", text) and re.search(rf"{calibration}\s+kartu kalibrasi", text)
    for name, nip in WITNESSES:
        assert name in text and nip in text
    assert "sebanyak 2 keping" in text


def test_the_stock_notice_has_large_figures_and_no_personal_data(station, tmp_path):
    nik = add_resident(serial=1, name="BUDI SANTOSO")
    _print(station, nik)

    made = _make(station, "stock-notice")
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-stock-notice", tmp_path)

    assert figure(text, "Blanko KTP-el tersedia") == _in_hand() == 9
    assert figure(text, "KTP-el dicetak hari ini") == 1
    assert "BUDI SANTOSO" not in text and nik not in text and "operator" not in text.lower()
    assert re.search(r"Pamulang\s+100\s+99", text) and re.search(r"Setu\s+100\s+100", text)


def test_the_blanko_request_is_the_average_times_next_months_working_days_less_what_is_held(tmp_path):
    # Cards printed on one working day of the month before: 3 cards over its working days.
    today = OFFICE_MORNING.date()
    earlier = OFFICE_MORNING.replace(day=1) - timedelta(days=1)
    while earlier.weekday() >= 5:
        earlier -= timedelta(days=1)
    station = make_station(tmp_path, at=earlier, blanko=3)
    for i in range(1, 4):
        _print(station, add_resident(serial=i))
    station.services.clock.advance(days=(today - earlier.date()).days)

    made = _make(station, "blanko-request")
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-blanko-request", tmp_path)

    request = made.document.blocks[1]
    values = {label: value for label, value in request.rows}
    from desktop.domain.blanko_request import BlankoRequest, request_period, working_days

    span = request_period(today)
    expected = BlankoRequest(3, working_days(span.history_first, span.history_last),
                             working_days(span.next_first, span.next_last), 0, 0)
    assert values["Stok blanko saat ini"] == 0 == _in_hand()
    assert values["Jumlah yang diminta"] == expected.requested == expected.need > 0
    assert figure(text, "Jumlah yang diminta") == expected.requested
    assert f"sebanyak {expected.requested} keping" in " ".join(pdf_text(made.data, tmp_path, layout=False).split())
    station.services.close()


def test_the_monthly_recap_is_landscape_and_shows_days_without_activity(station, tmp_path):
    _print(station, add_resident(serial=1))
    today = station.services.clock.today()

    made = _make(station, "monthly")
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-monthly", tmp_path)
    info = subprocess.run(["pdfinfo", "-"], input=made.data, capture_output=True, check=True).stdout.decode()

    assert re.search(r"Page size:\s+841\.89 x 595\.2\d* pts \(A4\)", info)  # A4 landscape
    assert len(made.document.blocks[0].rows) == today.day
    if today.day > 1:
        assert "(tidak ada kegiatan)" in text
    assert made.document.blocks[0].total[1] == 1


def test_csv_has_the_same_figures_and_escapes_formulas(station, tmp_path):
    station_id = station.services.stations.require().id
    _print(station, add_resident(serial=1), "spoiled")
    destroy_spoiled(station, station_id, [("=HYPERLINK(\"http://x\",\"klik\")", "198001012005012001"),
                                          ("@Dedi", "197505052000031002")])

    made = _make(station, "destruction", as_csv=True)
    rows = list(csv.reader(io.StringIO(made.data.decode("utf-8-sig")), delimiter=";"))

    names = [row[1] for row in rows if len(row) == 3 and row[0] in ("1", "2")]
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in names and "'@Dedi" in names
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    daily = list(csv.reader(io.StringIO(_make(station, "daily", as_csv=True).data.decode("utf-8-sig")), delimiter=";"))
    assert ["Stok akhir hari", str(_in_hand())] in daily


def test_a_saved_report_is_private_and_audited(station, tmp_path):
    made = _make(station, "daily")
    path = station.services.reports.save(station.supervisor, made, tmp_path / "harian.pdf")

    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == made.data
    entry = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    details = json.loads(entry.details)
    assert entry.action == "report.made" and entry.username == "supervisor"
    assert details["kind"] == "daily" and details["sha256"] == hashlib.sha256(made.data).hexdigest()
    assert details["provisional"] is True and details["number"] == made.document.number


def test_who_may_make_reports_and_for_what(station):
    with pytest.raises(UserFacingError, match="supervisor|admin"):
        _make_as(station, station.operator, "daily")
    with pytest.raises(UserFacingError, match="belum tiba"):
        _make(station, "daily", station.services.clock.today() + timedelta(days=1))
    with pytest.raises(UserFacingError, match="tidak dilayani"):
        _make(station, "daily", kecamatan="36.74.01")
    with pytest.raises(UserFacingError, match="tidak sah"):
        _make(station, "daily", kecamatan="36-74")
    assert _make(station, "daily", kecamatan="367407").request.kecamatan == SETU
    with pytest.raises(UserFacingError, match="seluruh stok stasiun"):
        _make(station, "stock-notice", kecamatan=PAMULANG)


def _make_as(station, user, kind):
    services = station.services
    return services.reports.make(user, services.stations.require(), ReportRequest(kind, services.clock.today()))


def test_letterhead_logo_number_and_signers_from_the_settings(station, tmp_path):
    from PIL import Image

    from desktop.services.reports.settings import Signer, logo_from_file

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 300), "#1a5e20").save(logo)
    station.services.report_settings.update(
        station.admin, regency="Pemerintah Kota Tangerang Selatan", office="Kecamatan Pamulang",
        address="Jl. Siliwangi No. 1, Pamulang", logo_png=logo_from_file(logo),
        number_pattern="474/{jenis}-{tanggal}/Kec.Pml/{tahun}",
        signers=(Signer("Camat Pamulang", "Drs. Ahmad Fauzi", "197001011990031001"),
                 Signer("Supervisor Stasiun", "Budi Supervisor")))

    made = _make(station, "daily")
    text = pdf_text(made.data, tmp_path)
    screenshots(made.data, "report-daily-letterhead", tmp_path)
    images = subprocess.run(["pdfimages", "-list", "-"], input=made.data, capture_output=True).stdout.decode()

    day = station.services.clock.today().strftime("%Y%m%d")
    assert f"Nomor: 474/LH-{day}/Kec.Pml/{station.services.clock.today().year}" in text
    assert "JL. SILIWANGI NO. 1, PAMULANG" not in text and "Jl. Siliwangi No. 1, Pamulang" in text
    assert "Drs. Ahmad Fauzi" in text and "NIP. 197001011990031001" in text and "Camat Pamulang" in text
    assert len([line for line in images.splitlines() if " image " in line or "smask" in line]) >= 1
    with pytest.raises(UserFacingError, match="18 angka"):
        station.services.report_settings.update(station.admin, signers=(Signer("Camat", "A", "123"),))
    for pattern in ("470/{nomor}", "470/{tahun:>999999999}", "470/{jenis!r}", "470/{jenis.__class__}", "{"):
        with pytest.raises(UserFacingError, match="Pola nomor surat"):
            station.services.report_settings.update(station.admin, number_pattern=pattern)
    with pytest.raises(UserFacingError):
        station.services.report_settings.update(station.supervisor, office="X")
    (tmp_path / "bukan.png").write_bytes(b"not an image")
    with pytest.raises(UserFacingError, match="bukan gambar"):
        logo_from_file(tmp_path / "bukan.png")


def test_the_command_line_makes_reports_and_edits_the_settings(station, tmp_path):
    data_dir = station.services.data_dir
    _print(station, add_resident(serial=1))
    station.services.close()
    out = tmp_path / "laporan.pdf"

    changed = run_main(data_dir, "settings", "--office", "Kecamatan Pamulang", "--signer",
                       "Camat Pamulang|Drs. Ahmad Fauzi|197001011990031001", "--user", "admin",
                       KTP_MANDIRI_PASSWORD="admin12345")
    made = run_main(data_dir, "report", "daily", "--kecamatan", PAMULANG, "--user", "supervisor", "--out", str(out),
                    KTP_MANDIRI_PASSWORD="supervisor123")
    as_csv = run_main(data_dir, "report", "stock-notice", "--csv", "--user", "supervisor", "--out",
                      str(tmp_path / "stok.csv"), KTP_MANDIRI_PASSWORD="supervisor123")
    refused = run_main(data_dir, "report", "daily", "--user", "operator", "--out", str(tmp_path / "x.pdf"),
                       KTP_MANDIRI_PASSWORD="operator123")
    bad_day = run_main(data_dir, "report", "daily", "--day", "7-12-2026", "--user", "supervisor", "--out",
                       str(tmp_path / "y.pdf"), KTP_MANDIRI_PASSWORD="supervisor123")

    assert changed.returncode == 0 and "Drs. Ahmad Fauzi" in changed.stdout, changed.stderr
    assert made.returncode == 0, made.stderr
    assert "SEMENTARA" in made.stdout and str(out) in made.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Drs. Ahmad Fauzi" in pdf_text(out.read_bytes(), tmp_path)
    # The head under the signatures is an anchor `audit verify --head` accepts.
    head = re.search(r"--head (\d+:[0-9a-f]{64})", " ".join(pdf_text(out.read_bytes(), tmp_path, False).split()))
    verified = run_main(data_dir, "audit", "verify", "--head", head.group(1))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert as_csv.returncode == 0 and "Blanko KTP-el tersedia;9" in (tmp_path / "stok.csv").read_text("utf-8-sig")
    assert refused.returncode != 0 and not (tmp_path / "x.pdf").exists() and "supervisor" in refused.stderr
    assert bad_day.returncode == 2 and "YYYY-MM-DD" in bad_day.stderr
