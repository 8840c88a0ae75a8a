"""While a card waits in an OS print queue that needs someone (paused, printer offline, out of cards):
the operator is told at once, and chooses to wait (the card prints when the queue goes on) or to cancel
the card (the job is deleted in the queue; the blanko goes back to stock when it had not started).

The print goes on on the printer's thread meanwhile: the box is not modal to the print, and it closes
by itself when the queue goes on or the card is settled.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.devices.base import PrintProgress
from desktop.ui.printer_controller import PrinterController
from desktop.ui.text import tr_message

log = logging.getLogger("ktp.ui")


class QueueWaitDialog(QMessageBox):
    """"Tunggu" or "Batalkan kartu" for one card waiting in a print queue."""

    def __init__(self, printer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueWaitDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Kartu menunggu di antrian printer"))
        self.printer = printer
        self.setInformativeText(self.tr("Tunggu: kartu dicetak begitu antrian berjalan lagi. Batalkan kartu: "
                                        "pekerjaan dihapus dari antrian; blanko kembali ke stok bila belum mulai "
                                        "dicetak."))
        self.wait_button = self.addButton(self.tr("Tunggu"), QMessageBox.ButtonRole.RejectRole)
        self.cancel_button = self.addButton(self.tr("Batalkan kartu"), QMessageBox.ButtonRole.DestructiveRole)
        self.setDefaultButton(self.wait_button)

    def say(self, shown: str) -> None:
        self.setText(self.tr("Printer %1: %2.").replace("%1", self.printer).replace("%2", shown))


class QueueWaits:
    """The open waiting boxes of the counter's cards, by job number."""

    def __init__(self, printers: PrinterController, parent: QWidget) -> None:
        self.printers = printers
        self.parent = parent
        self.dialogs: dict[int, QueueWaitDialog] = {}

    def waiting(self, key: int, uri: str, progress: PrintProgress) -> None:
        """Show (or update) the box for card `key` printing on `uri`."""
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = QueueWaitDialog(self.printers.name(uri), self.parent)
            dialog.buttonClicked.connect(lambda button, key=key, uri=uri: self._chosen(key, uri, button))
            self.dialogs[key] = dialog
        dialog.say(tr_message(progress.extra.get("shown", "")))
        dialog.open()

    def settled(self, key: int) -> None:
        """The card went on printing, or has its outcome: the question is over."""
        dialog = self.dialogs.pop(key, None)
        if dialog is not None:
            dialog.done(0)
            dialog.deleteLater()

    def _chosen(self, key: int, uri: str, button) -> None:
        dialog = self.dialogs.pop(key, None)
        if dialog is not None and button is dialog.cancel_button:
            log.info("the operator cancelled card %s waiting on %s", key, uri)
            self.printers.cancel(uri)
        if dialog is not None:
            dialog.deleteLater()
