"""The regency mode (`ktp-mandiri --regency URL`, issue 18 item 2) against a real regency server: what it
refuses (station data, anything that prints, plain HTTP to another computer), the log-in with a one-time
password, the panel's figures against the API's, a decision with the right and a wrong password, the
roles, the idle lock, the keyboard walk, and screenshots at 1366x768 and 1920x1080 with no label cut off."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTableView

from desktop.regency.session import RegencySession
from desktop.ui import pages
from desktop.ui.regency.window import RegencyWindow
from server import registry
from server.db import connection
from server.models import QuotaRequest, Station
from tests.gui.test_counter import focused, press
from tests.gui.test_look import SCREENS, cut_texts, logical_size, settled
from tests.gui.test_visible_text import Walk, marked  # noqa: F401 - the marking translator's fixture
from tests.helpers.command_line import run_entry_point
from tests.helpers.dialogs import when_dialog
from tests.helpers.regency import ADMIN_PASSWORD, free_port
from tests.helpers.screenshots import save_screenshot
from tests.helpers.visible_text import CLOSE, problems
from tests.server.test_protocol import PAMULANG, SETU, call

WAIT_MS = 20_000
ROOT = Path(__file__).resolve().parents[2]
# What a regency desk must never load: the station's data, devices, printing and rendering.
PRINTING = ("desktop.devices", "desktop.store.db", "desktop.store.models", "desktop.store.journal", "peewee",
            "desktop.services", "desktop.render", "desktop.sync.service",
            "desktop.ui.printer_controller", "desktop.ui.pages.counter.page", "usb", "reportlab")


def _admin(regency, username: str = "kepala") -> str:
    regency.cli("admin", "create", username)
    return username


def _waiting_request(regency) -> str:
    from server.leases import today

    station, _code = registry.add_station("test", "Kantor Kecamatan Pamulang", [PAMULANG, SETU])
    ident = str(uuid.uuid4())
    with connection():
        QuotaRequest.create(id=ident, station=station["id"], kecamatan_code=PAMULANG, day=today(), daily_limit=180,
                            reason="antrean panjang", username="supervisor")
    return ident


def _busy_day(regency, expect_log) -> str:
    """A request waiting, blanko received (6,000 of 10,000) and allocated, a station suspended for an
    anomaly: the station's code."""
    from server import anomalies, blanko_ledger, leases
    from server.db import write_transaction

    expect_log("anomaly no_right")
    expect_log("suspended: no_right")
    _waiting_request(regency)
    leases.receive_blanko("test", 6000, "BA-2026-11", 10000, "PERURI-000001", "PERURI-006000")
    blanko_ledger.allocate("test", PAMULANG, 500, "kuota Desember")
    station, _code = registry.add_station("test", "Hub Setu loket 2", [SETU])
    with write_transaction():
        anomalies.record(Station.get_by_id(station["id"]), "no_right", event_id="ev-1", entity="card",
                         entity_id="c-1", event_at="2026-12-07T03:00:00Z", kecamatan=SETU)
    return station["code"]


def when(condition, act) -> None:
    """Call act() once condition() holds, polling on the event loop (usable inside a dialog's exec)."""

    def poll() -> None:
        if condition():
            act()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _request_state(ident: str) -> str:
    with connection():
        return QuotaRequest.get_by_id(ident).state


@pytest.fixture
def window(qtbot, regency):
    made = []

    def open_window(url: str | None = None, **kwargs) -> RegencyWindow:
        window = RegencyWindow(RegencySession(url or regency.url), interactive=False, **kwargs)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield open_window
    for window in made:
        window.shutdown()


def log_in(qtbot, window: RegencyWindow, username: str, password: str = ADMIN_PASSWORD) -> None:
    window.login_page.username.setText(username)
    window.login_page.password.setText(password)
    window.login_page.submit.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)


def open_page(qtbot, window: RegencyWindow, name: str):
    window.menus.actions[name].trigger()
    page = window.work_area.get(name)
    qtbot.waitUntil(lambda: page.isVisible() and not page._reading, timeout=WAIT_MS)
    return page


