"""The one error presenter: what the operator can act on is said plainly; a bug is logged with its
traceback and told with where the log is; a database fault says that nothing was lost. All of it goes
through the message bridge to the bar under the header (desktop/ui/message.py); only data that cannot
be opened at all is a dialog, as the window closes after it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import UserFacingError
from desktop.ui.message import MessageBridge
from desktop.ui.text import error_text

log = logging.getLogger("ktp.ui")


class ErrorPresenter(QObject):
    def __init__(self, window: QWidget, messages: MessageBridge, interactive: bool = True,
                 log_file: Path | None = None) -> None:
        super().__init__(window)
        self.window, self.messages = window, messages
        self.interactive = interactive  # False for --smoke-test: no modal dialog may wait for a person
        self.log_file = log_file

    def load_failed(self, exc: BaseException) -> str:
        """The data could not be opened: say why, then the window closes. Returns the sentence."""
        text = error_text(exc) if isinstance(exc, UserFacingError) else repr(exc)
        if not isinstance(exc, UserFacingError):
            log.error("could not open the data: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))
        if self.interactive:
            QMessageBox.critical(self.window, self.tr("KTP-el Mandiri"), text)
        return text

    def on_page(self, page, exc: BaseException) -> None:
        """A refusal is shown on the page that asked (log-in, first run); anything else is fatal."""
        if isinstance(exc, UserFacingError):
            page.show_error(error_text(exc))
        else:
            self.fatal(exc)

    def action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.messages.warning(error_text(exc))
        else:
            self.fatal(exc)

    def fatal(self, exc: BaseException) -> None:
        log.error("unexpected error: %s\n%s", exc, getattr(exc, "__ktp_traceback__", ""))
        from peewee import DatabaseError, OperationalError

        if isinstance(exc, UserFacingError):  # a storage fault (full disk, read-only file) met in the background
            text = error_text(exc)
        elif isinstance(exc, OperationalError | DatabaseError):
            # SQLite's own words are in the log above, not in the sentence.
            text = self.tr("Database tidak dapat dipakai saat ini. Tidak ada data yang hilang; coba lagi sebentar "
                           "lagi. Jika berulang, tutup aplikasi lain yang membuka data ini atau hubungi petugas TI.")
        else:
            text = self.tr("Terjadi kesalahan program yang tidak terduga. Data yang sudah tersimpan aman.\n"
                           "Kirim berkas log ini ke petugas TI: %1").replace("%1", str(self.log_file or "-"))
        self.messages.error(text)  # the bar keeps one line per sentence: a timer does not pile them up
