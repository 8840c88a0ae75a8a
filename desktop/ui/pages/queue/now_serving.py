"""The now-serving window (issue 25) for a second screen or a TV in the waiting room: large numbers only,
the one just called and the few before it. A call turns the screen yellow for a moment and sounds the
system beep (no QtMultimedia). It runs all day: its labels are made once and only their text changes.

It reads the queue again after every queue change in this station's window (a call flashes at once),
and every few seconds besides, so that a window of its own process (`ktp-mandiri --now-serving`) or a
call from another window of the station shows too. F11 toggles full screen, Esc leaves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.fit import resize_within_window
from desktop.ui.operations import QUEUE, Change
from desktop.ui.operations import queue as queue_ops
from desktop.ui.style import NOW_SERVING_STYLESHEET

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.queue import TicketView
    from desktop.ui.operations import Operations
    from desktop.ui.shell.context import PageContext

SHOWN = 5  # the number called and the four before it
POLL_MS = 3_000
FLASH_MS = 250  # one half of a flash; a call flashes FLASHES times
FLASHES = 4


def open_now_serving(ctx: PageContext) -> NowServingWindow:
    """Menu Antrian > Layar nomor dipanggil: one window per station window, raised when open."""
    window = ctx.parent.findChild(NowServingWindow)
    if window is None:
        window = NowServingWindow(ctx.services, ctx.ops, ctx.parent, ctx.station.name if ctx.station else "")
    working = QApplication.activeWindow()
    window.show()
    if working is not None:  # the screen is for the waiting room: the operator keeps the keyboard
        working.activateWindow()
    return window


class NowServingWindow(QWidget):
    def __init__(self, services: Services, ops: Operations, parent: QWidget | None = None,
                 station_name: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.services, self.ops = services, ops
        self.setObjectName("nowServing")
        self.setWindowTitle(self.tr("Nomor dipanggil — KTP-el Mandiri"))
        self.setStyleSheet(NOW_SERVING_STYLESHEET)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the operator keeps the keyboard
        self.shown_ids: list[str] = []
        self.loaded = False  # the queue was read at least once
        self.calls_seen = 0  # calls shown since the window opened (flashes)
        self._flashes_left = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = self.tr("Nomor dipanggil")
        self.title = QLabel(f"{title} · {station_name}" if station_name else title, self)
        self.title.setObjectName("nowServingTitle")
        self.number = QLabel("—", self)
        self.number.setObjectName("nowServingNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        earlier_title = QLabel(self.tr("Sebelumnya"), self)
        earlier_title.setObjectName("nowServingEarlierTitle")
        earlier = QWidget(self)
        earlier.setObjectName("nowServingEarlier")
        row = QHBoxLayout(earlier)
        self.earlier = [QLabel("", earlier) for _ in range(SHOWN - 1)]
        for label in self.earlier:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(label, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.number, 3)
        layout.addWidget(earlier_title)
        layout.addWidget(earlier, 1)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_MS)
        self.flash_timer.timeout.connect(self._flash_step)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(lambda: self.reload(False))
        self.poll.start()
        ops.bus.changed.connect(self._changed)
        resize_within_window(self, 1280, 720)  # then moved to the TV and made full screen (F11)
        self.reload(False)

    def _changed(self, change: Change) -> None:
        if change.touches(QUEUE):
            self.reload(change.name in queue_ops.CALLED)

    def reload(self, called: bool) -> None:
        queue_ops.now_serving(self.services, SHOWN).success(lambda views: self.show_called(views, called)).quietly(
        ).run_in(self.ops)

    def show_called(self, views: list[TicketView], called: bool = False) -> None:
        """Newest first. `called`: a number was just called here (a recall of the shown number too);
        otherwise a new number at the top is a call made elsewhere."""
        self.loaded = True
        ids = [view.ticket_id for view in views]
        new_top = bool(ids) and (not self.shown_ids or ids[0] != self.shown_ids[0])
        self.number.setText(views[0].code if views else "—")
        for label, view in zip(self.earlier, [*views[1:], *[None] * SHOWN], strict=False):
            label.setText(view.code if view is not None else "")
        first = not self.shown_ids and not called
        self.shown_ids = ids
        if views and (called or new_top) and not first:
            self.calls_seen += 1
            self.flash()

    def flash(self) -> None:
        """Seen and heard: the beep, and the screen turns yellow FLASHES times."""
        QApplication.beep()
        self._flashes_left = FLASHES * 2
        self._set_flash(True)
        self.flash_timer.start()

    def _flash_step(self) -> None:
        self._flashes_left -= 1
        if self._flashes_left <= 0:
            self.flash_timer.stop()
            self._set_flash(False)
            return
        self._set_flash(self._flashes_left % 2 == 0)

    def _set_flash(self, on: bool) -> None:
        if self.property("flash") == on:
            return
        self.setProperty("flash", on)
        for widget in (self, *self.findChildren(QLabel)):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    @property
    def flashing(self) -> bool:
        return bool(self.property("flash"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)