# --- the refusals -----------------------------------------------------------------------------------
def test_plain_http_to_another_computer_is_refused_in_one_sentence_before_anything_happens():
    done = run_entry_point(["--regency", "http://192.0.2.10:8000"])
    assert done.returncode == 1
    assert done.stderr.strip() == ("ktp-mandiri: Panel kabupaten hanya tersambung lewat https:// (http:// hanya ke "
                                   "komputer ini sendiri); http://192.0.2.10:8000 ditolak sebelum ada yang dikirim.")
    for local in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "https://10.1.1.1"):
        assert RegencySession(local).url == local


def test_the_regency_mode_opens_no_station_data_and_loads_nothing_that_prints(regency, tmp_path):
    """In a process of its own (this one has loaded the station long ago): the application started with
    --regency, then every regency page opened after a log-in; the data folder is never made."""
    user = _admin(regency)
    home = tmp_path / "home"
    home.mkdir()
    script = textwrap.dedent(f"""
        import json, sys
        from desktop.app import main
        started = main(["--regency", {regency.url!r}, "--exit-when-ready"])
        from PySide6.QtWidgets import QApplication
        from desktop.regency.session import RegencySession
        from desktop.ui import pages
        from desktop.ui.regency.window import RegencyWindow
        session = RegencySession({regency.url!r})
        window = RegencyWindow(session, interactive=False)
        window._show_work(session.log_in({user!r}, {ADMIN_PASSWORD!r}))
        for page in pages.pages(pages.REGENCY, pages.WORK_AREA):
            window.open_entry(page)
            window.runner.wait_idle()
            QApplication.processEvents()
        opened = sorted(window.work_area.open_pages)
        window.shutdown()
        print(json.dumps({{"started": started, "opened": opened, "modules": sorted(sys.modules)}}))
    """)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "APPDATA": str(home / "app"),
           "KTP_MANDIRI_DATA": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["started"] == 0
    assert seen["opened"] == ["regency_anomalies", "regency_blanko", "regency_panel", "regency_quotas",
                              "regency_reports", "regency_requests"]
    assert [m for m in seen["modules"] if m.startswith(PRINTING)] == []
    assert not (tmp_path / "data").exists()
    assert [p.relative_to(home) for p in home.rglob("*") if "ktp" in p.name.lower()] == []


def test_regency_with_a_data_folder_is_refused():
    done = run_entry_point(["--regency", "https://kabupaten.example", "--data-dir", "/tmp/x"])
    assert (done.returncode, "tanpa data stasiun" in done.stderr) == (1, True)


# --- signing in -------------------------------------------------------------------------------------
def test_an_unreachable_server_is_one_sentence_on_the_log_in_page(qtbot, window):
    port = free_port()
    win = window(f"http://127.0.0.1:{port}")
    win.login_page.username.setText("kepala")
    win.login_page.password.setText("x")
    win.login_page.submit.click()
    qtbot.waitUntil(lambda: win.login_page.error.isVisible(), timeout=WAIT_MS)
    assert win.login_page.error.text() == ("Server kabupaten 127.0.0.1 tidak dapat dihubungi; angka terakhir tetap "
                                           "tampil dan dicoba lagi sebentar lagi.")
    assert win.session.client.token is None


def test_a_wrong_password_is_refused_and_a_one_time_password_is_changed_first(qtbot, regency, window, expect_log):
    expect_log("server refused")
    user = _admin(regency)
    done = regency.cli("admin", "reset", user)
    one_time = re.search(r"sekali pakai admin \S+: (\S+)", done.stdout).group(1)
    win = window()
    win.login_page.username.setText(user)
    win.login_page.password.setText("bukan-sandinya")
    win.login_page.submit.click()
    qtbot.waitUntil(lambda: win.login_page.error.isVisible(), timeout=WAIT_MS)
    assert win.stack.currentWidget() is win.login_page

    def change(dialog) -> None:
        assert dialog.findChild(QDialog) is None
        dialog.old.setText(one_time)
        dialog.new.setText("sandi-baru-kabupaten-1")
        dialog.repeat.setText("sandi-baru-kabupaten-1")
        dialog.buttons.accepted.emit()

    when_dialog("regencyPasswordDialog", change)
    log_in(qtbot, win, user, one_time)
    assert win.user.username == user and not win.user.must_change_password
    status, _reply = call(regency.url + "/v1/admin/login", "POST", {"username": user,
                                                                    "password": "sandi-baru-kabupaten-1"})
    assert status == 200


