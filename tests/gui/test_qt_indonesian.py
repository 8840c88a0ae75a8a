"""Qt's own strings (standard buttons, context menus) in Bahasa Indonesia: Qt ships no qtbase_id."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop import i18n
from desktop.ui.application import install_translators
from tests.helpers.qm import qm_messages

# Qt's contexts whose every string can reach our windows: all of them must have our Indonesian.
COVERED = ("QPlatformTheme", "QDialogButtonBox", "QLineEdit", "QWidgetTextControl", "QAbstractSpinBox",
           "QScrollBar", "QUnicodeControlCharacterMenu", "QProgressDialog", "QDialog")


@pytest.fixture
def indonesian(qapp):
    translators = install_translators(qapp, "id")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def _qt_catalogue() -> Path:
    """Qt's own German catalogue lists the strings Qt translates (the source texts are in the .qm)."""
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_de.qm"
    if not path.exists():
        pytest.skip("this Qt has no qtbase translations to compare with")
    return path


def test_qt_id_covers_every_string_qt_translates_in_the_contexts_we_show():
    ours = {(m.context, m.source): m.translation for m in i18n.read_messages(i18n.QT_ID_TS_FILE)}
    qt = {(m["context"], m["source"]) for m in qm_messages(_qt_catalogue()) if m.get("context") in COVERED}
    assert len(qt) > 50
    missing = sorted(qt - set(ours))
    assert missing == [], "add these to resources/translations/qt_id.ts"
    extra = sorted(key for key in ours if key[0] in COVERED and key not in qt)
    assert extra == [], "not a string of this Qt (misspelt?)"
    assert all(text.strip() for text in ours.values())
    details = {("QMessageBox", "Show Details..."), ("QMessageBox", "Hide Details...")}
    assert details <= set(ours)


def test_standard_buttons_and_context_menu_are_indonesian(qtbot, indonesian):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    texts = {b.text() for b in buttons.buttons()}
    assert texts == {"OK", "Batal", "Tutup"}
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    labels = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert "Salin" in labels and "Tempel" in labels and "Pilih semua" in labels
    assert not {"Copy", "Paste", "Select All", "Undo"} & set(labels)
    menu.deleteLater()


def test_committed_qt_id_qm_is_built_from_its_ts(tmp_path):
    rebuilt = tmp_path / "qt_id.qm"
    i18n.build(i18n.QT_ID_TS_FILE, rebuilt)
    assert rebuilt.read_bytes() == i18n.QT_ID_QM_FILE.read_bytes(), "run `python -m desktop.i18n build`"
