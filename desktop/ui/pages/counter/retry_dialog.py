"""After a printer fault: print the card again on this printer, on another ready one, or not at all."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.printer_controller import PrinterController
from desktop.ui.text import error_text


class RetryDialog(QMessageBox):
    def __init__(self, exc: BaseException, uri: str, printers: PrinterController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uri = uri
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Printer bermasalah"))
        self.setText(error_text(exc))
        self.setObjectName("faultDialog")
        self.setInformativeText(self.tr("Setelah masalahnya diatasi, tekan Coba lagi; kartu dicetak pada blanko baru."))
        self.retry = self.addButton(self.tr("Coba lagi"), QMessageBox.ButtonRole.AcceptRole)
        others = [u for u in printers.uris if u != uri]
        self.other_ready = printers.next_ready(others) if others else None
        self.elsewhere = None
        if self.other_ready is not None:
            self.elsewhere = self.addButton(self.tr("Cetak di %1").replace("%1", printers.name(self.other_ready)),
                                            QMessageBox.ButtonRole.ActionRole)
        self.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry)

    def ask(self) -> str | None:
        """The printer to print on again, or None when the operator gave up."""
        self.exec()
        clicked = self.clickedButton()
        if clicked is self.retry:
            return self.uri
        return self.other_ready if self.elsewhere is not None and clicked is self.elsewhere else None