# --- deciding ---------------------------------------------------------------------------------------
def test_a_quota_request_is_approved_with_the_password_again_and_a_wrong_one_decides_nothing(
        qtbot, regency, window, expect_log):
    expect_log("server refused (403 reauth_failed)")
    user = _admin(regency)
    ident = _waiting_request(regency)
    win = window()
    log_in(qtbot, win, user)
    page = open_page(qtbot, win, "regency_requests")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.model.rows[0][:5] == [page.requests[0]["station"], PAMULANG, page.requests[0]["day"], "180",
                                      "antrean panjang"]
    page.view.selectRow(0)
    seen = []

    def wrong_then_right(dialog) -> None:
        seen.append(dialog.findChild(type(dialog.error), "decisionText").text())
        dialog.password.setText("salah-sandi")
        dialog.buttons.accepted.emit()

        def then_right() -> None:
            seen.append(dialog.error.text())
            assert _request_state(ident) == "pending"
            dialog.password.setText(ADMIN_PASSWORD)
            dialog.buttons.accepted.emit()

        when(dialog.error.isVisible, then_right)  # the server's refusal, in the dialog

    when_dialog("quotaDecisionDialog", wrong_then_right)
    page.approve.click()
    assert seen[0].startswith("Setujui kuota 180 untuk kecamatan 36.74.06 pada ")
    assert seen[1] == "Kata sandi salah: keputusan ini tidak dijalankan."
    assert _request_state(ident) == "approved"
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT_MS)  # read again after the change


def test_blanko_from_the_centre_are_received_with_the_password_and_listed_with_the_box_range(
        qtbot, regency, window):
    user = _admin(regency)
    win = window()
    log_in(qtbot, win, user)
    page = open_page(qtbot, win, "regency_blanko")

    def fill(dialog) -> None:
        dialog.quantity.setValue(6000)
        dialog.requested.setValue(10000)
        dialog.batch.setText("BA-2026-11")
        dialog.box_first.setText("PERURI-000001")
        dialog.box_last.setText("PERURI-006000")
        dialog.password.setText(ADMIN_PASSWORD)
        dialog.buttons.accepted.emit()

    when_dialog("regencyReceiptDialog", fill)
    page.receive.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = page.model.rows[0]
    assert row[1:4] == ["diterima dari pusat", "kabupaten", QLocale().toString(6000)]
    assert row[5] == "KAB-00000001 – KAB-00006000"
    assert "diterima 6000 dari 10000 yang diminta; seri kotak PERURI-000001 s.d. PERURI-006000" in row[7]
    assert f"diterima dari pusat {QLocale().toString(6000)}" in page.balances.text()


def test_a_suspension_is_seen_and_lifted_by_a_regency_admin(qtbot, regency, window, expect_log):
    user = _admin(regency)
    code = _busy_day(regency, expect_log)
    win = window()
    log_in(qtbot, win, user)
    page = open_page(qtbot, win, "regency_anomalies")
    assert [r[0] for r in page.suspended_model.rows] == [f"Hub Setu loket 2 ({code})"]
    assert page.anomalies.rows[0][2:4] == ["no_right", SETU]
    page.suspended_view.selectRow(0)

    def confirm(dialog) -> None:
        dialog.password.setText(ADMIN_PASSWORD)
        dialog.buttons.accepted.emit()

    when_dialog("resumeDialog", confirm)
    page.resume.click()
    qtbot.waitUntil(lambda: page.suspended_model.rowCount() == 0, timeout=WAIT_MS)
    with connection():
        assert Station.get(Station.code == code).suspended_at is None


