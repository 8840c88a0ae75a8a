"""Issue 22 item 4 at the station: a report's PDF previewed as its pages, printed on an office printer (never a card
printer), and every report saved or printed, from the GUI or the command line, kept in the archive window, from which
it is previewed, printed and saved again."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desktop.clock import FixedClock
from desktop.services.reports import ReportRequest
from desktop.store.models import AuditLog
from desktop.ui.pages.reports.archive import ReportArchiveWindow
from desktop.ui.pages.reports.page import ReportsWindow
from desktop.ui.pages.reports.printing import PrintDialog, office_printers, print_pdf
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.command_line import run_main
from tests.helpers.reports import pdf_info, pdf_text
from tests.helpers.screenshots import clipped_labels, save_screenshot

LAST_MONTH_RECAP = 2  # pages of a month's recap of two kecamatan (pdfinfo says it below)


@pytest.fixture(autouse=True)
def _real_work_in_open_windows(monkeypatch):
    """These windows stay open while pdfium draws pages and CUPS takes a job: on a loaded machine that is longer
    than the watch's 5 s for a dialog nobody answers. A stuck one is still caught, after 30 s."""
    from tests.helpers import messages

    monkeypatch.setattr(messages, "DIALOG_GRACE_S", 30.0)


def _reports_window(qtbot, window) -> ReportsWindow:
    window.menus.actions["reports"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportsWindow, "reportsWindow") is not None, timeout=WAIT_MS)
    return window.findChild(ReportsWindow, "reportsWindow")


