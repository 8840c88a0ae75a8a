"""Every page and dialog, walked offscreen in Bahasa Indonesia: no visible string that is not Indonesian
from a catalogue.

The walk opens every action of the menu bar (so a dialog added later is covered without touching this
test), every "…" button inside those dialogs, and the pages and message boxes of an operator's day:
log-in, first run, an empty page, a citizen ready to print, a printed card, a refused citizen, a
printer jam, a printer fault, an interrupted print, log-out. What it reads: window titles, labels,
buttons, fields and their placeholders, combo items, table headers and cells, menus, tooltips, the
context menus of text fields, and the accessible description of custom-painted widgets.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout

from desktop.devices.registry import discover, open_printer, simulator_for
from desktop.domain.card import SEX_LABELS
from desktop.domain.record_status import STATUSES
from desktop.services.issuance import PrintRequest
from desktop.store.models import Blanko, PrinterConfig, Station, User
from desktop.ui.main_window import MainWindow
from tests.gui.test_operator_day import WAIT_MS, choose_reason, confirm_documents, verify
from tests.helpers.fixtures import add_resident, make_station
from tests.helpers.usb_fake import confirm_readings
from tests.helpers.visible_text import (
    CLOSE,
    OPEN,
    context_menu_texts,
    install,
    named_buttons_missing,
    problems,
    visible_texts,
)


@pytest.fixture
def marked(qapp):
    """Indonesian as the app runs it, with every catalogued string marked."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    translator = install(qapp)
    yield translator
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def plain(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "").replace("&", "")