# --- the panel --------------------------------------------------------------------------------------
def test_the_panel_shows_the_servers_figures(qtbot, regency, window):
    user = _admin(regency)
    _waiting_request(regency)
    win = window()
    log_in(qtbot, win, user)
    page = win.work_area.get("regency_panel")
    qtbot.waitUntil(lambda: page.figures is not None, timeout=WAIT_MS)
    token = win.session.client.token
    status, api = call(regency.url + "/v1/admin/panel", token=token)
    assert status == 200, api
    shown = {row[0]: row for row in page.kecamatan.rows}
    for row in api["kecamatan"]:
        cells = shown[f"{row['name']} ({row['code']})" if row["name"] else row["code"]]
        assert [int(c.replace(".", "")) for c in (cells[2], cells[3], cells[4], cells[8])] == [
            row["quota"], row["printed"], row["rights_held"], row["blanko_in_stock"]]
        assert cells[1] == {"green": "HIJAU", "amber": "KUNING", "red": "MERAH"}[row["state"]]
    assert len(page.stations.rows) == len(api["stations"]) == 1
    assert f"{api['quota_requests_waiting']} permintaan kuota menunggu" in page.summary.text()
    assert page.updated.text().startswith("Per ")


def test_a_supervisor_sees_no_admin_action(qtbot, regency, window):
    _admin(regency)  # the first account is a regency admin
    _waiting_request(regency)
    regency.cli("admin", "create", "pengawas", "--role", "regency_supervisor")
    win = window()
    log_in(qtbot, win, "pengawas")
    assert (win.user.role, win.header.who.text()) == ("regency_supervisor", "pengawas (supervisor kabupaten)")
    hidden = {}
    for name in ("regency_requests", "regency_quotas", "regency_blanko", "regency_anomalies"):
        page = open_page(qtbot, win, name)
        hidden[name] = sorted(b.objectName() for b in page.findChildren(type(win.header.logout))
                              if not b.isVisibleTo(page))
    assert hidden == {"regency_requests": [], "regency_quotas": ["changeStandingQuota"],
                      "regency_blanko": ["regencyAllocate", "regencyReceive"], "regency_anomalies": ["resumeStation"]}
    requests = win.work_area.get("regency_requests")
    assert requests.model.rowCount() == 1  # a supervisor decides quota requests


def test_the_idle_lock_asks_the_password_checked_at_the_server(qtbot, regency, window, expect_log):
    expect_log("server refused")
    user = _admin(regency)
    win = window()
    log_in(qtbot, win, user)
    win.screen_lock.lock()
    assert win.screen_lock.locked and not win.menuBar().isEnabled()
    win.screen_lock.page.password.setText("salah")
    win.screen_lock.page.unlock.click()
    qtbot.waitUntil(lambda: win.screen_lock.page.error.isVisible(), timeout=WAIT_MS)
    assert win.screen_lock.locked
    win.screen_lock.page.password.setText(ADMIN_PASSWORD)
    win.screen_lock.page.unlock.click()
    qtbot.waitUntil(lambda: not win.screen_lock.locked, timeout=WAIT_MS)


def test_a_server_that_goes_away_is_one_sentence_on_the_page(qtbot, regency, window):
    user = _admin(regency)
    win = window()
    log_in(qtbot, win, user)
    page = win.work_area.get("regency_panel")
    qtbot.waitUntil(lambda: page.figures is not None, timeout=WAIT_MS)
    regency.stop()
    page.refresh()
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=WAIT_MS)
    assert page.problem.text().startswith("Server kabupaten 127.0.0.1 tidak dapat dihubungi")
    assert page.figures is not None  # what was shown stays


