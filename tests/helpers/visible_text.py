"""Reading every string a person can see in a window, and telling catalogued text from the rest.

`MarkingTranslator` stands in for the application's translators: every string that comes through
translation from one of our catalogues (the Indonesian sources of resources/translations/ktp_en.ts,
and resources/translations/qt_id.qm for Qt's own strings) comes back wrapped in ⟦ ⟧. Whatever is on
screen without the mark never went through a catalogue: an English literal, a raw code, Qt's English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop import i18n

OPEN, CLOSE = "⟦", "⟧"
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")

# Words that are English and never Indonesian: caught even inside catalogued text ("(spoiled)").
ENGLISH_WORDS = frozenset(
    ["the", "and", "of", "is", "are", "not", "please", "error", "failed", "spoiled", "jammed", "card", "cards", "cancel", "close", "save", "yes", "retry", "ignore", "apply", "help", "discard", "unknown", "ready", "printing", "queue", "waiting", "missing", "invalid", "found", "select", "undo", "redo", "copy", "paste", "delete", "cut", "scroll", "here", "left", "right", "edge", "page", "details", "show", "hide"]
)


class MarkingTranslator(QTranslator):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ours = {(m.context, m.source) for m in i18n.read_messages(i18n.TS_FILE)}
        self.qt = QTranslator(self)
        assert self.qt.load(str(i18n.QT_ID_QM_FILE)), "resources/translations/qt_id.qm did not load"

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if (context, source) in self.ours:
            return OPEN + source + CLOSE
        text = self.qt.translate(context, source, disambiguation, n)
        return OPEN + text + CLOSE if text else None  # None: not translated (an empty string would be)

    def isEmpty(self) -> bool:
        return False


@dataclass(frozen=True)
class Seen:
    where: str  # window title / widget class and object name
    text: str


def _plain(text: str) -> str:
    if re.search(r"<[a-zA-Z/][^>]*>|&\w+;", text):  # rich text: what shows is its plain text
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _model_texts(view: QAbstractItemView, where: str) -> list[Seen]:
    model = view.model()
    if model is None:
        return []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    seen = []
    for section in range(columns):
        header = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            seen.append(Seen(where + " header", str(header)))
    for row in range(min(model.rowCount(QModelIndex()), 100)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str) and value:
                    seen.append(Seen(f"{where} [{row},{column}]", value))
    return seen


def _menu_texts(menu: QMenu, where: str) -> list[Seen]:
    seen = [Seen(where, menu.title())] if menu.title() else []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.text():  # without the shortcut after the tab: key names are what is printed on the keys
            seen.append(Seen(f"{where} > action", action.text().split("\t")[0]))
        if action.menu() is not None:
            seen += _menu_texts(action.menu(), f"{where} > {action.text()}")
    return seen


def context_menu_texts(widget: QWidget) -> list[Seen]:
    """The right-click menu Qt builds for an editable or selectable text."""
    where = _name(widget) + " context menu"
    if isinstance(widget, QLineEdit):
        menu = widget.createStandardContextMenu()
    elif isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        menu = line.createStandardContextMenu() if line is not None else None
    else:
        return []
    try:
        return _menu_texts(menu, where) if menu is not None else []
    finally:
        if menu is not None:
            menu.deleteLater()


def visible_texts(window: QWidget) -> list[Seen]:
    """Every string visible in a window now: titles, labels, buttons, fields, lists, tables, menus, tooltips."""
    seen: list[Seen] = []
    title = window.windowTitle()
    if title:
        seen.append(Seen(_name(window) + " title", title))
    if isinstance(window, QMainWindow) and window.menuBar().isVisible():
        for action in window.menuBar().actions():
            if action.menu() is not None:
                seen += _menu_texts(action.menu(), "menu bar")
    widgets = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window)]
    for widget in [window, *widgets]:
        where = _name(widget)
        texts: list[str] = [widget.toolTip(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractSpinBox):
            texts += [getattr(widget, name)() for name in ("prefix", "suffix", "specialValueText")
                      if hasattr(widget, name)]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts += [widget.toPlainText(), widget.placeholderText()]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView):
            seen += _model_texts(widget, where)
        if isinstance(widget, QMessageBox):
            texts += [widget.text(), widget.informativeText(), widget.detailedText()]
        seen += [Seen(where, _plain(text)) for text in texts if text]
    return seen


def unmarked_rest(text: str, data: list[str]) -> str:
    """What is left of a text once catalogued parts and known data are taken out."""
    rest = text
    while True:
        stripped = _MARKED.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    rest = re.sub(r"\b(?:(?:Ctrl|Alt|Shift)\+)+\S+|\bF\d{1,2}\b|\b(?:Enter|Esc|Tab)\b", " ", rest)  # key names
    for value in data:
        rest = rest.replace(value, " ")
    rest = re.sub(r"\b[a-z]+://\S+", " ", rest)  # printer URIs
    rest = re.sub(r"(?:/[\w.-]+)+", " ", rest)  # file paths
    rest = re.sub(r"\bBLK-\d+", " ", rest)  # blanko serials
    rest = rest.replace("&", "")  # mnemonics
    return rest


def problems(seen: list[Seen], data: list[str]) -> list[str]:
    """Strings that are not Indonesian from a catalogue (or data), and English words anywhere."""
    data = sorted({d for d in data if d and d.strip()}, key=len, reverse=True)
    found = []
    for item in seen:
        rest = unmarked_rest(item.text, data)
        if re.search(r"[^\W\d_]", rest):
            found.append(f"{item.where}: {item.text!r} (not from a catalogue: {rest.strip()!r})")
            continue
        plain = item.text.replace(OPEN, " ").replace(CLOSE, " ").replace("&", "")
        for value in data:
            plain = plain.replace(value, " ")
        english = sorted({w for w in re.findall(r"[A-Za-z]+", plain) if w.lower() in ENGLISH_WORDS})
        if english:
            found.append(f"{item.where}: {item.text!r} (English: {', '.join(english)})")
    return found


def install(app) -> MarkingTranslator:
    translator = MarkingTranslator(app)
    QCoreApplication.installTranslator(translator)
    return translator


KEY_NAMES = re.compile(r"^(Enter|Esc|Escape|Tab|Spasi|Space|F\d+|Ctrl\+\S+|Alt\+\S+|Shift\+\S+)$", re.IGNORECASE)
_NAMED_BUTTON = re.compile(r"\b(?:tekan|klik|tombol)\s+([^\s;,.:)]+)", re.IGNORECASE)


def named_buttons_missing(seen: list[Seen], buttons: set[str]) -> list[str]:
    """Texts that tell the user to press a button (or key) this window does not have."""
    words = {w.lower() for text in buttons for w in re.findall(r"[^\W\d_]+", text)}
    found = []
    for item in seen:
        plain = item.text.replace(OPEN, "").replace(CLOSE, "")
        for name in _NAMED_BUTTON.findall(plain):
            if not KEY_NAMES.match(name) and name.lower() not in words:
                found.append(f"{item.where}: {plain!r} names {name!r}, which is not a button here")
    return found

