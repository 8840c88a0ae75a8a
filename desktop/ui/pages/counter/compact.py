"""The counter on a short screen (1366x768 at 125 %, 1920x1080 at 150 %: a work area about 460-580
logical pixels high, docs/ui-style.md "Short screens"): the whole flow (NIK, the citizen's data, the
preview, what is missing, reason and documents, printer and print button, the result) stays in sight
without scrolling. Today's work, the one secondary part, collapses behind a button beside the printer
and takes the citizen's place while it is open; a new NIK brings the citizen back. The preview takes
what height is left (it scales down, keeping the card's shape)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject
from PySide6.QtWidgets import QPushButton, QWidget


class CompactCounter(QObject):
    """Watches the height the page is given (its scroll area's viewport) and collapses today's work
    when the page would otherwise need more."""

    def __init__(self, page: QWidget, today_box: QWidget, citizen: QWidget, today: QAbstractItemModel) -> None:
        """page: the counter page (its left column binds the height); citizen: the citizen's data, which
        today's work replaces; today: the model of today's work (its row count is on the button)."""
        super().__init__(page)
        self.page, self.today_box, self.citizen, self.today = page, today_box, citizen, today
        self.compact = False
        self.watched: QWidget | None = None
        self.toggle = QPushButton(page)
        self.toggle.setObjectName("todayToggle")
        self.toggle.setCheckable(True)
        self.toggle.hide()
        self.toggle.toggled.connect(self._apply)
        today.rowsInserted.connect(self._label)
        today.modelReset.connect(self._label)
        self._label()

    def watch(self) -> None:
        """Follow the viewport the page sits in (called when the page is shown: the work area puts it there)."""
        viewport = self.page.parentWidget()
        if viewport is not None and viewport is not self.watched:
            if self.watched is not None:
                self.watched.removeEventFilter(self)
            viewport.installEventFilter(self)
            self.watched = viewport
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.watched and event.type() == QEvent.Type.Resize:
            self.update()
        return False

    def full_height(self) -> int:
        """The least height of the page with today's work shown under the citizen (the left column binds)."""
        layout = self.page.layout()
        margins = layout.contentsMargins()
        left = layout.itemAt(0).layout()
        parts = [left.itemAt(i).widget() for i in range(left.count())]
        heights = [part.minimumSizeHint().height() for part in parts if part is not None]
        return margins.top() + margins.bottom() + sum(heights) + left.spacing() * (len(heights) - 1)

    def update(self) -> None:
        available = self.watched.height() if self.watched is not None else self.page.height()
        compact = available < self.full_height()
        if compact != self.compact:
            self.compact = compact
            if not compact:
                self.toggle.setChecked(False)
            self._apply()

    def show_citizen(self) -> None:
        """A new NIK typed or scanned: the citizen's data come back in place of today's work."""
        self.toggle.setChecked(False)

    def _apply(self) -> None:
        today = not self.compact or self.toggle.isChecked()
        self.toggle.setVisible(self.compact)
        self.today_box.setVisible(today)
        self.citizen.setVisible(not (self.compact and self.toggle.isChecked()))
        self._label()

    def _label(self) -> None:
        if self.toggle.isChecked():
            self.toggle.setText(self.tr("Kembali ke data penduduk"))
        else:
            self.toggle.setText(self.tr("Pekerjaan hari ini (%1)").replace("%1", str(self.today.rowCount())))
