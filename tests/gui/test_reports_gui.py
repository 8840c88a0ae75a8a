"""The reports window (Supervisor > Laporan…) and the admin's letterhead window: a report previewed as the paper
reads and saved 0600 (an audit entry); the settings saved; screenshots with no label cut off."""

from __future__ import annotations

import stat

from PIL import Image

from desktop.store.models import AuditLog
from desktop.ui.pages.reports.page import ReportsWindow
from desktop.ui.pages.reports.settings import ReportSettingsWindow
from tests.gui.test_operator_day import WAIT_MS, log_in, open_window
from tests.helpers.fixtures import destroy_spoiled, write_off
from tests.helpers.reports import pdf_text
from tests.helpers.screenshots import clipped_labels, save_screenshot

WITNESSES = [("Ani Lestari", "198001012005012001"), ("Budi Santoso", "197905052003121002")]


def test_a_supervisor_previews_and_saves_reports(qtbot, station_with_sim, tmp_path):
    st = station_with_sim
    sid = st.services.stations.require().id
    serial = write_off(st, sid, "damaged")
    destroy_spoiled(st, sid, WITNESSES)
    window = open_window(qtbot, st)
    log_in(qtbot, window, "supervisor", "supervisor123")
    window.menus.actions["reports"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportsWindow, "reportsWindow") is not None, timeout=WAIT_MS)
    reports = window.findChild(ReportsWindow, "reportsWindow")
    assert reports.preview.page_count() == 0 and not reports.print_button.isEnabled()  # made when asked for
    reports.preview_button.click()
    qtbot.waitUntil(lambda: reports.preview.page_count() > 0, timeout=WAIT_MS)
    shown = pdf_text(reports.preview.data)
    assert "LAPORAN HARIAN" in shown and "SEMENTARA" in shown and "SEMENTARA" in reports.status.text()
    assert reports.kecamatan.isEnabled() and reports.print_button.isEnabled()

    reports.kind.setCurrentIndex(reports.kind.findData("destruction"))
    assert reports.preview.page_count() == 0 and reports.path.text().rsplit("/", 1)[-1].startswith("destruction-")
    reports.preview_button.click()
    qtbot.waitUntil(lambda: reports.preview.page_count() > 0, timeout=WAIT_MS)
    shown = pdf_text(reports.preview.data)
    assert "BERITA ACARA" in shown and serial in shown and "Ani Lestari" in shown
    assert not reports.kecamatan.isEnabled()
    save_screenshot(reports, "reports-window")
    assert clipped_labels(reports) == []

    reports.path.setText(str(tmp_path / "ba.pdf"))
    reports.save_pdf.click()
    qtbot.waitUntil(lambda: "Laporan disimpan" in reports.status.text(), timeout=WAIT_MS)
    saved = tmp_path / "ba.pdf"
    assert saved.read_bytes().startswith(b"%PDF") and stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert AuditLog.select().order_by(AuditLog.seq.desc()).first().action == "report.made"
    reports.close()
    window.menus.actions["reports"].trigger()  # opened again: the same window, its choices kept
    qtbot.waitUntil(reports.isVisible, timeout=WAIT_MS)
    assert window.findChildren(ReportsWindow) == [reports] and reports.kind.currentData() == "destruction"
    assert reports.preview.page_count() == 0  # an earlier preview may be out of date
    reports.close()


def test_an_admin_sets_the_letterhead_and_signers(qtbot, station_with_sim, tmp_path):
    st = station_with_sim
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), "#204080").save(logo)
    window = open_window(qtbot, st)
    log_in(qtbot, window, "admin", "admin12345")
    window.menus.actions["report_settings"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportSettingsWindow, "reportSettingsWindow") is not None,
                    timeout=WAIT_MS)
    dialog = window.findChild(ReportSettingsWindow, "reportSettingsWindow")
    qtbot.waitUntil(lambda: dialog.fields["number_pattern"].text() != "", timeout=WAIT_MS)
    dialog.fields["office"].setText("Kecamatan Pamulang")
    title, name, nip = dialog.signers[0]
    title.setText("Camat Pamulang")
    name.setText("Drs. Ahmad Fauzi")
    nip.setText("12345")
    dialog.set_logo_file(logo)
    save_screenshot(dialog, "report-settings-window")
    assert clipped_labels(dialog) == []

    dialog.save()  # a NIP that is not 18 digits: said in the window, what was typed kept
    qtbot.waitUntil(lambda: "18 angka" in dialog.error.text(), timeout=WAIT_MS)
    assert name.text() == "Drs. Ahmad Fauzi"
    nip.setText("197001011990031001")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.save()

    current = st.services.report_settings.read()
    assert current.office == "Kecamatan Pamulang" and current.logo_png
    assert [(s.title, s.name, s.nip) for s in current.signers] == [
        ("Camat Pamulang", "Drs. Ahmad Fauzi", "197001011990031001")]
