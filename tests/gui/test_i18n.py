"""English: the shipped translation is complete, compiled, and what the operator sees with --lang en."""

from __future__ import annotations

import re
import shutil
import uuid
from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from desktop import i18n
from desktop.devices.base import Fault
from desktop.services.faults import FAULT_MESSAGES
from desktop.ui.application import install_translators
from desktop.ui.main_window import MainWindow
from tests.helpers.fixtures import add_resident, make_station

WAIT_MS = 15000


@pytest.fixture
def english(qapp):
    """The English translator, as `ktp-mandiri --lang en` installs it; Indonesian again afterwards."""
    translators = install_translators(qapp, "en")
    assert translators, "resources/translations/ktp_en.qm did not load"
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


@pytest.fixture
def station_with_sim(tmp_path):
    from desktop.devices.simulator import forget_simulators

    station = make_station(tmp_path, printers=[f"sim://i18n-{uuid.uuid4().hex[:8]}"])
    yield station
    station.services.close()
    forget_simulators()


def open_window(qtbot, station) -> MainWindow:
    window = MainWindow(station.services, poll_printers=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.resize(1366, 740)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=WAIT_MS)
    return window


def log_in(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.login_page.username, "operator")
    qtbot.keyClicks(window.login_page.password, "operator123")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(window.printers.statuses), timeout=WAIT_MS)


def test_login_page_speaks_english(qtbot, english, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    page = window.login_page
    assert page.submit.text() == "Log in"
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "Log in to KTP-el Mandiri" in texts
    assert "Username" in texts and "Password" in texts
    assert not any("Masuk" in text or "Kata sandi" in text for text in texts)


def test_work_page_print_button_and_record_status_in_english(qtbot, english, station_with_sim):
    nik = add_resident(status="DUPLICATE_RECORD")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    assert page.print_button.text() == "4. Print e-KTP (Ctrl+P)"
    assert window.header.logout.text() == "Log out"
    assert page.reason.findText("Lost") > 0

    qtbot.keyClicks(page.nik_edit, nik)
    qtbot.keyClick(page.nik_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.status_box.isVisible(), timeout=WAIT_MS)
    assert page.fields["status"].text() == "Duplicate record"  # no raw code (DUP) for people
    explanation = page.status_box.text()
    assert "This resident's biometrics match another NIK (duplicate enrollment)." in explanation
    assert "Next step: The resident must go to the regency/city Disdukcapil office" in explanation


def test_service_messages_show_in_english(qtbot, english, station_with_sim):
    nik = add_resident(status="DUPLICATE_RECORD")
    window = open_window(qtbot, station_with_sim)
    log_in(qtbot, window)
    page = window.counter_page
    qtbot.keyClicks(page.nik_edit, nik)
    qtbot.keyClick(page.nik_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.status_box.isVisible(), timeout=WAIT_MS)
    # Built by the service from a template and the status's own (translated) label and next step.
    assert "Record status: Duplicate record. The resident must go to" in page.blockers.text()
    page.nik_edit.clear()
    qtbot.keyClicks(page.nik_edit, "3674069999900001")
    assert "is not valid" in page.nik_feedback.text()
    page.nik_edit.clear()  # with a NIK on the page, logging out would ask first
    window.logout()
    qtbot.keyClicks(window.login_page.username, "operator")
    qtbot.keyClicks(window.login_page.password, "wrong")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.login_page.error.isVisible(), timeout=WAIT_MS)
    assert window.login_page.error.text() == "Wrong username or password."


def test_domain_messages_translate_through_their_context(english):
    assert QCoreApplication.translate("PrinterFault", FAULT_MESSAGES[Fault.NO_CARD]).startswith(
        "The printer is out of blank cards."
    )


def test_without_the_translator_the_ui_stays_indonesian(qtbot, station_with_sim):
    window = open_window(qtbot, station_with_sim)
    assert window.login_page.submit.text() == "Masuk"


# --- the translation files --------------------------------------------------------------------------

def _markup(text: str) -> Counter:
    """Placeholders, rich-text tags, mnemonics and line breaks a translation must keep."""
    return Counter(re.findall(r"%\d+|%p%|</?[a-zA-Z]+|&(?![a-z]+;)|\n", text))


def test_every_message_has_a_finished_english_translation():
    messages = i18n.read_messages(i18n.TS_FILE)
    assert len(messages) > 100
    assert [m for m in messages if m.state or not m.translation.strip()] == []
    for m in messages:
        assert _markup(m.translation) == _markup(m.source), f"[{m.context}] {m.source!r} -> {m.translation!r}"


def test_translation_file_covers_every_string_in_the_sources(tmp_path):
    fresh = tmp_path / "ktp_en.ts"
    shutil.copy(i18n.TS_FILE, fresh)
    i18n.update(fresh)
    committed = {(m.context, m.source) for m in i18n.read_messages(i18n.TS_FILE)}
    current = {(m.context, m.source) for m in i18n.read_messages(fresh)}
    # New strings need `python -m desktop.i18n update`, an English translation in ktp_en.ts, then `... build`.
    assert (sorted(current - committed), sorted(committed - current)) == ([], [])


def test_committed_qm_is_built_from_the_committed_ts(tmp_path):
    rebuilt = tmp_path / "ktp_en.qm"
    i18n.build(i18n.TS_FILE, rebuilt)
    assert rebuilt.read_bytes() == i18n.QM_FILE.read_bytes(), "run `python -m desktop.i18n build`"
