"""The office panel's tables: the kecamatan figures (a handful of rows, replaced at each refresh) and the
lazy lists of today's cards and of the audit log (Anki's browser table: row ids first, each block of rows
read on the database lane when it is first shown, kept until the list changes)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.ui.operations import Operations, QueryOp
from desktop.ui.tables import RowsModel

Index = QModelIndex | QPersistentModelIndex
BLOCK = 100  # rows read at once when a row without its contents is shown


class FixedTable(RowsModel):
    """Rows of ready cell texts, replaced as a whole (`set_rows`)."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.colours: list[QColor | None] = []

    def set_rows(self, rows: list[list[str]], colours: list[QColor | None] | None = None) -> None:
        colours = colours or [None] * len(rows)
        if rows == self.rows and colours == self.colours:
            return  # a refresh that changed nothing keeps the selection and costs no layout
        self.beginResetModel()
        self.rows = rows
        self.colours = colours
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colours[index.row()]
        return None


class LazyTable(RowsModel):
    """Row keys known up front; each row's contents read in blocks when first asked for.

    fetch(keys) -> {key: row} runs on the database lane; cells(row) -> the row's texts. A row not read yet
    shows "…"; one whose block failed shows the error, greyed.
    """

    def __init__(self, ops: Operations, headers: list[str], fetch: Callable[[list], dict],
                 cells: Callable[[Any], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops, self.headers, self.fetch, self.cells = ops, headers, fetch, cells
        self.keys: list[Hashable] = []
        self.rows: dict[Hashable, Any] = {}
        self.failed: dict[int, str] = {}
        self._pending: set[int] = set()
        self._generation = 0

    def set_keys(self, keys: list[Hashable], keep_rows: bool = False) -> None:
        """A new list (a refresh or another filter); nothing happens when it is the same list."""
        if keys == self.keys and keep_rows:
            return
        self.beginResetModel()
        self._generation += 1  # blocks still being read belong to the old list
        self.keys = list(keys)
        if not keep_rows:
            self.rows = {}
        self.failed.clear()
        self._pending.clear()
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self.rows.get(self.keys[number])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows.get(self.keys[index.row()])
        block = index.row() // BLOCK
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                if block in self.failed:
                    return self.failed[block] if index.column() == 0 else ""
                self._request(block)
                return "…" if index.column() == 0 else ""
            if role == Qt.ItemDataRole.ForegroundRole and block in self.failed:
                return QColor("#888888")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(row)[index.column()]
        return None

    def _request(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        keys = [k for k in self.keys[block * BLOCK:(block + 1) * BLOCK] if k not in self.rows]
        generation, fetch = self._generation, self.fetch
        QueryOp("db", lambda: fetch(keys)).success(lambda rows: self._arrived(generation, block, rows)).failure(
            lambda exc: self._failed(generation, block, exc)).run_in(self.ops)

    def _arrived(self, generation: int, block: int, rows: dict) -> None:
        if generation != self._generation:
            return
        self.rows.update(rows)
        self._pending.discard(block)
        self._changed(block)

    def _failed(self, generation: int, block: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        from desktop.ui.text import error_text

        self.failed[block] = error_text(exc)
        self._changed(block)

    def _changed(self, block: int) -> None:
        first, last = block * BLOCK, min(len(self.keys), (block + 1) * BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