def _last_month(station) -> date:
    first = station.services.clock.today().replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def test_the_preview_shows_the_pdfs_pages_and_the_keyboard_moves_and_zooms(qtbot, station_with_sim):
    st = station_with_sim
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")
    reports = _reports_window(qtbot, window)
    reports.resize(1366, 768)
    reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
    month = _last_month(st)
    reports.day.setDate(reports.day.date().addMonths(-1))
    reports.preview_button.click()
    view = reports.preview
    qtbot.waitUntil(lambda: view.page_count() > 0, timeout=WAIT_MS)

    assert int(pdf_info(view.data)["Pages"]) == view.page_count() == LAST_MONTH_RECAP
    assert "REKAP" in pdf_text(view.data) and month.strftime("%Y-%m") in reports.path.text()
    assert all(page.width() > page.height() for page in view.pages)  # the recap is landscape
    assert view.page_label.text() == "Halaman 1 dari 2"
    fitted = view.pages[0].width()
    assert fitted <= view.scroll.viewport().width()  # fit-width: no sideways scrolling
    save_screenshot(reports, "report-preview")
    assert clipped_labels(reports) == []

    view.scroll.setFocus()
    qtbot.keyClick(view.scroll, Qt.Key.Key_End)
    assert view.page_label.text() == "Halaman 2 dari 2"
    qtbot.keyClick(view.scroll, Qt.Key.Key_Home)
    assert view.page_label.text() == "Halaman 1 dari 2"
    qtbot.keyClick(view.scroll, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.pages[0].width() > fitted and view.fit.isEnabled()
    qtbot.keyClick(view.scroll, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.pages[0].width() == fitted
    reports.close()


def test_printing_sends_the_pages_on_a4_and_records_it(qtbot, station_with_sim, tmp_path):
    st = station_with_sim
    services = st.services
    made = services.reports.make(st.supervisor, services.stations.require(),
                                 ReportRequest("monthly", _last_month(st)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    pages = print_pdf(made.data, printer)

    printed = (tmp_path / "printed.pdf").read_bytes()
    info = pdf_info(printed)
    assert pages == int(info["Pages"]) == int(pdf_info(made.data)["Pages"])
    assert re.match(r"84[12](\.\d+)? x 595(\.\d+)? pts \(A4\)", info["Page size"])  # landscape A4, as the recap
    # The figures read back from what the printer got are the report's.
    source = pdf_text(made.data, layout=False).split()
    assert sorted(pdf_text(printed, layout=False).split()) == sorted(source)  # (read in another order)
    total = str(made.document.blocks[0].total[1])
    assert total in source


def test_the_office_printer_prints_the_report_and_card_printers_are_not_offered(qtbot, cups_queues,
                                                                              tmp_path):
    from desktop.devices import cups
    from tests.helpers.fixtures import make_station

    cups._lib().cupsSetServer(None)  # libcups reads $CUPS_SERVER again in this thread (Qt asks it here)
    st = make_station(tmp_path, printers=["spooler://kartu"])
    try:
        found = office_printers(st.services.stations.require())
        assert found.offered == ["a4"]  # the only queue that takes A4
        assert found.card_printers == ["kartu"] and "kartu-bleed" in found.no_a4

        window = open_window(qtbot, st)
        log_in(qtbot, window, "supervisor", "supervisor123")
        reports = _reports_window(qtbot, window)
        reports.preview_button.click()
        qtbot.waitUntil(reports.print_button.isEnabled, timeout=WAIT_MS)
        reports.print_button.click()
        qtbot.waitUntil(lambda: reports.findChild(PrintDialog) is not None, timeout=WAIT_MS)
        dialog = reports.findChild(PrintDialog)
        assert [dialog.printer.itemText(i) for i in range(dialog.printer.count())] == ["a4"]
        assert "Printer kartu tidak ditawarkan: kartu." in dialog.note.text()
        dialog.copies.setValue(2)
        dialog.go.click()
        qtbot.waitUntil(lambda: "dikirim ke printer a4" in reports.status.text(), timeout=WAIT_MS)
        assert not dialog.isVisible()

        out = cups_queues.output("a4")
        qtbot.waitUntil(lambda: out.exists() and pdf_info(out.read_bytes(), check=False).get("Pages") is not None,
                        timeout=WAIT_MS)
        assert "LAPORAN HARIAN" in pdf_text(out.read_bytes()) and "A4" in pdf_info(out.read_bytes())["Page size"]
        entry = AuditLog.select().order_by(AuditLog.seq.desc()).first()
        details = json.loads(entry.details)
        assert entry.action == "report.printed" and details["printer"] == "a4" and details["copies"] == 2
        assert details["sha256"] == hashlib.sha256(reports.made.data).hexdigest()
        reports.close()
    finally:
        st.services.close()
        cups._lib().cupsSetServer(None)


def test_the_archive_lists_reports_from_the_gui_and_the_command_line(qtbot, station_with_sim, tmp_path,
                                                                     monkeypatch):
    st = station_with_sim
    data_dir = st.services.data_dir
    with monkeypatch.context() as patch:  # the command line at the station's time (a later entry asks the clock)
        at = st.services.clock.now_local()
        patch.setattr("desktop.composition.Clock", lambda: FixedClock(at))
        from_cli = run_main(data_dir, "report", "destruction", "--user", "supervisor", "--out",
                            str(tmp_path / "ba.pdf"), KTP_MANDIRI_PASSWORD="supervisor123")
    assert from_cli.returncode == 0, from_cli.stderr
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")
    reports = _reports_window(qtbot, window)
    reports.kind.setCurrentIndex(reports.kind.findData("monthly"))
    reports.day.setDate(reports.day.date().addMonths(-1))
    reports.path.setText(str(tmp_path / "rekap.pdf"))
    reports.save_pdf.click()
    qtbot.waitUntil(lambda: "Laporan disimpan" in reports.status.text(), timeout=WAIT_MS)
    reports.kind.setCurrentIndex(reports.kind.findData("stock-notice"))
    reports.path.setText(str(tmp_path / "stok.csv"))
    reports.save_csv.click()
    qtbot.waitUntil(lambda: "stok.csv" in reports.status.text(), timeout=WAIT_MS)
    reports.close()

    window.menus.actions["report_archive"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportArchiveWindow, "reportArchiveWindow") is not None, timeout=WAIT_MS)
    archive = window.findChild(ReportArchiveWindow, "reportArchiveWindow")
    archive.resize(1366, 768)
    qtbot.waitUntil(lambda: archive.model.rowCount() == 3, timeout=WAIT_MS)
    rows = [[archive.model.index(r, c).data() for c in range(archive.model.columnCount())] for r in range(3)]
    # Newest first: the CSV notice, the recap, the CLI's berita acara; who, what, for when, where it went.
    assert rows[0][1].endswith("(CSV)") and rows[0][7] == str(tmp_path / "stok.csv")
    assert rows[1][2] == _last_month(st).strftime("%Y-%m") and rows[1][4] == "final" and rows[1][3] == "Pamulang"
    assert rows[2][1] == "Berita acara pemusnahan" and rows[2][4] == "SEMENTARA" and rows[2][5] == "supervisor"
    assert rows[2][7] == str(tmp_path / "ba.pdf") and rows[2][6].startswith("4")  # its nomor surat

    qtbot.waitUntil(lambda: archive.shown is not None and archive.shown.format == "csv", timeout=WAIT_MS)
    assert not archive.print_button.isEnabled() and "CSV" in archive.status.text()
    archive.table.setFocus()
    qtbot.keyClick(archive.table, Qt.Key.Key_Down)  # the recap: its pages, from the kept copy
    qtbot.waitUntil(lambda: archive.preview.page_count() == LAST_MONTH_RECAP, timeout=WAIT_MS)
    assert archive.preview.data == (tmp_path / "rekap.pdf").read_bytes()
    save_screenshot(archive, "report-archive")
    assert clipped_labels(archive) == []

    qtbot.keyClick(archive.table, Qt.Key.Key_Down)  # the CLI's: saved again as a copy, 0600, an audit entry
    qtbot.waitUntil(lambda: archive.preview.page_count() > 0 and archive.shown.kind == "destruction", timeout=WAIT_MS)
    archive.path.setText(str(tmp_path / "salinan.pdf"))
    archive.save_copy.click()
    qtbot.waitUntil(lambda: "Salinan disimpan" in archive.status.text(), timeout=WAIT_MS)
    copy = tmp_path / "salinan.pdf"
    assert copy.read_bytes() == (tmp_path / "ba.pdf").read_bytes() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert archive.model.rowCount() == 4
    kept = list((data_dir / "reports").iterdir())
    assert len(kept) == 3 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert stat.S_IMODE((data_dir / "reports").stat().st_mode) == 0o700

    # Printing: a report printed is an audit entry too, and is listed.
    archive.table.selectRow(2)  # the copy, the CSV, the recap, ...
    qtbot.waitUntil(lambda: archive.preview.page_count() > 0 and archive.shown.kind == "monthly", timeout=WAIT_MS)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    archive.printer.print_on(archive.shown, "PDF", 1, printer)
    qtbot.waitUntil(lambda: archive.model.rowCount() == 5, timeout=WAIT_MS)
    assert "dikirim ke printer PDF (2 halaman)" in archive.status.text()
    entry = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    details = json.loads(entry.details)
    assert entry.action == "report.printed" and details["kind"] == "monthly" and details["pages"] == LAST_MONTH_RECAP
    assert archive.model.index(0, 7).data() == "printer PDF"
    archive.close()


def test_a_changed_archive_copy_is_refused_and_an_operator_has_no_archive(qtbot, station_with_sim, tmp_path):
    st = station_with_sim
    services = st.services
    made = services.reports.make(st.supervisor, services.stations.require(),
                                 ReportRequest("daily", services.clock.today()))
    services.reports.save(st.supervisor, made, tmp_path / "harian.pdf")
    entry = services.reports.archived(st.supervisor)[0]
    kept = services.data_dir / "reports" / f"{entry.sha256}.pdf"
    kept.write_bytes(kept.read_bytes() + b"%")
    from desktop.errors import UserFacingError

    with pytest.raises(UserFacingError, match="sudah berubah"):
        services.reports.archived_copy(st.supervisor, entry)
    with pytest.raises(UserFacingError, match="supervisor|admin"):
        services.reports.archived(st.operator)

    window = open_window(qtbot, st)
    log_in(qtbot, window)  # an operator
    assert not window.menus.actions["report_archive"].isEnabled()
    window.menus.actions["report_archive"].trigger()
    assert window.findChild(ReportArchiveWindow) is None