# --- the keyboard and the screen --------------------------------------------------------------------
def test_tab_walks_the_panel_and_enter_sends_a_decision(qtbot, regency, window):
    user = _admin(regency)
    ident = _waiting_request(regency)
    win = window()
    log_in(qtbot, win, user)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=WAIT_MS)
    page = win.work_area.get("regency_panel")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tabs.tabBar(), timeout=WAIT_MS)
    press(Qt.Key.Key_Tab)
    assert focused() == "regencyKecamatanTable"
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    requests = open_page(qtbot, win, "regency_requests")
    qtbot.waitUntil(lambda: requests.model.rowCount() == 1, timeout=WAIT_MS)
    requests.view.setFocus()
    press(Qt.Key.Key_Down)
    order = []
    for _ in range(2):
        press(Qt.Key.Key_Tab)
        order.append(focused())
    assert order == ["approveRequest", "denyRequest"]
    walked = []

    def type_and_enter(dialog) -> None:
        walked.append(focused())
        press(Qt.Key.Key_Tab)  # the password is the only field: Tab goes on to OK
        walked.append(type(QApplication.focusWidget()).__name__)
        dialog.password.setFocus()
        for key in ADMIN_PASSWORD:
            QApplication.focusWidget().insert(key)
        press(Qt.Key.Key_Return)

    def active(dialog) -> None:  # once the dialog has the keyboard (the window system gives it a moment)
        dialog.activateWindow()
        when(lambda: QApplication.activeWindow() is dialog and QApplication.focusWidget() is not None,
             lambda: type_and_enter(dialog))

    when_dialog("quotaDecisionDialog", active)
    press(Qt.Key.Key_Space)  # the focused "Tolak…" button
    assert walked == ["reauthPassword", "QPushButton"]
    assert _request_state(ident) == "refused"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screenshots_without_a_label_cut_off(qtbot, regency, window, screen, expect_log):
    """At the four sizes of docs/ui-style.md (a scale at its logical size, tests/gui/test_look.py)."""
    size = logical_size(screen)
    user = _admin(regency)
    _busy_day(regency, expect_log)
    win = window()
    win.resize(*size)
    qtbot.waitUntil(lambda: win.width() == size[0], timeout=WAIT_MS)
    save_screenshot(win, f"regency-login-{screen}")
    log_in(qtbot, win, user)
    for entry in pages.pages(pages.REGENCY, pages.WORK_AREA):
        page = open_page(qtbot, win, entry.name)
        tabs = getattr(page, "tabs", None)
        for tab in range(tabs.count() if tabs else 1):
            if tabs:
                tabs.setCurrentIndex(tab)
                if tabs.currentWidget() is page.chart_tab:
                    qtbot.waitUntil(lambda page=page: page.chart is not None and len(page.chart.points) > 0,
                                    timeout=WAIT_MS)
            settled(qtbot, win)
            assert cut_texts(win) == [], f"{entry.name} {tab}"
            assert win.width() == size[0], f"{entry.name} {tab}: wider than the screen"
            save_screenshot(win, f"regency-{entry.name}-{tab}-{screen}")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.usefixtures("marked")
def test_every_regency_page_and_dialog_shows_only_catalogued_indonesian(qtbot, regency, window, expect_log):
    """The walk of tests/gui/test_visible_text.py over the regency window: what the server says (names,
    its sentences, rule codes) is data; everything else comes from a catalogue."""
    user = _admin(regency)
    _busy_day(regency, expect_log)
    win = window()
    walk = Walk(qtbot, win)
    walk.look()  # the log-in page
    log_in(qtbot, win, user)
    token = win.session.client.token
    data = [win.session.url, user, "KTP-el Mandiri", "KAB"]
    for path in ("/v1/admin/panel", "/v1/admin/quota-requests", "/v1/admin/anomalies", "/v1/admin/ledger",
                 "/v1/admin/ledger/balances"):
        data += _strings(call(regency.url + path, token=token)[1])
    for entry in pages.pages(pages.REGENCY, pages.WORK_AREA):
        page = open_page(qtbot, win, entry.name)
        for table in page.findChildren(QTableView):
            if table.model().rowCount():
                table.selectRow(0)
        for tab in range(page.tabs.count()) if hasattr(page, "tabs") else [0]:
            if hasattr(page, "tabs"):
                page.tabs.setCurrentIndex(tab)
            walk.look()
        for button in page.findChildren(QPushButton):
            if button.isVisible() and button.isEnabled() and button.text().replace(CLOSE, "").endswith("…"):
                walk.through_dialogs(button.click)
    for action in walk.menu_actions():
        if action.menu() is None and action.text().replace(CLOSE, "").endswith("…"):
            walk.through_dialogs(action.trigger)
    walk.through_dialogs(lambda: win.menus.actions["regency_password"].trigger())
    data.append(win.work_area.get("regency_reports").path.text())  # the file the report is saved as
    assert {"quotaDecisionDialog", "standingQuotaDialog", "regencyReceiptDialog", "allocationDialog", "resumeDialog",
            "regencyPasswordDialog"} <= set(walk.catcher.names), walk.catcher.names
    found = problems(walk.seen, data)
    assert found == [], "\n".join(found)