class DialogCatcher:
    """While on, each dialog that appears is read, the dialogs its "…" buttons open are read too, and
    then it is closed the way a person backs out (Escape, Batal). Polls on a timer, so it also works
    inside a dialog's own event loop (exec)."""

    def __init__(self, read) -> None:
        self.read = read
        self.handled: list[QDialog] = []
        self.names: list[str] = []  # of every dialog read, in order
        self.opened = 0
        self.on = False
        self.keep_on = False  # stop() leaves it on: dialogs that come at any time are caught too

    def start(self) -> None:
        if not self.on:
            self.on = True
            QTimer.singleShot(20, self._poll)

    def stop(self) -> None:
        self.on = self.keep_on

    def visible(self) -> list[QDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    def _poll(self) -> None:
        if not self.on:
            return
        QTimer.singleShot(20, self._poll)  # first: a click below may run a nested dialog's event loop
        showing = self.visible()
        new = [d for d in showing if d not in self.handled]
        if new:
            dialog = new[0]
            self.handled.append(dialog)
            self.names.append(dialog.objectName() or type(dialog).__name__)
            self.opened += 1
            self.read(dialog)
            for button in dialog.findChildren(QPushButton):
                if button.isVisible() and button.isEnabled() and plain(button.text()).endswith(("…", "...")):
                    button.click()
            return
        for dialog in reversed(self.handled):
            if dialog in showing:
                _back_out(dialog)
                return

    @property
    def idle(self) -> bool:
        return not self.visible()


def _back_out(dialog: QDialog) -> None:
    if isinstance(dialog, QMessageBox) and dialog.escapeButton() is not None:
        dialog.escapeButton().click()
    else:
        dialog.reject()


class Walk:
    def __init__(self, qtbot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.seen = []
        self.button_problems: list[str] = []
        self.catcher = DialogCatcher(self.look)

    def look(self, root: QWidget | None = None) -> None:
        root = root or self.window
        texts = visible_texts(root)
        self.seen += texts
        buttons = {plain(b.text()) for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)}
        self.button_problems += named_buttons_missing(texts, buttons)
        for widget in root.findChildren(QLineEdit) + root.findChildren(QAbstractSpinBox):
            if widget.isVisibleTo(root) and not isinstance(widget.parentWidget(), QAbstractSpinBox):
                self.seen += context_menu_texts(widget)

    def through_dialogs(self, action, timeout: int = 3000, expect: str | None = None) -> None:
        """Run something that may open dialogs; read and close each of them (and wait for the dialog
        named `expect`, which may come after others: e.g. the question a job change raises later)."""
        opened = self.catcher.opened
        self.catcher.start()
        try:
            action()
            with contextlib.suppress(WaitTimeout):  # some actions open no dialog (the screen lock)
                self.qtbot.waitUntil(lambda: self.catcher.opened > opened, timeout=timeout)
            if expect is not None:
                self.qtbot.waitUntil(lambda: expect in self.catcher.names, timeout=WAIT_MS)
            self.qtbot.waitUntil(lambda: self.catcher.idle, timeout=WAIT_MS)
        finally:
            self.catcher.stop()

    def menu_actions(self):
        """Every enabled action of the menu bar, those that open a dialog ("…") first."""
        found = []

        def walk(menu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif not action.isSeparator():
                    found.append(action)

        for top in self.window.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu())
        return sorted((a for a in found if a.isEnabled()), key=lambda a: not plain(a.text()).endswith("…"))


def open_window(qtbot, station) -> MainWindow:
    from desktop.services.demo import DemoCredentials

    window = MainWindow(station.services, poll_printers=False,
                        demo_credentials=[DemoCredentials("admin", "admin12345", "admin")])
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.resize(1366, 700)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    return window


def log_in(qtbot, window: MainWindow, walk: Walk) -> None:
    qtbot.keyClicks(window.login_page.username, "admin")
    qtbot.keyClicks(window.login_page.password, "admin12345")
    # An interrupted print is asked about at log-in: read that question too.
    walk.through_dialogs(lambda: qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(window.printers.statuses), timeout=WAIT_MS)


def data_values(station, extra: list[str]) -> list[str]:
    """What the walk itself put on screen as data: residents, users, the station, printers, dates."""
    values = list(extra)
    services = station.services
    from desktop.store.models import Resident

    for row in Resident.select(Resident.nik):
        view = services.residents.find(row.nik)
        values += [v for v in vars(view).values() if isinstance(v, str)]
    values += [u.full_name for u in User.select()] + [u.username for u in User.select()]
    values += [s.name for s in Station.select()]
    values += [b.serial for b in Blanko.select(Blanko.serial)]  # the ledger's rows, the panel's jobs waiting
    values += [p.name for p in PrinterConfig.select()] + [p.uri for p in PrinterConfig.select()]
    for code in services.stations.require().served:
        values.append(services.regions.name(code) or "")
    values += list(SEX_LABELS.values()) + [s.short for s in STATUSES.values()]
    for uri in services.stations.require().printers:  # what each printer says it is
        with open_printer(uri) as printer:
            identity = printer.identity()
        values += [identity.model, identity.serial, identity.firmware]
    for found in discover():  # what the printer page's "Tambah printer…" lists: the devices' own words
        values += [found.uri, found.model, unquote(found.uri.partition("://")[2])]
    # The reports window's file (a path in the home folder) and the nomor surat's pattern (issue 22).
    from desktop.services.reports import ReportRequest
    from desktop.settings import REPORT_NUMBER

    own = services.stations.require().kecamatan_code
    values += [str(Path.home() / ReportRequest("daily", services.clock.today(), own).file_name()),
               REPORT_NUMBER.get()]
    values.append(str(Path.home()))  # the Supervisor menu's backup and support bundle: the folder at first
    locale = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    for fmt in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        values += [locale.dayName(d, fmt) for d in range(1, 8)] + [locale.monthName(m, fmt) for m in range(1, 13)]
    return values


def test_every_page_and_dialog_shows_only_catalogued_indonesian(qtbot, marked, tmp_path, expect_message, expect_log):
    expect_message("Kartu macet di printer.")  # the jammed card, cancelled: the bar says so
    for logged in ("NACK T", ": jam", "disconnected", "could not list the OS printers"):
        expect_log(logged)
    from desktop.devices.simulator import forget_simulators

    sim = "sim://teks-walk"
    station = make_station(tmp_path, printers=[sim])
    confirm_readings(station.services.data_dir, sim)  # "ERR CARD" confirmed: the jam spoils, then asks
    try:
        ready = add_resident(serial=1, name="SITI RAHMAWATI")
        printed = add_resident(serial=2, name="BUDI SANTOSO", sex="L")
        jammed = add_resident(serial=3, name="ANI LESTARI")
        add_resident(serial=4, name="DEDI KURNIAWAN", sex="L", status="SENT_FOR_ENROLLMENT")
        interrupted = add_resident(serial=5, name="EKA PUTRI")
        services = station.services
        with open_printer(sim) as printer:
            services.issuance.print_card(station.operator, PrintRequest(printed, "baru", frozenset({"kk"})), printer)
        # A print the application was killed in, asked about at the next log-in.
        crashed = services.issuance.prepare(station.operator, PrintRequest(interrupted, "baru", frozenset({"kk"})),
                                            "sim://hilang")
        services.issuance.set_state(crashed.job_id, "printing")

        window = open_window(qtbot, station)
        walk = Walk(qtbot, window)
        walk.look()  # the log-in page
        log_in(qtbot, window, walk)
        walk.look()  # the empty work page, header and menus
        page = window.counter_page

        verify(qtbot, window, ready)
        choose_reason(window, "hilang")
        qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
        walk.look()  # a citizen with the documents to confirm
        confirm_documents(qtbot, window)
        qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.printing and bool(page.queue.rows), timeout=WAIT_MS)
        walk.look()  # a printed card in the queue

        verify(qtbot, window, printed)  # already printed today: refused
        qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
        walk.look()

        simulator_for(sim).set_faults("jam")
        verify(qtbot, window, jammed)
        choose_reason(window, "baru")
        confirm_documents(qtbot, window)
        qtbot.waitUntil(page.print_button.isEnabled, timeout=WAIT_MS)
        # The jam's retry question, then (the job's outcome is uncertain) the supervisor's question.
        walk.through_dialogs(lambda: qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton),
                             timeout=WAIT_MS, expect="recoveryDialog")
        qtbot.waitUntil(lambda: not page.printing, timeout=WAIT_MS)
        walk.look()  # the failed job in the queue
        # From here on the uncertain job is asked about again at any change of jobs, whenever its
        # check comes back: the catcher stays on to the end and reads and answers each question.
        walk.catcher.keep_on = True
        simulator_for(sim).unplug()

        def unplugged_seen() -> bool:
            window.printers.refresh()  # (skipped while a poll is still out)
            return window.printers.statuses[sim].fault is not None

        qtbot.waitUntil(unplugged_seen, timeout=WAIT_MS)
        walk.look()  # the printer's fault under the print button
        simulator_for(sim).clear_faults()
        simulator_for(sim).set_faults("no_card@3,cleaning")  # armed, shown on the printer page
        for action in walk.menu_actions():
            walk.through_dialogs(action.trigger)
            walk.look()

        if window.screen_lock.locked:  # the menu's "Kunci layar": its page was read; unlock
            lock_page = window.stack.currentWidget()
            qtbot.keyClicks(lock_page.password, "admin12345")
            qtbot.keyClick(lock_page.password, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
        verify(qtbot, window, ready)
        walk.through_dialogs(window.logout, expect="logoutDialog")  # a citizen on the page: log-out asks first
        # A job check still out (the unfinished job is asked about at any change of jobs) comes back, and
        # its question is caught, before the walk ends.
        qtbot.waitUntil(lambda: window.runner.pending == 0 and walk.catcher.idle, timeout=WAIT_MS)

        texts = walk.seen
        assert len(texts) > 150, len(texts)  # the walk really read the pages
        opened = set(walk.catcher.names)
        assert {"recoveryDialog", "faultDialog", "logoutDialog", "printerDialog", "addPrinterDialog", "quotaDialog",
                "blankoDialog"} <= opened, opened
        extra = [sim.removeprefix("sim://"), "KTP-el Mandiri", "admin12345"]
        found = problems(texts, data_values(station, extra))
        assert found == [], "\n".join(found)
        # Messages name only buttons that exist where they are shown.
        assert walk.button_problems == [], "\n".join(walk.button_problems)
    finally:
        station.services.close()
        forget_simulators()


def test_first_run_page_shows_only_catalogued_indonesian(qtbot, marked, tmp_path):
    from argon2 import PasswordHasher

    from desktop.clock import FixedClock
    from desktop.composition import build_services
    from tests.helpers.fixtures import OFFICE_MORNING

    services = build_services(tmp_path / "fresh", clock=FixedClock(OFFICE_MORNING),
                              hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    try:
        window = MainWindow(services, poll_printers=False)
        qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
        window.show()
        qtbot.waitUntil(lambda: window.first_run_page is not None
                        and window.stack.currentWidget() is window.first_run_page, timeout=WAIT_MS)
        walk = Walk(qtbot, window)
        walk.look()
        regions = [kec.name for code in ("36.03", "36.74") for kec in services.regions.kecamatan_in(code)]
        regions += [services.regions.regency_header(code).title() for code in ("36.03", "36.74")]
        assert problems(walk.seen, regions) == []
    finally:
        services.close()


def test_the_marking_catches_english(qtbot, marked):
    """The check itself: a literal, a raw code and Qt's own untranslated text are all caught."""
    box = QMessageBox()
    box.setWindowTitle("Printer")
    box.setText("no_card")
    box.setInformativeText(QCoreApplication.translate("QPlatformTheme", "Save"))  # in qt_id: marked
    box.setDetailedText(QCoreApplication.translate("QFileDialog", "Look in:"))  # not in qt_id: English
    found = problems(visible_texts(box), [])
    assert any("no_card" in f for f in found)
    assert any("Look in:" in f for f in found)
    assert not any("Simpan" in f for f in found)
    box.deleteLater()


def test_the_check_catches_a_message_naming_a_missing_button(qtbot, marked):
    box = QMessageBox()
    box.setText("Kartu macet di printer. Keluarkan kartunya, lalu tekan Coba lagi.")
    box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    buttons = {b.text() for b in box.buttons()}
    assert named_buttons_missing(visible_texts(box), buttons)
    box.addButton("Coba lagi", QMessageBox.ButtonRole.AcceptRole)
    buttons = {b.text() for b in box.buttons()}
    assert named_buttons_missing(visible_texts(box), buttons) == []
    box.setText("Tekan Enter untuk memeriksa.")
    assert named_buttons_missing(visible_texts(box), buttons) == []
    box.deleteLater()
