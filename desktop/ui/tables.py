"""What the station's tables share: rows under a row of column headers. Qt's counting and header methods
are written once here; each table's model says only what its cells show (`data`)."""

from __future__ import annotations

from collections.abc import Iterable, Sized
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A flat table: `rows` (one an entry) under `headers` (one a column). A model whose rows are kept
    otherwise (keys first, contents later) overrides `rowCount`."""

    headers: list[str]
    rows: Sized

    def set_rows(self, rows: Iterable[Any]) -> None:
        """All the rows replaced at once (a reload)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