def test_the_standing_quotas_page_lists_the_servers_quotas_and_the_new_figure_after_a_change(
        qtbot, regency, window):
    from datetime import timedelta

    from server.db import write_transaction
    from server.leases import today

    user = _admin(regency)
    registry.add_station("test", "Kantor Kecamatan Pamulang", [PAMULANG, SETU])
    registry.set_quota("test", PAMULANG, 40)
    later = today() + timedelta(days=2)
    with connection(), write_transaction():
        registry.grant_day_quota(SETU, later, 150, "pelayanan malam", None)
    win = window()
    log_in(qtbot, win, user)
    page = open_page(qtbot, win, "regency_quotas")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    number = QLocale().toString
    listed = call(regency.url + "/v1/admin/quotas", headers={"Authorization": f"Bearer {win.session.client.token}"})[1]
    assert page.model.rows == [[PAMULANG, "Pamulang", number(40), "tidak ada"],
                               [SETU, "Setu", number(listed["default"]), f"{later.isoformat()}: {number(150)} "
                                                                         "(pelayanan malam)"]]
    page.view.selectRow(0)

    def change(dialog) -> None:
        assert dialog.limit.value() == 40
        dialog.limit.setValue(65)
        dialog.password.setText(ADMIN_PASSWORD)
        dialog.buttons.accepted.emit()

    when_dialog("standingQuotaDialog", change)
    page.change.click()
    qtbot.waitUntil(lambda: page.model.rows[0][2] == number(65), timeout=WAIT_MS)  # read again after the change


def test_the_reports_page_saves_what_the_server_makes_privately(qtbot, regency, window, tmp_path, expect_log):
    from datetime import timedelta
    from stat import S_IMODE

    from server.leases import today
    from tests.server.test_regency_reports import add_cards, add_station

    user = _admin(regency)
    day = today() - timedelta(days=1)
    with connection():
        add_cards(add_station("Loket Pamulang", [PAMULANG]), PAMULANG, day, 4)
    win = window()
    log_in(qtbot, win, user)
    page = open_page(qtbot, win, "regency_reports")
    qtbot.waitUntil(lambda: page.kecamatan.findData(PAMULANG) > 0, timeout=WAIT_MS)
    page.kind.setCurrentIndex(page.kind.findData("daily"))
    page.day.setDate(day)
    page.kecamatan.setCurrentIndex(page.kecamatan.findData(PAMULANG))
    page.path.setText(str(tmp_path / "x.pdf"))
    page.follow_choice()
    assert page.path.text() == str(tmp_path / f"daily-{PAMULANG}-{day.isoformat()}.pdf")
    page.save_csv.click()
    saved = tmp_path / f"daily-{PAMULANG}-{day.isoformat()}.csv"
    qtbot.waitUntil(lambda: page.status.text().startswith("Laporan disimpan"), timeout=WAIT_MS)
    assert S_IMODE(saved.stat().st_mode) == 0o600
    assert "KTP-el dicetak (semua stasiun);4" in saved.read_text("utf-8-sig")
    page.kecamatan.setCurrentIndex(0)  # a daily report of the whole regency: the server's sentence
    expect_log("server refused (422 invalid)")
    page.save_pdf.click()
    qtbot.waitUntil(lambda: "satu kecamatan" in page.status.text(), timeout=WAIT_MS)
    save_screenshot(win, "regency-reports-page")
