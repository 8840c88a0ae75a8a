"""Today's print jobs of this session, newest first: who, which printer, where the card is."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex

STATE_COLOURS = {"running": "#1f4e9c", "done": "#0b6b2b", "failed": "#b00020"}


@dataclass
class QueueRow:
    key: int
    name: str
    printer: str
    status: str
    state: str  # running / done / failed


class PrintQueueModel(QAbstractTableModel):
    """Rows keyed by a session-local job number; the view never holds model objects of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QueueRow] = []
        self.headers = [self.tr("Penduduk"), self.tr("Printer"), self.tr("Keadaan")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.printer, row.status)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QColor(STATE_COLOURS[row.state])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def add(self, key: int, name: str, printer: str, status: str) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, QueueRow(key, name, printer, status, "running"))
        self.endInsertRows()

    def update(self, key: int, status: str, state: str = "running", printer: str | None = None) -> None:
        for number, row in enumerate(self.rows):
            if row.key == key:
                row.status, row.state = status, state
                if printer is not None:
                    row.printer = printer
                self.dataChanged.emit(self.index(number, 0), self.index(number, 2))
                return

    def running(self) -> int:
        return sum(row.state == "running" for row in self.rows)


class PrintQueueView(QTableView):
    """Whole messages: the state column wraps and each row is as tall as its text (never elided)."""

    MIN_ROWS = 4

    def __init__(self, model: PrintQueueModel, parent: QWidget | None = None, min_rows: int = MIN_ROWS) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a display: Tab goes from Cetak back to the NIK
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        one_line = max(rows.defaultSectionSize(), self.fontMetrics().lineSpacing() + 8)
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(header.sizeHint().height() + min_rows * one_line + frame)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())
